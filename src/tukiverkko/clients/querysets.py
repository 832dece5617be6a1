"""Scoped querysets: client data is reached through ``visible_to(user)``, which asks the one
access policy (clients/access.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from tukiverkko.clients.models import Case, Client, JournalEntry  # noqa: F401


class ClientQuerySet(models.QuerySet["Client"]):
    def visible_to(self, user: Any) -> ClientQuerySet:
        from tukiverkko.clients.access import client_scope

        return self.filter(client_scope(user))


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Any) -> CaseQuerySet:
        from tukiverkko.clients.access import client_scope

        return self.filter(client__in=_clients_model().objects.filter(client_scope(user)))

    def open(self) -> CaseQuerySet:
        return self.exclude(phase="closed")


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def for_case(self, case_id: int) -> JournalEntryQuerySet:
        return self.filter(case_id=case_id)


def _clients_model() -> Any:
    from tukiverkko.clients.models import Client

    return Client
