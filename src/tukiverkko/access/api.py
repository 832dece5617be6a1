"""/api/v1/integration/: what an organisation's own systems read, with an integration token
(``Authorization: Bearer tkv_…``; access.tokens, decisions 0370–0372).

Each route needs one scope (403 without it); a wrong, expired or revoked token answers 401; a
case the token's organisation does not own answers 404. Every read is a disclosure to that
system in the audit log (access.system). Sessions do not open these routes: professionals read
the same data at /api/v1/clients/, /plans/, /referrals/, … with their own access policy.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tukiverkko.access import system
from tukiverkko.access.models import ApiToken
from tukiverkko.access.tokens import Scope, bearer, require
from tukiverkko.api.auth import no_store
from tukiverkko.api.errors import Problem
from tukiverkko.core.forms import MAX_ID

router = Router(tags=["integration"], auth=bearer)

CaseId = Annotated[int, Field(ge=1, le=MAX_ID)]
REFUSALS: dict[int, type[Problem]] = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


def _token(request: HttpRequest, scope: Scope) -> ApiToken:
    token = cast(ApiToken, request.auth)  # type: ignore[attr-defined]  # the router's auth
    require(token, scope)
    return token


class IntegrationPageIn(Schema):
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=200)


class IntegrationCaseOut(Schema):
    id: int
    client_id: int
    organisation_id: int
    case_register: str  # the register the case is kept in (health_care, social_care, other)
    phase: str
    responsible_worker_id: int
    opened_at: dt.datetime
    closed_on: dt.date | None
    outcome: str
    version: int


class IntegrationCasePageOut(Schema):
    count: int
    items: list[IntegrationCaseOut]


class IntegrationJournalEntryOut(Schema):
    id: int
    created_at: dt.datetime
    category: str
    text: str
    organisation_id: int
    source_register: str
    author_id: int


class IntegrationJournalOut(Schema):
    case_id: int
    items: list[IntegrationJournalEntryOut]
    hidden: int  # entries of another register: not disclosed to the system


class IntegrationGoalOut(Schema):
    id: int
    text: str
    indicator: str
    target_on: dt.date | None
    status: str


class IntegrationActionOut(Schema):
    id: int
    text: str
    service_type_id: int | None
    service_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    status: str


class IntegrationPlanOut(Schema):
    case_id: int
    id: int | None  # None: the case has no plan yet
    client_goal: str | None  # None: another register wrote it, or no plan
    mode: str
    next_review_on: dt.date | None
    agreed_at: dt.datetime | None
    goals: list[IntegrationGoalOut]
    actions: list[IntegrationActionOut]
    hidden: int


class IntegrationReferralRowOut(Schema):
    id: int
    case_id: int
    kind: str
    status: str
    urgency: str
    service_id: int | None
    to_organisation_id: int
    sent_at: dt.datetime | None
    due_on: dt.date | None
    overdue: bool
    where: str


class IntegrationConsentOut(Schema):
    id: int
    client_id: int
    disclosing_organisation_id: int
    disclosing_register: str
    organisation_ids: list[int]
    unit_ids: list[int]
    categories: list[str]
    purposes: list[str]
    form: str
    valid_from: dt.date
    valid_until: dt.date | None
    awaits_confirmation: bool
    revoked_at: dt.datetime | None


class IntegrationTeamOut(Schema):
    id: int
    name: str
    kind: str
    organisation_id: int
    region_id: int


class IntegrationTaskOut(Schema):
    id: int
    kind: str
    due: dt.date
    overdue: bool
    client_id: int | None
    owner_id: int
    status: str


class IntegrationTaskPageOut(Schema):
    count: int
    items: list[IntegrationTaskOut]


def _case(case: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "client_id": case.client_id,
        "organisation_id": case.organisation_id,
        "case_register": case.register,
        "phase": case.phase,
        "responsible_worker_id": case.responsible_worker_id,
        "opened_at": case.opened_at,
        "closed_on": case.closed_on,
        "outcome": case.outcome,
        "version": case.version,
    }


@router.get("/cases", response={200: IntegrationCasePageOut, **REFUSALS})
@no_store
def list_cases(request: HttpRequest, page: Query[IntegrationPageIn]) -> dict[str, Any]:
    """The organisation's cases, newest first (scope read:cases); each one a disclosure."""
    token = _token(request, Scope.READ_CASES)
    count, cases = system.list_cases(token, offset=page.offset, limit=page.limit)
    return {"count": count, "items": [_case(c) for c in cases]}


@router.get("/cases/{case_id}", response={200: IntegrationCaseOut, **REFUSALS})
@no_store
def case_detail(request: HttpRequest, case_id: CaseId) -> Any:
    """One case of the organisation (scope read:cases)."""
    return _case(system.read_case(_token(request, Scope.READ_CASES), case_id))


@router.get("/cases/{case_id}/journal", response={200: IntegrationJournalOut, **REFUSALS})
@no_store
def case_journal(request: HttpRequest, case_id: CaseId) -> Any:
    """The journal entries the case's own register wrote (scope read:journal)."""
    case, shown = system.journal(_token(request, Scope.READ_JOURNAL), case_id)
    return {
        "case_id": case.pk,
        "items": [
            {
                "id": e.pk,
                "created_at": e.created_at,
                "category": e.category,
                "text": e.text,
                "organisation_id": e.organisation_id,
                "source_register": e.register,
                "author_id": e.author_id,
            }
            for e in shown.rows
        ],
        "hidden": shown.hidden,
    }


@router.get("/cases/{case_id}/plan", response={200: IntegrationPlanOut, **REFUSALS})
@no_store
def case_plan(request: HttpRequest, case_id: CaseId) -> Any:
    """The case's plan, its own register's goals and actions (scope read:plans)."""
    seen = system.plan(_token(request, Scope.READ_PLANS), case_id)
    found = seen.plan
    return {
        "case_id": seen.case.pk,
        "id": found.pk if found else None,
        "client_goal": found.client_goal if found and seen.client_goal_visible else None,
        "mode": found.mode if found else "",
        "next_review_on": found.next_review_on if found else None,
        "agreed_at": found.agreed_at if found else None,
        "goals": [
            {
                "id": g.pk,
                "text": g.text,
                "indicator": g.indicator,
                "target_on": g.target_on,
                "status": g.status,
            }
            for g in seen.goals.rows
        ],
        "actions": [
            {
                "id": a.pk,
                "text": a.text,
                "service_type_id": a.service_type_id,
                "service_id": a.service_id,
                "starts_on": a.starts_on,
                "ends_on": a.ends_on,
                "status": a.status,
            }
            for a in seen.actions.rows
        ],
        "hidden": seen.goals.hidden + seen.actions.hidden,
    }


@router.get(
    "/cases/{case_id}/referrals", response={200: list[IntegrationReferralRowOut], **REFUSALS}
)
@no_store
def case_referrals(request: HttpRequest, case_id: CaseId) -> Any:
    """The case's referrals and where each stands, without their free text (read:referrals)."""
    rows = system.referrals(_token(request, Scope.READ_REFERRALS), case_id)
    return [
        {
            "id": r.referral.pk,
            "case_id": r.referral.case_id,
            "kind": r.referral.kind,
            "status": r.referral.status,
            "urgency": r.referral.urgency,
            "service_id": r.referral.service_id,
            "to_organisation_id": r.referral.to_organisation_id,
            "sent_at": r.referral.sent_at,
            "due_on": r.referral.due_on,
            "overdue": r.overdue,
            "where": r.where,
        }
        for r in rows
    ]


@router.get("/cases/{case_id}/consents", response={200: list[IntegrationConsentOut], **REFUSALS})
@no_store
def case_consents(request: HttpRequest, case_id: CaseId) -> Any:
    """The consents the case's register recorded for the client (scope read:consents)."""
    rows = system.consents(_token(request, Scope.READ_CONSENTS), case_id)
    return [
        {
            "id": c.pk,
            "client_id": c.client_id,
            "disclosing_organisation_id": c.disclosing_organisation_id,
            "disclosing_register": c.disclosing_register,
            "organisation_ids": sorted(o.pk for o in c.organisations.all()),
            "unit_ids": sorted(u.pk for u in c.units.all()),
            "categories": list(c.categories),
            "purposes": list(c.purposes),
            "form": c.form,
            "valid_from": c.valid_from,
            "valid_until": c.valid_until,
            "awaits_confirmation": c.awaits_confirmation,
            "revoked_at": c.revoked_at,
        }
        for c in rows
    ]


@router.get("/teams", response={200: list[IntegrationTeamOut], **REFUSALS})
@no_store
def list_teams(request: HttpRequest) -> Any:
    """The organisation's active teams (scope read:teams)."""
    return [
        {
            "id": t.pk,
            "name": t.name,
            "kind": t.kind,
            "organisation_id": t.organisation_id,
            "region_id": t.region_id,
        }
        for t in system.teams(_token(request, Scope.READ_TEAMS))
    ]


@router.get("/tasks", response={200: IntegrationTaskPageOut, **REFUSALS})
@no_store
def list_tasks(request: HttpRequest, page: Query[IntegrationPageIn]) -> dict[str, Any]:
    """Open follow-up tasks about the organisation's cases, by due date (scope read:tasks)."""
    token = _token(request, Scope.READ_TASKS)
    count, found = system.tasks(token, offset=page.offset, limit=page.limit)
    return {
        "count": count,
        "items": [
            {
                "id": t.pk,
                "kind": t.kind,
                "due": t.due,
                "overdue": t.is_overdue,
                "client_id": t.client_id,
                "owner_id": t.owner_id,
                "status": t.status,
            }
            for t in found
        ],
    }
