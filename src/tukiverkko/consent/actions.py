"""Recording, revoking and spending consents — each validates, changes and logs in one
transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.audit.actions import record_access
from tukiverkko.clients.models import Client, InfoCategory
from tukiverkko.consent.models import Consent, ConsentForm, Purpose


def _validate(
    *,
    organisations: list[Any],
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
    by: Any,
    organisations: Iterable[Any],
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
    record_access(user=by, client_id=client.pk, what=f"consent_record:{consent.pk}", allowed=True)
    return consent


@transaction.atomic
def revoke_consent(*, consent: Consent, by: Any) -> Consent:
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Suostumus on jo peruttu."), code="already_revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    record_access(
        user=by, client_id=locked.client_id, what=f"consent_revoke:{locked.pk}", allowed=True
    )
    return locked


@transaction.atomic
def use_oral_consent(*, consent: Consent, by: Any) -> None:
    """An oral consent covers one transaction (Kela): the first disclosure spends it."""
    if not consent.is_oral:
        return
    updated = Consent.objects.filter(pk=consent.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if updated:
        record_access(
            user=by,
            client_id=consent.client_id,
            what=f"consent_oral_used:{consent.pk}",
            allowed=True,
        )
