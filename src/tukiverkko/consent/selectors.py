"""Consent questions answered from the database (the decisions themselves are consent.policy's)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from tukiverkko.consent.models import NETWORK_PURPOSES, Consent
from tukiverkko.consent.policy import Reader, covers_recipient
from tukiverkko.consent.querysets import facts_of


def admitting_consent(
    client_id: int,
    *,
    organisation_id: int,
    register: str,
    recipient_organisation_id: int,
    recipient_unit_id: int | None,
    purposes: frozenset[str] = NETWORK_PURPOSES,
) -> Consent | None:
    """A standing consent of ``organisation_id``'s ``register`` naming the recipient (their
    organisation or unit) for one of ``purposes`` (network work unless told), valid today — what
    admitting a professional of another register to a client's network needs
    (cases.actions.add_network_member), or feedback to a referrer of another organisation
    (``Purpose.FEEDBACK_TO_REFERRER``, assessments.actions)."""
    names = Q(organisations=recipient_organisation_id)
    if recipient_unit_id is not None:
        names |= Q(units=recipient_unit_id)
    candidates = (
        Consent.objects.for_client(client_id)
        .standing()
        .filter(disclosing_organisation_id=organisation_id, disclosing_register=register)
        .filter(pk__in=Consent.objects.filter(names).values("pk"))
        .prefetch_related("organisations", "units")
    )
    reader = Reader(recipient_organisation_id, recipient_unit_id, None)
    today = timezone.localdate()
    for consent in candidates:
        if not covers_recipient(facts_of(consent), reader=reader, purposes=purposes, today=today):
            return consent
    return None
