"""Querysets of justified access, and its grant (declared in access/apps.py, read only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from tukiverkko.access.models import JustifiedAccess  # noqa: F401
    from tukiverkko.accounts.models import User


class JustifiedAccessQuerySet(models.QuerySet["JustifiedAccess"]):
    def active(self) -> JustifiedAccessQuerySet:
        return self.filter(ended_at__isnull=True, ends_at__gt=timezone.now())

    def unreviewed(self) -> JustifiedAccessQuerySet:
        return self.filter(reviewed_at__isnull=True)


def clients_of_justified_access(user: User) -> models.QuerySet[Any]:
    """Grant (read only): the clients of ``user``'s justified accesses that have not ended."""
    from tukiverkko.access.models import JustifiedAccess

    return JustifiedAccess.objects.active().filter(user=user).values("client_id")
