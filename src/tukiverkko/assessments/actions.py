"""Every change of an assessment: validate, save, write the typed audit event — one transaction.

Errors are ``ValidationError`` with a Finnish message per field; nothing is saved when an action
raises. The views and the API have authorised the case first (access.selectors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import ClientActor, Professional
from tukiverkko.accounts.models import Organisation, Register, Role, User
from tukiverkko.accounts.roles import Capability, has, register_of
from tukiverkko.assessments.models import (
    DoctorOutcome,
    HealthCheck,
    HealthCheckStep,
    IdentifiedBy,
    InstrumentAssessment,
    NeedsAssessment,
)
from tukiverkko.assessments.outcomes import follow_up
from tukiverkko.assessments.versions import instrument_version
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case, Phase
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.consent.selectors import admitting_consent
from tukiverkko.core import limits
from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, Instrument, InstrumentResult
from tukiverkko.screening.messages import problem_text

# An assessment may be dated at most this far back (a paper form entered later), never ahead.
OLDEST_DAYS = 366


def _refuse(field: str, message: str, code: str) -> ValidationError:
    # A dict error keeps its code only on the inner error.
    return ValidationError({field: ValidationError(message, code=code)})


def _check_open(case: Case) -> None:
    if case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Päättyneeseen asiakkuuteen ei voi kirjata arvioita."), code="case_closed"
        )


def _check_date(field: str, day: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if day is None:
        raise _refuse(field, _("Anna päivämäärä."), "required")
    if day > today:
        raise _refuse(field, _("Päivämäärä ei voi olla tulevaisuudessa."), "future")
    if (today - day).days > OLDEST_DAYS:
        raise _refuse(field, _("Päivämäärä on yli vuoden takaa."), "too_old")
    return day


def _check_texts(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _health_care_source(by: Professional, capability: Capability, message: str) -> dict[str, Any]:
    """The nurse's and the doctor's checks are health-care records: written by a professional
    of the role the step needs, working in a health-care register."""
    if not has(by, capability) or register_of(by) != Register.HEALTH_CARE:
        raise ValidationError(message, code="not_health_care")
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": Register.HEALTH_CARE,
        "source_category": InfoCategory.HEALTH,
    }


def _check_own_record(check: HealthCheck, by: Professional) -> None:
    """A step is written into the health check's own record: the health-care register of the
    organisation that opened it (another controller's professional writes their own)."""
    if by.organisation_id != check.source_organisation_id:
        raise ValidationError(
            _("Terveystarkastukseen kirjaa vain sen avanneen organisaation terveydenhuolto."),
            code="other_record",
        )


# -- instruments ----------------------------------------------------------------------------


@transaction.atomic
def record_instrument_result(
    *,
    case: Case,
    by: Professional,
    instrument: str,
    answers: Mapping[str, object],
    assessed_on: dt.date | None,
) -> InstrumentAssessment:
    """Score ``answers`` with the instrument and store the result against the case, with the
    instrument's version. Screening results are health information, kept in the register of the
    professional who recorded them."""
    _check_open(case)
    definition = INSTRUMENTS.get(instrument)
    if definition is None:
        raise _refuse("instrument", _("Tuntematon mittari."), "unknown_instrument")
    day = _check_date("assessed_on", assessed_on)
    result = _scored(definition, answers)
    row = InstrumentAssessment.objects.create(
        case=case,
        instrument=definition.id,
        instrument_version=instrument_version(definition),
        assessed_on=day,
        answers=dict(answers),
        score=result.score,
        band=result.band,
        result=result.to_dict(),
        recorded_by=by,
        source_organisation_id=by.organisation_id,
        source_register=register_of(by) or "",
        source_category=InfoCategory.HEALTH,
    )
    record_event(by, case.client_id, EventType.INSTRUMENT_RESULT, f"{row.pk}:{definition.id}")
    return row


def _scored(definition: Instrument, answers: Mapping[str, object]) -> InstrumentResult:
    try:
        return definition.score(answers)
    except AnswerError as exc:
        errors: dict[str, list[ValidationError]] = {}
        for problem in exc.problems:  # each item's own Finnish message (screening.messages)
            errors.setdefault(problem.item, []).append(
                ValidationError(problem_text(definition, problem), code=str(problem.code))
            )
        raise ValidationError(errors) from exc


# What a client may fill in themself before a visit (seed 001: "asiakas täyttää
# itsearviointilomakkeen"; seed 002: the health check's instruments).
SELF_ASSESSMENTS = ("was", "phq9", "gad7", "audit_c")


@transaction.atomic
def record_self_assessment(
    *, case: Case, by: ClientActor, instrument: str, answers: Mapping[str, object]
) -> InstrumentAssessment:
    """The client's own answers from the portal, scored and stored against their case dated
    today: content of the responsible worker's register (who prepares the visit), so that the
    content filter shows it to the others only under a consent, as any health result."""
    if case.client_id != by.client_id:
        raise _refuse("instrument", _("Voit täyttää arvioinnin vain itsellesi."), "not_own")
    _check_open(case)
    definition = INSTRUMENTS.get(instrument)
    if definition is None or definition.id not in SELF_ASSESSMENTS:
        raise _refuse("instrument", _("Tuntematon mittari."), "unknown_instrument")
    worker = case.responsible_worker  # every case has one (cases: not null)
    result = _scored(definition, answers)
    row = InstrumentAssessment.objects.create(
        case=case,
        instrument=definition.id,
        instrument_version=instrument_version(definition),
        assessed_on=timezone.localdate(),
        answers=dict(answers),
        score=result.score,
        band=result.band,
        result=result.to_dict(),
        recorded_by=None,
        by_client=True,
        source_organisation_id=worker.organisation_id,
        source_register=register_of(worker) or "",
        source_category=InfoCategory.HEALTH,
    )
    record_event(by, case.client_id, EventType.SELF_ASSESSMENT, f"{row.pk}:{definition.id}")
    return row


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


# -- the social-care needs assessment -------------------------------------------------------


@transaction.atomic
def record_needs_assessment(
    *,
    case: Case,
    by: Professional,
    assessed_on: dt.date | None,
    summary: str,
    conclusions: str,
    client_view: str,
    client_view_on_named_worker: str = "",
    worker_view_on_named_worker: str = "",
    named_worker: User | None = None,
) -> NeedsAssessment:
    """Palvelutarpeen arviointi (seed 001), by a social-care professional in a social-care
    register; the omatyöntekijä named is a social-care professional of the same organisation."""
    _check_open(case)
    if not has(by, Capability.SERVICE_NEEDS_ASSESSMENT) or register_of(by) != Register.SOCIAL_CARE:
        raise ValidationError(
            _("Palvelutarpeen arvioinnin tekee sosiaalihuollon ammattihenkilö."),
            code="not_social_care",
        )
    day = _check_date("assessed_on", assessed_on)
    errors: dict[str, list[ValidationError]] = {}
    for field, text, message in (
        ("summary", summary, _("Kirjaa yhteenveto asiakkaan tilanteesta ja tuen tarpeesta.")),
        ("conclusions", conclusions, _("Kirjaa johtopäätökset asiakkuuden edellytyksistä.")),
        ("client_view", client_view, _("Kirjaa asiakkaan oma näkemys palveluntarpeestaan.")),
    ):
        if not text.strip():
            errors[field] = [ValidationError(message, code="required")]
    if named_worker is not None and (
        named_worker.role not in (Role.SOCIAL_WORKER, Role.SOCIAL_INSTRUCTOR)
        or named_worker.organisation_id != by.organisation_id
        or not named_worker.is_active
    ):
        errors["named_worker"] = [
            ValidationError(
                _(
                    "Omatyöntekijäksi voi nimetä saman organisaation sosiaalihuollon "
                    "ammattihenkilön."
                ),
                code="not_social_care",
            )
        ]
    if errors:
        raise ValidationError(errors)
    _check_texts(
        {
            "summary": (summary, limits.JOURNAL_TEXT),
            "conclusions": (conclusions, limits.JOURNAL_TEXT),
            "client_view": (client_view, limits.JOURNAL_TEXT),
            "client_view_on_named_worker": (client_view_on_named_worker, limits.JOURNAL_TEXT),
            "worker_view_on_named_worker": (worker_view_on_named_worker, limits.JOURNAL_TEXT),
        }
    )
    row = NeedsAssessment.objects.create(
        case=case,
        assessed_on=day,
        summary=summary.strip(),
        conclusions=conclusions.strip(),
        client_view=client_view.strip(),
        client_view_on_named_worker=client_view_on_named_worker.strip(),
        worker_view_on_named_worker=worker_view_on_named_worker.strip(),
        named_worker=named_worker,
        assessed_by=by,
        source_organisation_id=by.organisation_id,
        source_register=Register.SOCIAL_CARE,
        source_category=InfoCategory.SOCIAL,
    )
    record_event(by, case.client_id, EventType.NEEDS_ASSESSMENT, row.pk)
    return row
