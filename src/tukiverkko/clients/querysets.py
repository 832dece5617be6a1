"""Querysets of the person register, and the grant this app adds to the access policy
(``tukiverkko.access.policy`` composes it; this module never asks the policy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from tukiverkko.accounts.models import User
    from tukiverkko.clients.models import Client, ClientRelationship  # noqa: F401


class ClientQuerySet(models.QuerySet["Client"]):
    pass


class ClientRelationshipQuerySet(models.QuerySet["ClientRelationship"]):
    def open(self) -> ClientRelationshipQuerySet:
        return self.filter(ended_at__isnull=True)


def clients_of_organisation(user: User) -> models.QuerySet[Any]:
    """Grant: the clients with whom the user's organisation holds an open client relationship."""
    from tukiverkko.clients.models import ClientRelationship

    if user.organisation_id is None:
        return ClientRelationship.objects.none().values("client_id")
    return (
        ClientRelationship.objects.open()
        .filter(organisation_id=user.organisation_id)
        .values("client_id")
    )
