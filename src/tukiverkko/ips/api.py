"""/api/v1/ips/: the same selectors, actions and access policy as the pages.

Client data (tag "ips"): a case's IPS periods, the decision, the start, a phase change, the
review, the profile and the employer contacts — a case the caller may not see answers 404, a
professional without a relationship 403, a refusal of the action 400, a stale version 409.
Not client data: the IPS-25 reviews of a service (tag "ips-fidelity"), the work-demand reference
(tag "ips-reference") and the outcomes (tag "ips-outcomes"), for any signed-in user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.models import User
from tukiverkko.api.auth import caller, no_store, professional, verified
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.catalogue.models import Service
from tukiverkko.ips import actions, fidelity, reference, selectors
from tukiverkko.ips.models import IPS_SERVICE_TYPE, IpsPeriod
from tukiverkko.ips.selectors import PeriodView

router = Router(tags=["ips"], auth=professional)

ID = Field(None, ge=1, le=2**62)
REFUSALS: dict[int, type[Problem]] = {
    400: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}


class IpsTransitionOut(Schema):
    from_phase: str
    to_phase: str
    by_id: int
    at: dt.datetime
    note: str | None  # None: the reader may not see it (consent)


class ProfileOut(Schema):
    skills: list[str]
    wishes: list[str]
    restrictions: list[str]
    updated_at: dt.datetime


class IpsContactOut(Schema):
    id: int
    employer_name: str
    employer_business_id: str
    contacted_on: dt.date
    kind: str
    outcome: str
    note: str


class PeriodOut(Schema):
    id: int
    case_id: int
    phase: str
    coach_id: int
    service_id: int | None
    decision_id: int
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    next_review_on: dt.date
    version: int
    next_phases: list[str]
    transitions: list[IpsTransitionOut]
    profile: ProfileOut | None  # None: none yet, or the reader may not see it
    contacts: list[IpsContactOut]
    hidden: int  # items the reader may not see


class DecisionIn(Schema):
    reference: str = Field(..., max_length=100)
    decided_on: dt.date
    valid_until: dt.date | None = None


class DecisionOut(Schema):
    id: int
    reference: str
    decided_on: dt.date
    valid_until: dt.date | None


class StartIn(Schema):
    coach_id: int = Field(..., ge=1, le=2**62)
    service_id: int | None = ID
    started_on: dt.date | None = None


class IpsPhaseIn(Schema):
    to: str = Field(..., max_length=20)
    version: int = Field(..., ge=0, le=2**31)
    note: str = Field("", max_length=20000)
    end_reason: str = Field("", max_length=30)


class IpsVersionIn(Schema):
    version: int = Field(..., ge=0, le=2**31)


class ProfileIn(Schema):
    skills: list[str] = Field(..., max_length=100)
    wishes: list[str] = Field(..., max_length=100)
    restrictions: list[str] = Field([], max_length=100)


class ContactIn(Schema):
    employer_name: str = Field(..., max_length=300)
    business_id: str = Field(..., max_length=20)
    contacted_on: dt.date
    kind: str = Field(..., max_length=20)
    outcome: str = Field(..., max_length=20)
    note: str = Field("", max_length=20000)


def _out(view: PeriodView) -> dict[str, Any]:
    p = view.period
    return {
        "id": p.pk,
        "case_id": p.case_id,
        "phase": p.phase,
        "coach_id": p.coach_id,
        "service_id": p.service_id,
        "decision_id": p.decision_id,
        "started_on": p.started_on,
        "ended_on": p.ended_on,
        "end_reason": p.end_reason,
        "next_review_on": p.next_review_on,
        "version": p.version,
        "next_phases": [str(x) for x in view.next_phases],
        "transitions": [
            {
                "from_phase": t.item.from_phase,
                "to_phase": t.item.to_phase,
                "by_id": t.item.by_id,
                "at": t.item.at,
                "note": t.item.note if t.visible else None,
            }
            for t in view.transitions
        ],
        "profile": None
        if view.profile is None
        else {
            "skills": view.profile.skills,
            "wishes": view.profile.wishes,
            "restrictions": view.profile.restrictions,
            "updated_at": view.profile.updated_at,
        },
        "contacts": [
            {
                "id": c.pk,
                "employer_name": c.employer.name,
                "employer_business_id": c.employer.business_id,
                "contacted_on": c.contacted_on,
                "kind": c.kind,
                "outcome": c.outcome,
                "note": c.note,
            }
            for c in view.contacts.shown
        ],
        "hidden": view.hidden,
    }


def _view(user: User, period: IpsPeriod, what: str) -> dict[str, Any]:
    return _out(selectors.period_view(user, period, what=what))


def _problem(exc: ValidationError) -> Exception:
    problem = from_validation_error(exc)
    if isinstance(exc, actions.ConflictError):
        problem.status = 409
    return problem


@router.get("/cases/{case_id}", response={200: list[PeriodOut], 404: Problem, 422: Problem})
@no_store
def case_periods(request: HttpRequest, case_id: int) -> Any:
    user = caller(request)
    case = access.get_case(user, case_id, what="api:ips")
    return [_view(user, p, "api:ips") for p in selectors.periods_of(case)]


@router.post("/cases/{case_id}/decisions", response={201: DecisionOut, **REFUSALS})
@no_store
def record_decision(request: HttpRequest, case_id: int, body: DecisionIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:ips_decision", need=Need.WRITE)
    try:
        decision = actions.record_decision(case=case, by=user, **body.model_dump())
    except ValidationError as exc:
        raise _problem(exc) from exc
    return Status(201, decision)


@router.post("/cases/{case_id}/periods", response={201: PeriodOut, **REFUSALS})
@no_store
def start_period(request: HttpRequest, case_id: int, body: StartIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:ips_start", need=Need.WRITE)
    coach = User.objects.filter(pk=body.coach_id).first()
    service = None
    errors: dict[str, list[str]] = {}
    if coach is None:
        errors["coach_id"] = ["Tuntematon tunniste."]
    if body.service_id is not None:
        service = Service.objects.filter(pk=body.service_id).select_related("service_type").first()
        if service is None:
            errors["service_id"] = ["Tuntematon tunniste."]
    if errors:
        raise from_validation_error(ValidationError(errors))
    try:
        period = actions.start_period(
            case=case, by=user, coach=coach, service=service, started_on=body.started_on
        )
    except ValidationError as exc:
        raise _problem(exc) from exc
    return Status(201, _view(user, period, "api:ips_start"))


@router.post("/cases/{case_id}/phase", response={200: PeriodOut, **REFUSALS})
@no_store
def move_period(request: HttpRequest, case_id: int, body: IpsPhaseIn) -> Any:
    user = caller(request)
    period = access.get_ips_period_for_change(user, case_id, what="api:ips_phase")
    try:
        period = actions.move_period(
            period=period,
            to=body.to,
            by=user,
            expected_version=body.version,
            note=body.note,
            end_reason=body.end_reason,
        )
    except ValidationError as exc:
        raise _problem(exc) from exc
    return _view(user, period, "api:ips_phase")


@router.post("/cases/{case_id}/review", response={200: PeriodOut, **REFUSALS})
@no_store
def review_period(request: HttpRequest, case_id: int, body: IpsVersionIn) -> Any:
    user = caller(request)
    period = access.get_ips_period_for_change(user, case_id, what="api:ips_review")
    try:
        period = actions.review_period(period=period, by=user, expected_version=body.version)
    except ValidationError as exc:
        raise _problem(exc) from exc
    return _view(user, period, "api:ips_review")


@router.put("/cases/{case_id}/profile", response={200: PeriodOut, **REFUSALS})
@no_store
def save_profile(request: HttpRequest, case_id: int, body: ProfileIn) -> Any:
    user = caller(request)
    period = access.get_ips_period_for_change(user, case_id, what="api:ips_profile")
    try:
        actions.save_profile(period=period, by=user, **body.model_dump())
    except ValidationError as exc:
        raise _problem(exc) from exc
    return _view(user, period, "api:ips_profile")


@router.post("/cases/{case_id}/contacts", response={201: PeriodOut, **REFUSALS})
@no_store
def record_contact(request: HttpRequest, case_id: int, body: ContactIn) -> Any:
    user = caller(request)
    period = access.get_ips_period_for_change(user, case_id, what="api:ips_contact")
    try:
        actions.record_contact(
            period=period, by=user, data=actions.ContactData(**body.model_dump())
        )
    except ValidationError as exc:
        raise _problem(exc) from exc
    return Status(201, _view(user, period, "api:ips_contact"))


# -- not client data ----------------------------------------------------------------------


class IpsItemOut(Schema):
    code: str
    section: str
    name: str
    name_source: str


class ScaleOut(Schema):
    sources: list[str]
    items: list[IpsItemOut]
    bands: list[tuple[str, int, int]]


class ScoreIn(Schema):
    item: str = Field(..., max_length=40)
    score: int = Field(..., ge=1, le=5)
    note: str = Field("", max_length=2000)


class ReviewIn(Schema):
    reviewed_on: dt.date
    reviewers: str = Field(..., max_length=300)
    summary: str = Field("", max_length=20000)
    scores: list[ScoreIn] = Field(..., max_length=50)


class ScoreOut(Schema):
    item: str
    score: int
    note: str


class ReviewOut(Schema):
    id: int
    service_id: int
    service_slug: str
    reviewed_on: dt.date
    reviewers: str
    total: int
    band: str
    summary: str
    scores: list[ScoreOut]


def _review(review: Any) -> dict[str, Any]:
    return {
        "id": review.pk,
        "service_id": review.service_id,
        "service_slug": review.service.slug,
        "reviewed_on": review.reviewed_on,
        "reviewers": review.reviewers,
        "total": review.total,
        "band": review.band,
        "summary": review.summary,
        "scores": [{"item": s.item, "score": s.score, "note": s.note} for s in review.scores.all()],
    }


def _ips_service(service_id: int) -> Service:
    service = (
        Service.objects.filter(pk=service_id, service_type__slug=IPS_SERVICE_TYPE)
        .select_related("service_type")
        .first()
    )
    if service is None:
        raise Http404
    return service


@router.get("/fidelity/scale", response={200: ScaleOut}, auth=verified, tags=["ips-fidelity"])
def fidelity_scale(request: HttpRequest) -> Any:
    scale = fidelity.scale()
    return {
        "sources": list(scale.sources),
        "items": [
            {"code": i.code, "section": i.section, "name": i.name, "name_source": i.name_source}
            for i in scale.items
        ],
        "bands": list(scale.bands),
    }


@router.get(
    "/fidelity/services/{service_id}",
    response={200: list[ReviewOut], 404: Problem, 422: Problem},
    auth=verified,
    tags=["ips-fidelity"],
)
def fidelity_reviews(request: HttpRequest, service_id: int) -> Any:
    return [_review(r) for r in selectors.reviews_of(_ips_service(service_id))]


@router.post(
    "/fidelity/services/{service_id}",
    response={201: ReviewOut, **REFUSALS},
    auth=verified,
    tags=["ips-fidelity"],
)
def fidelity_record(request: HttpRequest, service_id: int, body: ReviewIn) -> Any:
    user = caller(request)
    service = _ips_service(service_id)
    try:
        review = actions.record_fidelity_review(
            service=service,
            by=user,
            reviewed_on=body.reviewed_on,
            reviewers=body.reviewers,
            summary=body.summary,
            scores={s.item: actions.ItemScore(s.score, s.note) for s in body.scores},
        )
    except ValidationError as exc:
        problem = from_validation_error(exc)
        if getattr(exc, "code", None) == "not_reviewer":
            problem.status = 403
        raise problem from exc
    return Status(201, _review(review))


class ReferenceOut(Schema):
    code: str
    condition: str
    demands: str
    examples: str


class ReferenceAnswer(Schema):
    source: str
    note: str
    entries: list[ReferenceOut]


class ReferenceQuery(Schema):
    q: str = Field("", max_length=100)


@router.get(
    "/work-demands",
    response={200: ReferenceAnswer, 422: Problem},
    auth=verified,
    tags=["ips-reference"],
)
def work_demands(request: HttpRequest, query: Query[ReferenceQuery]) -> Any:
    return {
        "source": reference.reference().source,
        "note": "Tietolähde, ei päätös: työkyvyn arvioi lääkäri yhdessä asiakkaan kanssa.",
        "entries": [
            {
                "code": e.code,
                "condition": e.condition_text,
                "demands": e.demands_text,
                "examples": e.examples_text,
            }
            for e in reference.search(query.q)
        ],
    }


class OutcomeOut(Schema):
    label: str
    periods: int | str
    open_market_jobs: int | str
    with_employer_contact: int | str
    median_days_to_first_contact: float | str | None


@router.get("/outcomes", response={200: list[OutcomeOut]}, auth=verified, tags=["ips-outcomes"])
def outcomes(request: HttpRequest) -> Any:
    return selectors.outcomes()
