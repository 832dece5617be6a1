"""A disclosure: one checked and logged transfer to another organisation or an outside
recipient."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tukiverkko.accounts.actors import Actor, Professional
from tukiverkko.accounts.models import Organisation
from tukiverkko.accounts.roles import register_of
from tukiverkko.audit.actions import record_disclosure
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.consent.models import (
    Consent,
    ExternalRecipient,
)
from tukiverkko.consent.policy import ConsentFacts


@dataclass(frozen=True)
class Disclosure:
    """Information of one register shown to another organisation under one consent or one
    legal basis."""

    from_organisation_id: int | None
    from_register: str
    consent: ConsentFacts | None
    legal_basis_id: int | None
    categories: frozenset[str]
    what: str  # what was disclosed, e.g. "client_page:journal_entry,phase_reason"

    @property
    def basis(self) -> str:
        if self.consent is not None:
            return f"consent:{self.consent.id}"
        return f"legal_basis:{self.legal_basis_id}"


@transaction.atomic
def disclose(
    *,
    by: Actor,
    client_id: int,
    to_organisation: Organisation,
    purpose: str,
    disclosures: Iterable[Disclosure],
) -> None:
    """Log each disclosure, and spend every oral consent one of them used — all or nothing.

    An oral consent covers one transaction (Kela): the first disclosure under it uses it up."""
    spent: set[int] = set()
    for disclosure in disclosures:
        record_disclosure(
            user=by,
            client_id=client_id,
            from_organisation_id=disclosure.from_organisation_id,
            from_register=disclosure.from_register,
            to_organisation=to_organisation,
            categories=disclosure.categories,
            purpose=purpose,
            what=disclosure.what,
            consent_id=disclosure.consent.id if disclosure.consent else None,
            basis=disclosure.basis,
        )
        if disclosure.consent is not None and disclosure.consent.oral:
            spent.add(disclosure.consent.id)
    for consent_id in sorted(spent):
        used = Consent.objects.filter(pk=consent_id, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            record_event(by, client_id, EventType.CONSENT_ORAL_USED, consent_id)


@transaction.atomic
def disclose_to_external(
    *,
    by: Professional,
    client_id: int,
    recipient: ExternalRecipient,
    consent: ConsentFacts,
    categories: Iterable[str],
    purpose: str,
    what: str,
) -> None:
    """Log a disclosure of ``by``'s register's information to an external recipient (an
    employer) under ``consent`` (consent.policy.may_disclose_to_external allowed it), and spend
    the consent if it was oral — all or nothing."""
    record_disclosure(
        user=by,
        client_id=client_id,
        from_organisation_id=by.organisation_id,
        from_register=register_of(by) or "",
        to_organisation=None,
        to_name=f"{recipient.get_kind_display()}: {recipient}",
        categories=categories,
        purpose=purpose,
        what=what,
        consent_id=consent.id,
        basis=f"consent:{consent.id}",
    )
    if consent.oral:
        used = Consent.objects.filter(pk=consent.id, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            record_event(by, client_id, EventType.CONSENT_ORAL_USED, consent.id)
