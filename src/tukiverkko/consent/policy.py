"""The one answer to "may organisation X see category C of a client for purpose P on day D?".

Pure Python over plain facts (``ConsentFacts``): no Django, no database — import-linter keeps it
so. The facts are loaded by ``consent.querysets`` and the decision is asked by the case page's
selector for every piece of another organisation's information it would show; nothing else
decides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentFacts:
    """What the decision needs of one consent row."""

    id: int
    organisation_ids: frozenset[int]
    categories: frozenset[str]
    purposes: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None
    revoked: bool
    oral: bool
    used: bool  # an oral consent covers one transaction: the first disclosure uses it up


@dataclass(frozen=True)
class ConsentDecision:
    allowed: bool
    consent: ConsentFacts | None
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def covers(
    consent: ConsentFacts, *, organisation_id: int, category: str, purpose: str, today: dt.date
) -> str:
    """Why ``consent`` does not cover the request ("" when it does)."""
    if consent.revoked:
        return "revoked"
    if consent.valid_from > today:
        return "not_yet_valid"
    if consent.valid_until is not None and consent.valid_until < today:
        return "expired"
    if consent.oral and consent.used:
        return "oral_used"
    if category not in consent.categories:
        return "category"
    if purpose not in consent.purposes:
        return "purpose"
    if organisation_id not in consent.organisation_ids:
        return "organisation"
    return ""


def may_disclose(
    consents: Iterable[ConsentFacts],
    *,
    to_organisation_id: int | None,
    category: str,
    purpose: str,
    today: dt.date,
) -> ConsentDecision:
    """May ``to_organisation_id`` see ``category`` for ``purpose`` on ``today``, under one of the
    client's ``consents``? Answers with the covering consent — written preferred over oral, so
    a standing written consent is used before a one-off oral one is spent."""
    if to_organisation_id is None:
        return ConsentDecision(False, None, "no_organisation")
    reasons: list[str] = []
    for consent in sorted(consents, key=lambda c: (c.oral, -c.id)):
        why = covers(
            consent,
            organisation_id=to_organisation_id,
            category=category,
            purpose=purpose,
            today=today,
        )
        if not why:
            return ConsentDecision(True, consent, "consent")
        reasons.append(why)
    return ConsentDecision(False, None, reasons[0] if reasons else "no_consent")
