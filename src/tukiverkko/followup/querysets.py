"""Querysets of follow-up tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from tukiverkko.followup.models import Task  # noqa: F401


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status="open")

    def of(self, owner_id: int) -> TaskQuerySet:
        return self.filter(owner_id=owner_id)

    def for_list(self) -> TaskQuerySet:
        """Due first: the overdue at the top (their due dates are the earliest), then by date."""
        return self.order_by("due", "pk")
