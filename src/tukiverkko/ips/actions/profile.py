"""The vocational profile, and employer contacts only under the client's consent for that
employer (each a disclosure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import validate_business_id
from tukiverkko.accounts.roles import (
    register_of,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import _source
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ExternalRecipient, RecipientKind
from tukiverkko.consent.policy import Source, may_disclose_to_external
from tukiverkko.consent.querysets import disclosure_facts
from tukiverkko.core import limits
from tukiverkko.ips.actions._common import (
    CONTACT_CATEGORY,
    CONTACT_PURPOSE,
    MAX_ITEMS,
    _check_coach,
    _check_open,
)
from tukiverkko.ips.models import (
    ContactKind,
    ContactOutcome,
    EmployerContact,
    IpsPeriod,
    VocationalProfile,
)

# -- the vocational profile ---------------------------------------------------------------


def _items(values: Sequence[str], field: str, errors: dict[str, list[str]]) -> list[str]:
    items = [v.strip() for v in values if v.strip()]
    if len(items) > MAX_ITEMS:
        errors.setdefault(field, []).append(_("Enintään %(n)s kohtaa.") % {"n": MAX_ITEMS})
    for item in items:
        errors.setdefault(field, []).extend(limits.text_errors(item, limits.SHORT))
    if not errors.get(field):
        errors.pop(field, None)
    return items


@transaction.atomic
def save_profile(
    *,
    period: IpsPeriod,
    by: Professional,
    skills: Sequence[str],
    wishes: Sequence[str],
    restrictions: Sequence[str] = (),
) -> VocationalProfile:
    """The coach records the vocational profile: skills and strengths, the client's wishes, and
    the restrictions the work must respect (one item a line). Skills and wishes are needed."""
    _check_coach(period, by)
    _check_open(period)
    errors: dict[str, list[str]] = {}
    skill_items = _items(skills, "skills", errors)
    wish_items = _items(wishes, "wishes", errors)
    restriction_items = _items(restrictions, "restrictions", errors)
    if not skill_items:
        errors.setdefault("skills", []).append(_("Kirjaa ainakin yksi osaaminen tai vahvuus."))
    if not wish_items:
        errors.setdefault("wishes", []).append(_("Kirjaa ainakin yksi asiakkaan toive."))
    if errors:
        raise ValidationError(errors)
    profile, _created = VocationalProfile.objects.update_or_create(
        period=period,
        defaults={
            "skills": skill_items,
            "wishes": wish_items,
            "restrictions": restriction_items,
            "updated_at": timezone.now(),
            "updated_by": by,
            **_source(by),
        },
    )
    record_event(by, period.case.client_id, EventType.IPS_PROFILE, period.pk)
    return profile


# -- employer contacts --------------------------------------------------------------------


@dataclass(frozen=True)
class ContactData:
    employer_name: str
    business_id: str
    contacted_on: dt.date | None
    kind: str
    outcome: str
    note: str = ""


def _contact_errors(period: IpsPeriod, data: ContactData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.employer_name.strip():
        errors["employer_name"] = [_("Anna työnantajan nimi.")]
    try:
        validate_business_id(data.business_id.strip())
    except ValidationError as exc:
        errors["business_id"] = list(exc.messages)
    today = timezone.localdate()
    if data.contacted_on is None:
        errors["contacted_on"] = [_("Anna yhteydenoton päivä.")]
    elif data.contacted_on > today:
        errors["contacted_on"] = [_("Yhteydenoton päivä ei voi olla tulevaisuudessa.")]
    elif data.contacted_on < period.started_on:
        errors["contacted_on"] = [_("Yhteydenotto ei voi olla ennen jakson alkua.")]
    if data.kind not in ContactKind.values:
        errors["kind"] = [_("Valitse yhteydenoton tapa.")]
    if data.outcome not in ContactOutcome.values:
        errors["outcome"] = [_("Valitse yhteydenoton tulos.")]
    errors |= limits.check_texts(
        {"employer_name": (data.employer_name, limits.NAME), "note": (data.note, limits.REASON)}
    )
    return errors


@transaction.atomic
def record_contact(*, period: IpsPeriod, by: Professional, data: ContactData) -> EmployerContact:
    """A job-search contact with an employer. Refused unless the client's consent, recorded in
    the coach's register, names this employer (by Y-tunnus) and the employer-contact purpose
    and is valid on the contact's day; the contact is logged as a disclosure to the employer."""
    _check_coach(period, by)
    _check_open(period)
    errors = _contact_errors(period, data)
    if errors or data.contacted_on is None:
        raise ValidationError(errors)
    business_id = data.business_id.strip()
    employer = ExternalRecipient.objects.filter(
        kind=RecipientKind.EMPLOYER, business_id=business_id
    ).first()
    client_id = period.case.client_id
    decision = None
    if employer is not None:
        decision = may_disclose_to_external(
            disclosure_facts(client_id),
            recipient_id=employer.pk,
            source=Source(by.organisation_id, register_of(by) or ""),
            category=CONTACT_CATEGORY,
            purpose=CONTACT_PURPOSE,
            today=data.contacted_on,
        )
    if employer is None or decision is None or not decision.allowed or decision.consent is None:
        name = f"{data.employer_name.strip()} ({business_id})"
        if decision is not None and decision.reason == "prohibited":
            message = _(
                "Työnantajaan %(employer)s ei voi ottaa yhteyttä: asiakas on kieltänyt "
                "tietojensa luovuttamisen (luovutuskielto)."
            ) % {"employer": name}
        else:
            message = _(
                "Työnantajaan %(employer)s ei voi ottaa yhteyttä: asiakkaan voimassa oleva "
                "suostumus ei kata tätä työnantajaa ja käyttötarkoitusta ”%(purpose)s”. "
                "Kirjaa asiakkaan suostumus tälle työnantajalle ensin."
            ) % {"employer": name, "purpose": CONTACT_PURPOSE.label}
        raise ValidationError({"business_id": [message]}, code="no_consent")
    contact = EmployerContact.objects.create(
        period=period,
        employer=employer,
        contacted_on=data.contacted_on,
        kind=data.kind,
        outcome=data.outcome,
        note=data.note.strip(),
        consent_id=decision.consent.id,
        by=by,
        **_source(by),
    )
    consent_actions.disclose_to_external(
        by=by,
        client_id=client_id,
        recipient=employer,
        consent=decision.consent,
        categories=[CONTACT_CATEGORY],
        purpose=CONTACT_PURPOSE,
        what=f"ips_employer_contact:{contact.pk}",
    )
    record_event(by, client_id, EventType.IPS_EMPLOYER_CONTACT, contact.pk)
    return contact
