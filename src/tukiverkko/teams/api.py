"""/api/v1/teams/: teams, their meetings, the agenda and the minutes — the same selectors, actions
and access policy as the team pages. A team the caller is not in answers 404 (logged); a client
on an agenda is named (by its case id) only to who may see the client; refusals are problem
documents (api.errors)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tukiverkko.access import policy
from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.models import User
from tukiverkko.api.auth import caller, no_store, professional
from tukiverkko.api.errors import Problem, from_validation_error
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.catalogue.models import Service
from tukiverkko.core import limits
from tukiverkko.teams import actions, selectors
from tukiverkko.teams.models import AgendaItem, CaseMinutes, Meeting, MeetingSeries, Team

router = Router(tags=["teams"], auth=professional)

ID = Field(None, ge=1, le=2**62)
REFUSALS: dict[int, type[Problem]] = {
    400: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}


class TeamOut(Schema):
    id: int
    name: str
    kind: str
    organisation_id: int
    region_id: int


class MemberOut(Schema):
    id: int
    role: str
    user_id: int | None
    organisation_id: int
    membership: str
    coordinating: bool


class OccurrenceOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    series_id: int | None
    meeting_id: int | None
    agenda_count: int


class TeamDetailOut(TeamOut):
    members: list[MemberOut]
    upcoming: list[OccurrenceOut]


class AgendaRowOut(Schema):
    id: int
    case_id: int | None  # None: the caller may not see who the client is
    status: str
    returning: bool


class MeetingOut(Schema):
    id: int
    team_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    mode: str
    place: str
    in_progress: bool
    agenda: list[AgendaRowOut]


class MinutesOut(Schema):
    summary: str | None  # None: the reader may not see the writer's register's text
    decisions: str | None
    companion_user_id: int | None
    companion_name: str
    plan_version_id: int | None
    referral_id: int | None
    responsible_worker_id: int | None
    recorded_by_id: int
    recorded_at: dt.datetime


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    case_id: int
    question: str
    categories: list[str]
    purpose: str
    status: str
    returning: bool
    minutes: MinutesOut | None


class AgendaIn(Schema):
    """A case to a meeting: an existing meeting by id, or an occurrence of a series by its
    start."""

    meeting_id: int | None = ID
    series_id: int | None = ID
    starts_at: dt.datetime | None = None
    question: str = Field(max_length=limits.REASON)
    categories: list[str] = Field(max_length=10)
    purpose: str = Field(max_length=40)


class MinutesIn(Schema):
    summary: str = Field(max_length=limits.JOURNAL_TEXT)
    decisions: str = Field(max_length=limits.JOURNAL_TEXT)
    actions: list[str] = Field([], max_length=20)
    companion_user_id: int | None = ID
    companion_name: str = Field("", max_length=limits.NAME)
    referral_service_id: int | None = ID
    referral_question: str = Field("", max_length=limits.REASON)
    responsible_worker_id: int | None = ID
    next_review_on: dt.date | None = None


def _team(user: User, team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id).first()
    if team is None or not selectors.may_see_team(user, team):
        record_access(
            user=user,
            client_id=None,
            what=f"api:team:{team_id}",
            purpose=AccessPurpose.CLIENT_WORK,
            allowed=False,
        )
        raise Http404
    return team


def _team_out(team: Team) -> dict[str, Any]:
    return {k: getattr(team, k) for k in TeamOut.model_fields}


def _minutes_out(user: User, minutes: CaseMinutes | None) -> dict[str, Any] | None:
    if minutes is None:
        return None
    view = selectors.minutes_view(user, minutes)
    return {
        "summary": view.summary,
        "decisions": view.decisions,
        **{
            k: getattr(minutes, k)
            for k in MinutesOut.model_fields
            if k not in {"summary", "decisions"}
        },
    }


def _item_out(user: User, item: AgendaItem) -> dict[str, Any]:
    return {
        **{k: getattr(item, k) for k in AgendaItemOut.model_fields if k != "minutes"},
        "minutes": _minutes_out(user, CaseMinutes.objects.filter(item=item).first()),
    }


@router.get("/", response={200: list[TeamOut]})
@no_store
def list_teams(request: HttpRequest) -> Any:
    """The caller's teams, and their organisation's for who sets teams up."""
    return [_team_out(t) for t in selectors.teams_for(caller(request))]


@router.get("/{team_id}", response={200: TeamDetailOut, 404: Problem, 422: Problem})
@no_store
def get_team(request: HttpRequest, team_id: int) -> Any:
    team = _team(caller(request), team_id)
    return {
        **_team_out(team),
        "members": list(team.members.current()),
        "upcoming": [
            {
                "starts_at": o.starts_at,
                "ends_at": o.ends_at,
                "series_id": o.series.pk if o.series else None,
                "meeting_id": o.meeting.pk if o.meeting else None,
                "agenda_count": o.agenda_count,
            }
            for o in selectors.upcoming(team)
        ],
    }


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: Problem, 422: Problem})
@no_store
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    user = caller(request)
    meeting = Meeting.objects.filter(pk=meeting_id, team__isnull=False).first()
    _team(user, meeting.team.pk if meeting is not None and meeting.team is not None else 0)
    if meeting is None:  # pragma: no cover - _team refused it
        raise Http404
    view = selectors.meeting_view(user, meeting, policy.can_see_client)
    return {
        "id": meeting.pk,
        "team_id": view.team.pk,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "mode": meeting.mode,
        "place": meeting.place,
        "in_progress": view.in_progress,
        "agenda": [
            {
                "id": r.item.pk,
                "case_id": r.item.case_id if r.client_shown else None,
                "status": r.item.status,
                "returning": r.item.returning,
            }
            for r in view.rows
        ],
    }


@router.post("/cases/{case_id}/agenda", response={201: AgendaItemOut, **REFUSALS})
@no_store
def bring_to_team(request: HttpRequest, case_id: int, body: AgendaIn) -> Any:
    """Bring the case to a team meeting (who steers the case; the client's consent must cover
    the team's organisations, the categories and the purpose)."""
    user = caller(request)
    case = access.get_case_for_change(user, case_id, what="api:team_bring", need=Need.STEER)
    try:
        if body.meeting_id is not None:
            meeting = Meeting.objects.filter(pk=body.meeting_id, team__isnull=False).first()
            if meeting is None:
                raise ValidationError({"meeting_id": [_("Tuntematon kokous.")]})
        else:
            series = (
                MeetingSeries.objects.filter(pk=body.series_id).first()
                if body.series_id is not None
                else None
            )
            if series is None or body.starts_at is None:
                raise ValidationError(
                    {"series_id": [_("Anna kokous (meeting_id) tai sarja ja alkamisaika.")]}
                )
            meeting = actions.meeting_of(series, body.starts_at, user)
        item = actions.add_to_agenda(
            meeting=meeting,
            case=case,
            by=user,
            question=body.question,
            categories=body.categories,
            purpose=body.purpose,
        )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(201, _item_out(user, item))


@router.get("/agenda/{item_id}", response={200: AgendaItemOut, 404: Problem, 422: Problem})
@no_store
def get_agenda_item(request: HttpRequest, item_id: int) -> Any:
    user = caller(request)
    return _item_out(user, access.get_agenda_item(user, item_id, what="api:team_agenda_item"))


def _user(pk: int | None, field: str, errors: dict[str, list[str]]) -> User | None:
    if pk is None:
        return None
    found = User.objects.filter(pk=pk).first()
    if found is None:
        errors[field] = [_("Tuntematon tunniste.")]
    return found


@router.post("/agenda/{item_id}/minutes", response={201: AgendaItemOut, **REFUSALS})
@no_store
def record_minutes(request: HttpRequest, item_id: int, body: MinutesIn) -> Any:
    """The team's record of the case (a member, once the meeting has started)."""
    user = caller(request)
    item = access.get_agenda_item_for_change(user, item_id, what="api:team_minutes")
    errors: dict[str, list[str]] = {}
    service = None
    if body.referral_service_id is not None:
        service = Service.objects.filter(pk=body.referral_service_id).first()
        if service is None:
            errors["referral_service_id"] = [_("Tuntematon tunniste.")]
    decision = actions.Decision(
        summary=body.summary,
        decisions=body.decisions,
        actions=body.actions,
        companion_user=_user(body.companion_user_id, "companion_user_id", errors),
        companion_name=body.companion_name,
        referral_service=service,
        referral_question=body.referral_question,
        responsible_worker=_user(body.responsible_worker_id, "responsible_worker_id", errors),
        next_review_on=body.next_review_on,
    )
    try:
        if errors:
            raise ValidationError(errors)
        actions.record_minutes(item=item, by=user, decision=decision)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    item.refresh_from_db()
    return Status(201, _item_out(user, item))
