"""The search filters of Consent and CareTeam: their FHIR statuses as database filters, so that
a search by status finds exactly the rows whose resource has that status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tukiverkko.cases.models import Phase
from tukiverkko.interop.fhir.search import one_of, reference_id


def consent_statuses(today: dt.date) -> dict[str, Q]:
    """mapping_network.consent_status as filters: revoked, expired or used up is inactive;
    awaiting the client's confirmation is proposed; the rest active."""
    standing = Q(revoked_at__isnull=True)
    spent = Q(valid_until__lt=today) | Q(used_at__isnull=False)
    return {
        "proposed": standing & Q(awaits_confirmation=True),
        "active": standing & Q(awaits_confirmation=False) & ~spent,
        "inactive": ~standing | (Q(awaits_confirmation=False) & spent),
    }


CARETEAM_STATUS = {"active": ~Q(phase=Phase.CLOSED), "inactive": Q(phase=Phase.CLOSED)}


def _by_status(qs: QuerySet[Any], query: dict[str, str], table: dict[str, Q]) -> QuerySet[Any]:
    if "patient" in query:
        qs = qs.filter(client_id=reference_id(query["patient"], "Patient", "patient"))
    if "status" in query:
        wanted = Q()
        for status in one_of(query["status"], table, "status"):
            wanted |= table[status]
        qs = qs.filter(wanted)
    return qs


def narrow_consents(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    return _by_status(qs, query, consent_statuses(timezone.localdate()))


def narrow_teams(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    return _by_status(qs, query, CARETEAM_STATUS)
