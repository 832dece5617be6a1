"""Reading the audit logs: what the data-protection officer (and later the client) sees."""

from __future__ import annotations

from django.db.models import QuerySet

from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry


def access_log_for_client(client_id: int) -> QuerySet[AccessLogEntry]:
    """Every logged read of one client's data, newest first."""
    return AccessLogEntry.objects.filter(client_id=client_id).order_by("-seq")


def disclosures_for_client(client_id: int) -> QuerySet[DisclosureLogEntry]:
    """Every logged disclosure of one client's data, newest first."""
    return DisclosureLogEntry.objects.filter(client_id=client_id).order_by("-seq")
