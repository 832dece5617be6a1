"""Querysets of the plan. A plan's versions are written once and never changed: their queryset
refuses a bulk update or delete, whatever the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models

if TYPE_CHECKING:
    from tukiverkko.plans.models import PlanVersion  # noqa: F401


class ImmutableVersion(Exception):
    """A plan version was about to be changed or deleted (nothing was)."""


def refuse_change() -> NoReturn:
    raise ImmutableVersion("a plan version is immutable: it is never updated or deleted")


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def update(self, **kwargs: Any) -> NoReturn:
        refuse_change()

    def delete(self) -> NoReturn:
        refuse_change()
