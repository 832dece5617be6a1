"""Querysets of the person register. It adds no grant to the access policy: an organisation's
client relationship opens the client to none of its professionals by itself (issue 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from tukiverkko.clients.models import Client, ClientRelationship  # noqa: F401


class ClientQuerySet(models.QuerySet["Client"]):
    pass


class ClientRelationshipQuerySet(models.QuerySet["ClientRelationship"]):
    def open(self) -> ClientRelationshipQuerySet:
        return self.filter(ended_at__isnull=True)
