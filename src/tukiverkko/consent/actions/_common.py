"""The checks the consent actions share: the disclosing party, choices, dates, employers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import records_consents, register_of
from tukiverkko.consent.models import (
    ExternalRecipient,
    RecipientKind,
)
from tukiverkko.core import limits

# How far ahead a consent may start: a form signed today for work that begins within three
# months is normal; one that starts in a hundred years is a typing error (review L3).
MAX_START_AHEAD = dt.timedelta(days=90)
# How far back: a paper form signed before it was entered here.
MAX_START_BEHIND = dt.timedelta(days=365)


@dataclass(frozen=True)
class Employer:
    """An external recipient named on a consent form (issue 16 builds on it)."""

    name: str
    business_id: str


def _disclosing_party(by: Professional) -> tuple[int, str]:
    """The recorder's organisation and register — whose data the record is about."""
    register = register_of(by)
    if not records_consents(by) or by.organisation_id is None or register is None:
        raise ValidationError(
            _(
                "Vain asiakastyötä tekevä ammattilainen, jolla on organisaatio ja yksikkö, voi "
                "kirjata suostumuksen, luovutuskiellon tai lakiperusteen omien tietojensa "
                "luovuttamisesta."
            ),
            code="not_disclosing_party",
        )
    return by.organisation_id, register


def _choice_errors(
    values: list[str], allowed: Iterable[str], field: str, message: str
) -> dict[str, list[str]]:
    return {field: [message]} if not values or not set(values) <= set(allowed) else {}


def _dates_errors(
    valid_from: dt.date | None, valid_until: dt.date | None, *, today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if valid_from is None:
        errors["valid_from"] = [_("Anna alkamispäivä.")]
    elif valid_from > today + MAX_START_AHEAD:
        errors["valid_from"] = [
            _("Alkamispäivä voi olla enintään %(days)s päivän päässä.")
            % {"days": MAX_START_AHEAD.days}
        ]
    elif valid_from < today - MAX_START_BEHIND:
        errors["valid_from"] = [
            _("Alkamispäivä voi olla enintään %(days)s päivää sitten.")
            % {"days": MAX_START_BEHIND.days}
        ]
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = [_("Päättymispäivä ei voi olla ennen alkamispäivää.")]
    return errors


def _employers(employers: Iterable[Employer]) -> tuple[list[ExternalRecipient], list[str]]:
    found: list[ExternalRecipient] = []
    errors: list[str] = []
    for employer in employers:
        name, business_id = employer.name.strip(), employer.business_id.strip()
        errors += limits.text_errors(name, limits.NAME)
        if not name:
            errors.append(_("Anna työnantajan nimi."))
        recipient = ExternalRecipient(
            kind=RecipientKind.EMPLOYER, name=name, business_id=business_id
        )
        try:
            recipient.clean_fields(exclude=["kind", "name"])
        except ValidationError as exc:
            errors += [str(m) for msgs in exc.message_dict.values() for m in msgs]
        found.append(recipient)
    return found, errors
