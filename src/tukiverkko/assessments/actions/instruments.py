"""Instrument results against a case, and the client's own self-assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import ClientActor, Professional
from tukiverkko.accounts.roles import register_of
from tukiverkko.assessments.actions._common import _check_date, _check_open, _refuse
from tukiverkko.assessments.models import (
    InstrumentAssessment,
)
from tukiverkko.assessments.versions import instrument_version
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import InfoCategory
from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, Instrument, InstrumentResult
from tukiverkko.screening.messages import problem_text

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
