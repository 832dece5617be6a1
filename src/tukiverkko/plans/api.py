"""/api/v1/plans/: the plan of a case — the same selectors, actions and access policy as the plan
pages. A case the caller may not see answers 404; a change needs the case's steering (403); a
stale ``version`` is 409; every refusal is a problem document (api.errors)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.models import Organisation, User
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.catalogue.models import Service, ServiceType
from tukiverkko.core import limits
from tukiverkko.plans import actions
from tukiverkko.plans.actions import ActionData, ExternalPlanData, GoalData, PlanFields
from tukiverkko.plans.models import Plan
from tukiverkko.plans.selectors import PlanView, plan_diff, plan_of, plan_view, versions_of

router = Router(tags=["plans"], auth=professional)

ID = Field(None, ge=1, le=2**62)
REFUSALS: dict[int, type[Problem]] = {
    400: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}


class PlanGoalReviewOut(Schema):
    id: int
    reviewed_on: dt.date
    attainment: int
    note: str | None  # None: the reader may not see it (consent)
    by_id: int


class PlanGoalOut(Schema):
    id: int
    text: str
    indicator: str
    target_on: dt.date | None
    status: str
    visible_to_client: bool
    reviews: list[PlanGoalReviewOut]


class PlanActionOut(Schema):
    id: int
    text: str
    service_type_id: int | None
    service_id: int | None
    responsible: str
    responsible_user_id: int | None
    responsible_organisation_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    status: str
    visible_to_client: bool


class ExternalPlanOut(Schema):
    id: int
    kind: str
    owner_organisation_id: int | None
    owner_name: str
    dated_on: dt.date | None


class PlanOut(Schema):
    id: int
    case_id: int
    version: int
    client_goal: str | None  # None: the reader may not see it (consent)
    mode: str
    mediated_consent_on: dt.date | None
    mediated_consent_channel: str
    companion_user_id: int | None
    companion_name: str
    next_review_on: dt.date | None
    agreed_at: dt.datetime | None
    agreed_by_id: int | None
    goals: list[PlanGoalOut]
    actions: list[PlanActionOut]
    external_plans: list[ExternalPlanOut]
    hidden: int  # items the reader may not see


class PlanVersionOut(Schema):
    number: int
    author_id: int | None
    author: str
    created_at: dt.datetime
    change: str


class PlanFieldChangeOut(Schema):
    name: str
    label: str
    before: str
    after: str
    by: list[str]


class PlanChangeOut(Schema):
    section: str
    kind: str
    title: str
    fields: list[PlanFieldChangeOut]
    by: list[str]


class PlanDiffOut(Schema):
    older: int
    newer: int
    changes: list[PlanChangeOut]
    hidden: int


class PlanGoalIn(Schema):
    id: int | None = ID
    text: str = Field(max_length=limits.REASON)
    indicator: str = Field("", max_length=limits.REASON)
    target_on: dt.date | None = None
    status: str = Field("in_progress", max_length=20)
    visible_to_client: bool = True


class PlanActionIn(Schema):
    id: int | None = ID
    text: str = Field(max_length=limits.REASON)
    service_type_id: int | None = ID
    service_id: int | None = ID
    responsible: str = Field("client", max_length=20)
    responsible_user_id: int | None = ID
    responsible_organisation_id: int | None = ID
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    status: str = Field("planned", max_length=20)
    visible_to_client: bool = True


class ExternalPlanIn(Schema):
    id: int | None = ID
    kind: str = Field(max_length=20)
    owner_organisation_id: int | None = ID
    owner_name: str = Field("", max_length=limits.NAME)
    dated_on: dt.date | None = None


class PlanIn(Schema):
    version: int = Field(ge=0, le=2**31)
    client_goal: str = Field("", max_length=limits.REASON)
    mode: str = Field("division_of_work", max_length=20)
    mediated_consent_on: dt.date | None = None
    mediated_consent_channel: str = Field("", max_length=20)
    companion_user_id: int | None = ID
    companion_name: str = Field("", max_length=limits.NAME)
    next_review_on: dt.date | None = None
    goals: list[PlanGoalIn] = Field(default_factory=list, max_length=50)
    actions: list[PlanActionIn] = Field(default_factory=list, max_length=50)
    external_plans: list[ExternalPlanIn] = Field(default_factory=list, max_length=20)


class PlanVersionIn(Schema):
    version: int = Field(ge=0, le=2**31)


class PlanGoalReviewIn(Schema):
    version: int = Field(ge=0, le=2**31)
    reviewed_on: dt.date
    attainment: int = Field(ge=-2, le=2)
    note: str = Field("", max_length=limits.REASON)
    next_review_on: dt.date | None = None


class PlanDiffQuery(Schema):
    a: int = Field(ge=1, le=2**31)
    b: int = Field(ge=1, le=2**31)


def _out(view: PlanView) -> dict[str, Any]:
    plan = view.plan
    if plan is None:
        raise Http404
    return {
        "id": plan.pk,
        "case_id": plan.case_id,
        "version": plan.version,
        "client_goal": plan.client_goal if view.client_goal_visible else None,
        "mode": plan.mode,
        "mediated_consent_on": plan.mediated_consent_on,
        "mediated_consent_channel": plan.mediated_consent_channel,
        "companion_user_id": plan.companion_user_id,
        "companion_name": plan.companion_name,
        "next_review_on": plan.next_review_on,
        "agreed_at": plan.agreed_at,
        "agreed_by_id": plan.agreed_by_id,
        "goals": [
            {
                **{k: getattr(g.goal, k) for k in PlanGoalOut.model_fields if k != "reviews"},
                "reviews": [
                    {
                        "id": r.item.pk,
                        "reviewed_on": r.item.reviewed_on,
                        "attainment": r.item.attainment,
                        "note": r.item.note if r.visible else None,
                        "by_id": r.item.by_id,
                    }
                    for r in g.reviews
                ],
            }
            for g in view.goals.shown
        ],
        "actions": view.actions.shown,
        "external_plans": view.external_plans.shown,
        "hidden": view.hidden,
    }


def _plan_or_404(plan: Plan | None) -> Plan:
    if plan is None:
        raise Http404
    return plan


M = TypeVar("M", bound=models.Model)


def _row(model: type[M], pk: int | None, field: str, errors: dict[str, list[str]]) -> M | None:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        errors.setdefault(field, []).append(_("Tuntematon tunniste."))
    return found


def _parsed(body: PlanIn) -> tuple[PlanFields, list[GoalData], list[ActionData], list[Any]]:
    """The body as the action's data; an id that names no row is a field error (400)."""
    errors: dict[str, list[str]] = {}
    fields = PlanFields(
        client_goal=body.client_goal,
        mode=body.mode,
        mediated_consent_on=body.mediated_consent_on,
        mediated_consent_channel=body.mediated_consent_channel,
        companion_user=_row(User, body.companion_user_id, "companion_user_id", errors),
        companion_name=body.companion_name,
        next_review_on=body.next_review_on,
    )
    goals = [GoalData(**g.model_dump()) for g in body.goals]
    plan_actions = []
    for n, a in enumerate(body.actions):
        pre = f"actions-{n}-"
        plan_actions.append(
            ActionData(
                id=a.id,
                text=a.text,
                responsible=a.responsible,
                responsible_user=_row(
                    User, a.responsible_user_id, pre + "responsible_user", errors
                ),
                responsible_organisation=_row(
                    Organisation,
                    a.responsible_organisation_id,
                    pre + "responsible_organisation",
                    errors,
                ),
                service_type=_row(ServiceType, a.service_type_id, pre + "service_type", errors),
                service=_row(Service, a.service_id, pre + "service", errors),
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                status=a.status,
                visible_to_client=a.visible_to_client,
            )
        )
    external = [
        ExternalPlanData(
            id=e.id,
            kind=e.kind,
            owner_organisation=_row(
                Organisation,
                e.owner_organisation_id,
                f"external_plans-{n}-owner_organisation",
                errors,
            ),
            owner_name=e.owner_name,
            dated_on=e.dated_on,
        )
        for n, e in enumerate(body.external_plans)
    ]
    if errors:
        raise from_validation_error(ValidationError(errors))
    return fields, goals, plan_actions, external


@router.get("/cases/{case_id}", response={200: PlanOut, 404: Problem, 422: Problem})
@no_store
def get_plan(request: HttpRequest, case_id: int) -> Any:
    user = caller(request)
    case = access.get_case(user, case_id, what="api:plan")
    return _out(plan_view(user, case, what="api:plan"))


@router.post("/cases/{case_id}", response={201: PlanOut, **REFUSALS})
@no_store
def create_plan(request: HttpRequest, case_id: int) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:plan_create", need=Need.STEER)
    try:
        actions.create_plan(case=case, by=user)
    except ValidationError as exc:
        problem = from_validation_error(exc)
        if exc.code == "plan_exists":
            problem.status = 409  # the plan is there already: a conflict with the resource
        raise problem from exc
    return Status(201, _out(plan_view(user, case, what="api:plan_create")))


@router.put("/cases/{case_id}", response={200: PlanOut, **REFUSALS})
@no_store
def save_plan(request: HttpRequest, case_id: int, body: PlanIn) -> Any:
    """Save the whole plan (its fields, goals, actions, other plans) as one new version. A row
    with an ``id`` is updated, one without is added, one left out is removed."""
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:plan_save", need=Need.STEER)
    plan = _plan_or_404(plan_of(case))
    fields, goals, plan_actions, external = _parsed(body)
    try:
        actions.save_plan(
            plan=plan,
            by=user,
            expected_version=body.version,
            fields=fields,
            goals=goals,
            actions=plan_actions,
            external_plans=external,
        )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return _out(plan_view(user, case, what="api:plan_save"))


@router.post("/cases/{case_id}/agree", response={200: PlanOut, **REFUSALS})
@no_store
def agree_plan(request: HttpRequest, case_id: int, body: PlanVersionIn) -> Any:
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:plan_agree", need=Need.STEER)
    plan = _plan_or_404(plan_of(case))
    try:
        actions.agree_plan(plan=plan, by=user, expected_version=body.version)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    case.refresh_from_db()
    return _out(plan_view(user, case, what="api:plan_agree"))


@router.post("/cases/{case_id}/goals/{goal_id}/reviews", response={201: PlanOut, **REFUSALS})
@no_store
def review_goal(request: HttpRequest, case_id: int, goal_id: int, body: PlanGoalReviewIn) -> Any:
    """Record a goal's review (GAS −2…+2): a new version of the plan; with ``next_review_on``
    the plan's next review too. By who steers the case, or by the plan's rinnallakulkija."""
    user = caller(request)
    what = "api:plan_goal_review"
    case = access.get_case_for_change(user, case_id, what=what, need=Need.WRITE)
    plan = _plan_or_404(plan_of(case))
    if plan.companion_user_id != user.pk:
        case = access.get_case_for_change(user, case_id, what=what, need=Need.STEER)
    goal = plan.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    try:
        actions.review_goal(
            goal=goal,
            by=user,
            expected_version=body.version,
            reviewed_on=body.reviewed_on,
            attainment=body.attainment,
            note=body.note,
            next_review_on=body.next_review_on,
        )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(201, _out(plan_view(user, case, what="api:plan_goal_review")))


@router.get(
    "/cases/{case_id}/versions", response={200: list[PlanVersionOut], 404: Problem, 422: Problem}
)
@no_store
def list_versions(request: HttpRequest, case_id: int) -> Any:
    case = access.get_case(caller(request), case_id, what="api:plan_versions")
    return [
        {
            "number": v.number,
            "author_id": v.author_id,
            "author": v.author_label,
            "created_at": v.created_at,
            "change": v.change,
        }
        for v in versions_of(_plan_or_404(plan_of(case)))
    ]


@router.get("/cases/{case_id}/diff", response={200: PlanDiffOut, 404: Problem, 422: Problem})
@no_store
def get_diff(request: HttpRequest, case_id: int, query: Query[PlanDiffQuery]) -> Any:
    """What changed between versions ``a`` and ``b`` (either order); 404 when one is not a
    version of the plan."""
    user = caller(request)
    case = access.get_case(user, case_id, what="api:plan_diff")
    diff = plan_diff(user, _plan_or_404(plan_of(case)), query.a, query.b)
    if diff is None:
        raise Http404
    return {
        "older": diff.older.number,
        "newer": diff.newer.number,
        "hidden": diff.hidden,
        "changes": [
            {
                "section": c.section,
                "kind": c.kind,
                "title": c.title,
                "by": c.by,
                "fields": [
                    {
                        "name": f.name,
                        "label": str(f.label),
                        "before": f.before,
                        "after": f.after,
                        "by": f.by,
                    }
                    for f in c.fields
                ],
            }
            for c in diff.changes
        ],
    }
