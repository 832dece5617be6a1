"""What sending a referral must pass, and what it sets: the consent its disclosure needs (the
content filter's own decision, consent.policy.may_read), the prerequisites the rules name for the
service (rules.prerequisites) and the due date from the service's time limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.models import Role, User
from tukiverkko.accounts.roles import register_of
from tukiverkko.cases.facts import case_facts
from tukiverkko.catalogue.models import DEFAULT_REFERRAL_TIME_LIMIT_DAYS
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.consent.policy import Reader, Source, may_read
from tukiverkko.consent.querysets import disclosure_facts
from tukiverkko.referrals.models import Referral
from tukiverkko.rules.prerequisites import unmet_prerequisites

# Whose act a prerequisite is, when the sender is the one who performs it (decision 0264): a
# doctor's referral is a referral a doctor sends; the nurse's or coordinator's koonti precedes
# their own consultation of the doctor; a social-care professional decides social-care
# services ([001] "Sosiaalihuollon palveluista päättää … sosiaalihuollon ammattihenkilö").
_SENDER_FACTS: dict[str, frozenset[str]] = {
    "doctor_referral": frozenset({Role.DOCTOR}),
    "nurse_or_coordinator_assessment_done": frozenset(
        {Role.UNEMPLOYED_HEALTH_NURSE, Role.WORK_ABILITY_COORDINATOR}
    ),
}


def _receiver(referral: Referral) -> Reader:
    """Who the referral discloses to: the named professional, or the unit, or the organisation
    (which keeps no register of its own: it needs a consent even inside one organisation)."""
    if referral.to_professional is not None:
        pro = referral.to_professional
        return Reader(pro.organisation_id, pro.unit_id, register_of(pro))
    unit = referral.to_unit
    return Reader(
        referral.to_organisation_id,
        unit.pk if unit is not None else None,
        unit.register if unit is not None else None,
    )


def _recipient_name(referral: Referral) -> str:
    if referral.to_professional is not None:
        return f"{referral.to_professional} ({referral.to_organisation})"
    if referral.to_unit is not None:
        return f"{referral.to_organisation}: {referral.to_unit}"
    return str(referral.to_organisation)


def check_consent(referral: Referral) -> None:
    """Every category the referral shares must be disclosable to the receiver for its purpose:
    the receiver's own register, a legal basis, or a valid consent — and no prohibition
    (consent.policy.may_read, the content filter's own decision)."""
    facts = disclosure_facts(referral.case.client_id)
    source = Source(referral.source_organisation_id, referral.source_register)
    reader = _receiver(referral)
    today = timezone.localdate()
    for category in referral.categories:
        decision = may_read(
            facts,
            reader=reader,
            source=source,
            category=category,
            purpose=referral.purpose,
            today=today,
        )
        if decision.allowed:
            continue
        label = InfoCategory(category).label
        if decision.reason == "prohibited":
            raise ValidationError(
                _(
                    "Lähetettä ei voi lähettää: asiakas on kieltänyt tietojensa luovuttamisen "
                    "(luovutuskielto), joka koskee tietoryhmää %(category)s."
                )
                % {"category": label},
                code="prohibited",
            )
        raise ValidationError(
            _(
                "Lähetettä ei voi lähettää: asiakkaan voimassa oleva suostumus ei kata "
                "vastaanottajaa %(recipient)s, tietoryhmää %(category)s ja käyttötarkoitusta "
                "%(purpose)s. Kirjaa suostumus ensin tai poista tietoryhmä lähetteeltä."
            )
            % {
                "recipient": _recipient_name(referral),
                "category": label,
                "purpose": Purpose(referral.purpose).label,
            },
            code="no_consent",
        )


def send_facts(referral: Referral, by: User) -> dict[str, Any]:
    """What the rules read of this sending: the case's facts (cases.facts), the client's
    municipality (the regional practice) and the sender's own acts (_SENDER_FACTS)."""
    case = referral.case
    facts: dict[str, Any] = dict(case_facts(case))
    municipality = case.client.municipality
    if municipality is not None:
        facts["municipality"] = municipality.name_fi
    for fact, roles in _SENDER_FACTS.items():
        if by.role in roles:
            facts[fact] = True
    if register_of(by) == "social_care":
        facts["social_care_decision"] = True
    return facts


def check_prerequisites(referral: Referral, by: User) -> None:
    if referral.service is None:
        return  # to a named professional: no service type, nothing the rules require
    service_type = referral.service.service_type
    unmet = unmet_prerequisites(
        service_type.slug, send_facts(referral, by), reference_date=timezone.localdate()
    )
    if unmet:
        raise ValidationError(
            _("Lähetettä ei voi lähettää: %(service)s edellyttää ensin: %(requirements)s.")
            % {
                "service": service_type.name_fi,
                "requirements": "; ".join(_(r.text) for r in unmet),
            },
            code="prerequisite",
        )


def due_on(referral: Referral, sent: dt.datetime) -> dt.date:
    limit = (
        referral.service.referral_time_limit
        if referral.service is not None
        else DEFAULT_REFERRAL_TIME_LIMIT_DAYS
    )
    return timezone.localdate(sent) + dt.timedelta(days=limit)
