"""/api/v1/assessments/: the same actions, selectors and access policy as the assessment pages.

A case the caller may not see answers 404; another register's assessments the caller may not
read are left out and counted (``hidden``); refusals are problem documents (api.errors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.assessments import actions
from tukiverkko.assessments.forms import (
    DoctorCheckForm,
    FeedbackForm,
    NeedsAssessmentForm,
    NurseCheckForm,
    OpenHealthCheckForm,
)
from tukiverkko.assessments.models import HealthCheck
from tukiverkko.assessments.selectors import case_assessments
from tukiverkko.consent.models import Purpose
from tukiverkko.core import limits

router = Router(tags=["assessments"], auth=professional)

TEXT = limits.JOURNAL_TEXT


class AssessmentResultOut(Schema):
    id: int
    instrument: str
    instrument_version: str
    assessed_on: dt.date
    score: float
    band: str
    result: dict[str, Any]
    recorded_by_id: int | None
    by_client: bool = False


class HealthCheckOut(Schema):
    id: int
    step: str
    version: int
    identified_by: str
    referrer_organisation_id: int | None
    pre_information: str
    nurse_id: int | None
    nurse_checked_on: dt.date | None
    nurse_summary: str
    further_assessment_needed: bool | None
    feedback_to_client: str
    feedback_to_referrer: str
    doctor_id: int | None
    doctor_checked_on: dt.date | None
    doctor_summary: str
    remaining_work_ability: str
    outcomes: list[str]


class NeedsAssessmentOut(Schema):
    id: int
    assessed_on: dt.date
    summary: str
    conclusions: str
    client_view: str
    client_view_on_named_worker: str
    worker_view_on_named_worker: str
    named_worker_id: int | None
    assessed_by_id: int


class AssessmentsOut(Schema):
    instruments: list[AssessmentResultOut]
    instruments_hidden: int
    health_checks: list[HealthCheckOut]
    health_checks_hidden: int
    needs_assessments: list[NeedsAssessmentOut]
    needs_assessments_hidden: int


class InstrumentIn(Schema):
    instrument: str = Field(max_length=20)
    assessed_on: dt.date
    answers: dict[str, int | str] = Field(max_length=200)


class OpenHealthCheckIn(Schema):
    identified_by: str = Field(max_length=30)
    referrer_organisation_id: int | None = Field(None, ge=1, le=2**63 - 1)
    pre_information: str = Field("", max_length=TEXT)


class NurseCheckIn(Schema):
    version: int = Field(ge=0, le=2**31)
    checked_on: dt.date
    summary: str = Field(max_length=TEXT)
    mental_health_and_substance_assessed: bool
    further_assessment_needed: bool


class FeedbackIn(Schema):
    version: int = Field(ge=0, le=2**31)
    to_client: str = Field(max_length=TEXT)
    to_referrer: str = Field("", max_length=TEXT)


class DoctorCheckIn(Schema):
    version: int = Field(ge=0, le=2**31)
    checked_on: dt.date
    summary: str = Field(max_length=TEXT)
    remaining_work_ability: str = Field(max_length=TEXT)
    outcomes: list[str] = Field(max_length=10)


class NeedsAssessmentIn(Schema):
    assessed_on: dt.date
    summary: str = Field(max_length=TEXT)
    conclusions: str = Field(max_length=TEXT)
    client_view: str = Field(max_length=TEXT)
    client_view_on_named_worker: str = Field("", max_length=TEXT)
    worker_view_on_named_worker: str = Field("", max_length=TEXT)
    named_worker_id: int | None = Field(None, ge=1, le=2**63 - 1)


def _labels(form: type[Form]) -> dict[str, str]:
    return {name: str(field.label) for name, field in form.base_fields.items()}


ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.get("/cases/{case_id}", response={200: AssessmentsOut, 404: Problem})
@no_store
def list_assessments(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case's assessments the caller may read (another register's only under a consent)."""
    user = caller(request)
    purpose = Purpose.INFORMATION_EXCHANGE
    case = access.get_case(user, case_id, what="api:assessments", purpose=purpose)
    view = case_assessments(user, case, purpose=purpose)
    return {
        "instruments": view.instruments.shown,
        "instruments_hidden": view.instruments.hidden,
        "health_checks": view.health_checks.shown,
        "health_checks_hidden": view.health_checks.hidden,
        "needs_assessments": view.needs_assessments.shown,
        "needs_assessments_hidden": view.needs_assessments.hidden,
    }


@router.post("/cases/{case_id}/instruments", response={201: AssessmentResultOut, **ERRORS})
@no_store
def record_instrument(request: HttpRequest, case_id: int, body: InstrumentIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:instrument_result")
    try:
        row = actions.record_instrument_result(
            case=case,
            by=user,
            instrument=body.instrument,
            answers=body.answers,
            assessed_on=body.assessed_on,
        )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(201, row)


@router.post("/cases/{case_id}/health-checks", response={201: HealthCheckOut, **ERRORS})
@no_store
def open_health_check(request: HttpRequest, case_id: int, body: OpenHealthCheckIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:health_check_open")
    form = OpenHealthCheckForm(
        {
            "identified_by": body.identified_by,
            "referrer_organisation": body.referrer_organisation_id or "",
            "pre_information": body.pre_information,
        }
    )
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        check = actions.open_health_check(case=case, by=user, **form.cleaned_data)
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(OpenHealthCheckForm)) from exc
    return Status(201, check)


def _step(
    request: HttpRequest,
    check_id: int,
    body: Schema,
    run: Callable[..., HealthCheck],
    form: type[Form],
    what: str,
) -> HealthCheck:
    """One step of a health check: written only into one's own organisation's record
    (assessments.actions), the stale version a 409, each refusal a problem document."""
    user = caller(request)
    check = access.get_health_check_for_change(user, check_id, what=what)
    data = body.dict()
    try:
        return run(check=check, by=user, expected_version=data.pop("version"), **data)
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(form)) from exc


@router.post("/health-checks/{check_id}/nurse", response={200: HealthCheckOut, **ERRORS})
@no_store
def record_nurse_check(request: HttpRequest, check_id: int, body: NurseCheckIn) -> Any:
    return _step(
        request,
        check_id,
        body,
        actions.record_nurse_check,
        NurseCheckForm,
        "api:health_check_nurse",
    )


@router.post("/health-checks/{check_id}/feedback", response={200: HealthCheckOut, **ERRORS})
@no_store
def give_feedback(request: HttpRequest, check_id: int, body: FeedbackIn) -> Any:
    return _step(
        request, check_id, body, actions.give_feedback, FeedbackForm, "api:health_check_feedback"
    )


@router.post("/health-checks/{check_id}/doctor", response={200: HealthCheckOut, **ERRORS})
@no_store
def record_doctor_check(request: HttpRequest, check_id: int, body: DoctorCheckIn) -> Any:
    return _step(
        request,
        check_id,
        body,
        actions.record_doctor_check,
        DoctorCheckForm,
        "api:health_check_doctor",
    )


@router.post("/cases/{case_id}/needs-assessments", response={201: NeedsAssessmentOut, **ERRORS})
@no_store
def record_needs_assessment(request: HttpRequest, case_id: int, body: NeedsAssessmentIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:needs_assessment", need=Need.WRITE)
    data = body.dict()
    worker_id = data.pop("named_worker_id")
    form = NeedsAssessmentForm(
        {
            **data,
            "assessed_on": body.assessed_on.strftime("%d.%m.%Y"),
            "named_worker": worker_id or "",
        },
        user=user,
    )
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        row = actions.record_needs_assessment(case=case, by=user, **form.cleaned_data)
    except ValidationError as exc:
        raise from_validation_error(exc, labels=_labels(NeedsAssessmentForm)) from exc
    return Status(201, row)
