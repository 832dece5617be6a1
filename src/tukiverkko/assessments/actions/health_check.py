"""The unemployed's health-check path: the need, the nurse's broad check, the feedback,
the doctor's check and what its outcomes make."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import Organisation
from tukiverkko.accounts.roles import Capability
from tukiverkko.assessments.actions._common import (
    _check_date,
    _check_open,
    _check_own_record,
    _check_texts,
    _health_care_source,
    _refuse,
)
from tukiverkko.assessments.models import (
    DoctorOutcome,
    HealthCheck,
    HealthCheckStep,
    IdentifiedBy,
)
from tukiverkko.assessments.outcomes import follow_up
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import Purpose
from tukiverkko.consent.selectors import admitting_consent
from tukiverkko.core import limits

# -- the health-check path ------------------------------------------------------------------


def _bump(check: HealthCheck, expected_version: int | None, **changes: Any) -> HealthCheck:
    qs = HealthCheck.objects.filter(pk=check.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1, **changes) != 1:
        raise ValidationError(
            _(
                "Joku muu on tallentanut terveystarkastuksen sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen."
            ),
            code="conflict",
        )
    check.refresh_from_db()
    return check


@transaction.atomic
def open_health_check(
    *,
    case: Case,
    by: Professional,
    identified_by: str,
    referrer_organisation: Organisation | None = None,
    pre_information: str = "",
) -> HealthCheck:
    """The need identified (by the client, the employment authority, the multisectoral service,
    social services or another) and the pre-information form received."""
    _check_open(case)
    if identified_by not in IdentifiedBy.values:
        raise _refuse("identified_by", _("Valitse, kuka tunnisti tarpeen."), "invalid_choice")
    if identified_by != IdentifiedBy.CLIENT and referrer_organisation is None:
        raise _refuse(
            "referrer_organisation",
            _("Valitse lähettävä organisaatio, jotta palaute voidaan antaa sille."),
            "required",
        )
    if identified_by == IdentifiedBy.CLIENT:
        referrer_organisation = None
    _check_texts({"pre_information": (pre_information, limits.JOURNAL_TEXT)})
    if case.health_checks.exclude(
        step__in=[HealthCheckStep.FEEDBACK_GIVEN, HealthCheckStep.DOCTOR_CHECKED]
    ).exists():
        raise ValidationError(
            _("Asiakkuudella on jo kesken oleva terveystarkastus."), code="check_open"
        )
    source = _health_care_source(
        by,
        Capability.NURSE_HEALTH_CHECK,
        _("Terveystarkastuksen avaa terveydenhuollon terveydenhoitaja tai työkykykoordinaattori."),
    )
    check = HealthCheck.objects.create(
        case=case,
        identified_by=identified_by,
        referrer_organisation=referrer_organisation,
        pre_information=pre_information.strip(),
        opened_by=by,
        **source,
    )
    record_event(by, case.client_id, EventType.HEALTH_CHECK_OPEN, check.pk)
    return check


@transaction.atomic
def record_nurse_check(
    *,
    check: HealthCheck,
    by: Professional,
    checked_on: dt.date | None,
    summary: str,
    mental_health_and_substance_assessed: bool,
    further_assessment_needed: bool | None,
    expected_version: int | None = None,
) -> HealthCheck:
    """The nurse's broad check, with the systematic mental-health and substance-use assessment,
    and the answer to "tarve tarkemmalle arviolle?"."""
    _check_open(check.case)
    _health_care_source(
        by,
        Capability.NURSE_HEALTH_CHECK,
        _("Terveystarkastuksen kirjaa terveydenhoitaja tai työkykykoordinaattori."),
    )
    _check_own_record(check, by)
    if check.step != HealthCheckStep.IDENTIFIED:
        raise ValidationError(_("Terveystarkastus on jo kirjattu."), code="wrong_step")
    day = _check_date("checked_on", checked_on)
    if not summary.strip():
        raise _refuse("summary", _("Kirjaa terveystarkastuksen yhteenveto."), "required")
    _check_texts({"summary": (summary, limits.JOURNAL_TEXT)})
    if not mental_health_and_substance_assessed:
        raise _refuse(
            "mental_health_and_substance_assessed",
            _("Terveystarkastukseen kuuluu systemaattinen mielenterveys- ja päihdearvio."),
            "required",
        )
    if further_assessment_needed is None:
        raise _refuse(
            "further_assessment_needed",
            _("Vastaa: onko tarve tarkemmalle arviolle?"),
            "required",
        )
    check = _bump(
        check,
        expected_version,
        step=HealthCheckStep.NURSE_CHECKED,
        nurse=by,
        nurse_checked_on=day,
        nurse_summary=summary.strip(),
        mental_health_and_substance_assessed=True,
        further_assessment_needed=further_assessment_needed,
    )
    record_event(by, check.case.client_id, EventType.HEALTH_CHECK_NURSE, check.pk)
    return check


def referrer_feedback_blocked(check: HealthCheck) -> str:
    """Why feedback may not go to the referrer ("" when it may): another organisation gets it
    only under the client's consent for feedback to the referrer (seed 001)."""
    org = check.referrer_organisation
    if org is None:
        return _("Tarpeen tunnisti asiakas itse: lähettävää tahoa ei ole.")
    if org.pk == check.source_organisation_id:
        return ""
    consent = admitting_consent(
        check.case.client_id,
        organisation_id=check.source_organisation_id or 0,
        register=check.source_register,
        recipient_organisation_id=org.pk,
        recipient_unit_id=None,
        purposes=frozenset({Purpose.FEEDBACK_TO_REFERRER}),
    )
    if consent is None:
        return _(
            "Palautetta ei voi antaa lähettävälle taholle: asiakkaan suostumus ei kata "
            "palautetta tälle organisaatiolle."
        )
    return ""


@transaction.atomic
def give_feedback(
    *,
    check: HealthCheck,
    by: Professional,
    to_client: str,
    to_referrer: str = "",
    expected_version: int | None = None,
) -> HealthCheck:
    """No need for a closer assessment: feedback to the client and, with consent, the referrer."""
    _check_open(check.case)
    _health_care_source(
        by,
        Capability.NURSE_HEALTH_CHECK,
        _("Palautteen antaa terveydenhoitaja tai työkykykoordinaattori."),
    )
    _check_own_record(check, by)
    if check.step != HealthCheckStep.NURSE_CHECKED or check.further_assessment_needed:
        raise ValidationError(
            _(
                "Palaute annetaan, kun terveystarkastuksessa ei todettu tarvetta tarkemmalle arviolle."
            ),
            code="wrong_step",
        )
    if not to_client.strip():
        raise _refuse("to_client", _("Kirjaa asiakkaalle annettu palaute."), "required")
    _check_texts(
        {
            "to_client": (to_client, limits.JOURNAL_TEXT),
            "to_referrer": (to_referrer, limits.JOURNAL_TEXT),
        }
    )
    if to_referrer.strip() and (why := referrer_feedback_blocked(check)):
        raise _refuse("to_referrer", why, "no_consent")
    check = _bump(
        check,
        expected_version,
        step=HealthCheckStep.FEEDBACK_GIVEN,
        feedback_to_client=to_client.strip(),
        feedback_to_referrer=to_referrer.strip(),
    )
    record_event(by, check.case.client_id, EventType.HEALTH_CHECK_FEEDBACK, check.pk)
    return check


@transaction.atomic
def record_doctor_check(
    *,
    check: HealthCheck,
    by: Professional,
    checked_on: dt.date | None,
    summary: str,
    remaining_work_ability: str,
    outcomes: Sequence[str],
    expected_version: int | None = None,
) -> HealthCheck:
    """The doctor's check — health mapping, an assessment of work and functional ability and of
    the remaining work ability — after the nurse found the need, with its outcomes."""
    _check_open(check.case)
    _health_care_source(
        by, Capability.DOCTOR_HEALTH_CHECK, _("Lääkärin tarkastuksen kirjaa lääkäri.")
    )
    _check_own_record(check, by)
    if check.step != HealthCheckStep.NURSE_CHECKED or not check.further_assessment_needed:
        raise ValidationError(
            _(
                "Lääkärin tarkastus tehdään, kun terveydenhoitajan tai työkykykoordinaattorin "
                "terveystarkastuksessa on todettu tarve tarkemmalle arviolle."
            ),
            code="wrong_step",
        )
    day = _check_date("checked_on", checked_on)
    if check.nurse_checked_on is not None and day < check.nurse_checked_on:
        raise _refuse(
            "checked_on",
            _("Lääkärin tarkastus ei voi olla ennen terveydenhoitajan tarkastusta."),
            "before_nurse",
        )
    if not summary.strip():
        raise _refuse(
            "summary", _("Kirjaa terveyden kartoitus ja arvio työ- ja toimintakyvystä."), "required"
        )
    if not remaining_work_ability.strip():
        raise _refuse(
            "remaining_work_ability", _("Kirjaa arvio jäljellä olevasta työkyvystä."), "required"
        )
    _check_texts(
        {
            "summary": (summary, limits.JOURNAL_TEXT),
            "remaining_work_ability": (remaining_work_ability, limits.JOURNAL_TEXT),
        }
    )
    unknown = set(outcomes) - set(DoctorOutcome.values)
    if unknown or not outcomes:
        raise _refuse("outcomes", _("Valitse vähintään yksi tarkastuksen tulos."), "invalid_choice")
    chosen = [o for o in DoctorOutcome.values if o in set(outcomes)]
    check = _bump(
        check,
        expected_version,
        step=HealthCheckStep.DOCTOR_CHECKED,
        doctor=by,
        doctor_checked_on=day,
        doctor_summary=summary.strip(),
        remaining_work_ability=remaining_work_ability.strip(),
        outcomes=chosen,
    )
    record_event(by, check.case.client_id, EventType.HEALTH_CHECK_DOCTOR, check.pk)
    made = follow_up(check, by)  # the plan actions and draft referrals the outcomes name
    HealthCheck.objects.filter(pk=check.pk).update(followups=made)
    check.followups = made
    return check
