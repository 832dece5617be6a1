"""Recording, revoking and spending consents, and disclosing under them — each validates,
changes and logs in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Actor, Professional
from tukiverkko.accounts.models import Organisation
from tukiverkko.audit.actions import record_disclosure
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import Consent, ConsentForm, InfoCategory, Purpose
from tukiverkko.consent.policy import ConsentFacts


def _validate(
    *,
    organisations: list[Organisation],
    categories: list[str],
    purposes: list[str],
    form: str,
    valid_from: dt.date,
    valid_until: dt.date | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not organisations:
        errors["organisations"] = [_("Valitse vähintään yksi organisaatio, jota suostumus koskee.")]
    if not categories or not set(categories) <= set(InfoCategory.values):
        errors["categories"] = [_("Valitse vähintään yksi tietoryhmä (esim. terveys, työllisyys).")]
    if not purposes or not set(purposes) <= set(Purpose.values):
        errors["purposes"] = [_("Valitse vähintään yksi käyttötarkoitus.")]
    if form not in ConsentForm.values:
        errors["form"] = [_("Valitse suostumuksen muoto.")]
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = [_("Päättymispäivä ei voi olla ennen alkamispäivää.")]
    if form == ConsentForm.ORAL and valid_until is not None and valid_until != valid_from:
        errors["valid_until"] = [
            _(
                "Suullinen suostumus koskee vain yhtä asiointikertaa: se on voimassa vain yhden päivän."
            )
        ]
    return errors


@transaction.atomic
def record_consent(
    *,
    client: Client,
    by: Professional,
    organisations: Iterable[Organisation],
    categories: Iterable[str],
    purposes: Iterable[str],
    form: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    note: str = "",
) -> Consent:
    orgs, cats, purps = list(organisations), sorted(set(categories)), sorted(set(purposes))
    if form == ConsentForm.ORAL and valid_until is None:
        valid_until = valid_from
    errors = _validate(
        organisations=orgs,
        categories=cats,
        purposes=purps,
        form=form,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        client=client,
        categories=cats,
        purposes=purps,
        form=form,
        valid_from=valid_from,
        valid_until=valid_until,
        note=note,
        recorded_by=by,
    )
    consent.organisations.set(orgs)
    record_event(by, client.pk, EventType.CONSENT_RECORD, consent.pk)
    return consent


@transaction.atomic
def revoke_consent(*, consent: Consent, by: Professional) -> Consent:
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Suostumus on jo peruttu."), code="already_revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    record_event(by, locked.client_id, EventType.CONSENT_REVOKE, locked.pk)
    return locked


@dataclass(frozen=True)
class Disclosure:
    """Information of one organisation shown to another under one consent."""

    from_organisation_id: int
    consent: ConsentFacts
    categories: frozenset[str]
    what: str  # what was disclosed, e.g. "journal_from_organisation:12"


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
    spent: dict[int, ConsentFacts] = {}
    for disclosure in disclosures:
        record_disclosure(
            user=by,
            client_id=client_id,
            to_organisation=to_organisation,
            categories=disclosure.categories,
            purpose=purpose,
            what=disclosure.what,
            consent_id=disclosure.consent.id,
        )
        if disclosure.consent.oral:
            spent[disclosure.consent.id] = disclosure.consent
    for consent_id in spent:
        used = Consent.objects.filter(pk=consent_id, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            record_event(by, client_id, EventType.CONSENT_ORAL_USED, consent_id)
