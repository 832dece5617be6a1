"""The one answer to "may organisation X see category C of client K for purpose P now?".

The access policy (clients/access.py) asks this for every piece of another organisation's
information it would show; nothing else decides it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tukiverkko.consent.models import Consent


@dataclass(frozen=True)
class ConsentDecision:
    allowed: bool
    consent: Consent | None
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def covers(
    consent: Consent,
    *,
    organisation_id: int,
    category: str,
    purpose: str,
    today: dt.date,
    organisation_ids: set[int] | None = None,
) -> str:
    """Why ``consent`` does not cover the request ("" when it does). Pure over the row."""
    if consent.revoked_at is not None:
        return "revoked"
    if consent.valid_from > today:
        return "not_yet_valid"
    if consent.valid_until is not None and consent.valid_until < today:
        return "expired"
    if consent.is_oral and consent.used_at is not None:
        return "oral_used"
    if category not in consent.categories:
        return "category"
    if purpose not in consent.purposes:
        return "purpose"
    orgs = (
        organisation_ids
        if organisation_ids is not None
        else set(consent.organisations.values_list("pk", flat=True))
    )
    if organisation_id not in orgs:
        return "organisation"
    return ""


def may_disclose(
    *,
    client_id: int,
    to_organisation: Any,
    category: str,
    purpose: str,
    at: dt.datetime | None = None,
    consents: list[Consent] | None = None,
) -> ConsentDecision:
    """May ``to_organisation`` see ``category`` of client ``client_id`` for ``purpose`` at
    ``at`` (default now)? Answers with the covering consent (written preferred over oral, so
    a standing written consent is used before a one-off oral one is spent).

    ``consents`` lets a caller that checks many entries of one client pass the client's
    consents (with ``organisations`` prefetched) once.
    """
    if to_organisation is None:
        return ConsentDecision(False, None, "no_organisation")
    today = timezone.localdate(at or timezone.now())
    rows = (
        consents
        if consents is not None
        else list(Consent.objects.filter(client_id=client_id).prefetch_related("organisations"))
    )
    reasons: list[str] = []
    for consent in sorted(rows, key=lambda c: (c.is_oral, -c.pk)):
        org_ids = {o.pk for o in consent.organisations.all()}
        why = covers(
            consent,
            organisation_id=to_organisation.pk,
            category=category,
            purpose=purpose,
            today=today,
            organisation_ids=org_ids,
        )
        if not why:
            return ConsentDecision(True, consent, "consent")
        reasons.append(why)
    return ConsentDecision(False, None, reasons[0] if reasons else "no_consent")
