"""Read models of teams and meetings — what the team pages, the meeting page, the case panel,
the start page and the API all render.

A meeting's agenda names a client only to a reader the access policy lets see that client
(a team member while the meeting lasts, the case's own professionals); to anyone else an item is
"a client" with its number on the agenda, and the read of each name shown is logged. The minutes'
text is its writer's register's content, shown through the content filter (consent.content).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import manages_teams
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.cases.models import Case
from tukiverkko.consent.content import disclosing
from tukiverkko.consent.models import Purpose
from tukiverkko.teams import calendar
from tukiverkko.teams.models import (
    AgendaItem,
    AgendaStatus,
    CaseMinutes,
    Meeting,
    MeetingKind,
    MeetingSeries,
    Team,
)


def teams_for(user: Professional) -> list[Team]:
    """The teams ``user`` is a member of, and — for who sets teams up — their organisation's."""
    scope = Q(members__user=user, members__removed_at__isnull=True)
    if manages_teams(user) and user.organisation_id is not None:
        scope |= Q(organisation_id=user.organisation_id)
    return list(Team.objects.filter(scope, active=True).distinct().select_related("region"))


def may_see_team(user: Professional, team: Team) -> bool:
    return team.members.current().filter(user=user).exists() or (
        manages_teams(user) and user.organisation_id == team.organisation_id
    )


@dataclass(frozen=True)
class Occurrence:
    starts_at: dt.datetime
    ends_at: dt.datetime
    series: MeetingSeries | None
    meeting: Meeting | None  # the row, once something is on the meeting
    agenda_count: int = 0

    @property
    def key(self) -> str:
        """The occurrence as a form value: the series and the start as a Unix time."""
        return f"{self.series.pk if self.series else 0}-{self.stamp}"

    @property
    def stamp(self) -> int:
        return int(self.starts_at.timestamp())


def upcoming(team: Team, *, count: int = 6, now: dt.datetime | None = None) -> list[Occurrence]:
    """The team's next meetings: every series' occurrences and the single meetings, in time
    order, each with its meeting row (and agenda size) where one exists."""
    now = now or timezone.now()
    rows = {
        (m.series_id, m.starts_at): m
        for m in Meeting.objects.filter(team=team).upcoming(now).prefetch_related("agenda")
    }
    found: list[Occurrence] = []
    for series in team.series.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=now.date())):
        for start in calendar.occurrences(series, now - series.duration, count):
            row = rows.pop((series.pk, start), None)
            found.append(_occurrence(start, start + series.duration, series, row))
    for (_series_id, start), row in rows.items():
        found.append(_occurrence(start, row.ends_at, row.series, row))
    found.sort(key=lambda o: o.starts_at)
    return found[:count]


def _occurrence(
    start: dt.datetime, end: dt.datetime, series: MeetingSeries | None, row: Meeting | None
) -> Occurrence:
    agenda = 0
    if row is not None:
        agenda = sum(1 for i in row.agenda.all() if i.status != AgendaStatus.WITHDRAWN)
    return Occurrence(start, end, series, row, agenda)


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    client_shown: bool  # may the reader see who the client is
    minutes: CaseMinutes | None


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    team: Team
    rows: list[AgendaRow] = field(default_factory=list)
    in_progress: bool = False
    over: bool = False
    reader_is_member: bool = False


def meeting_view(
    reader: Professional, meeting: Meeting, can_see: Callable[[Professional, int], bool]
) -> MeetingView:
    """The meeting page: its agenda, each client named only to who may see them — ``can_see``
    is the access policy's question, which the caller brings (logged)."""
    team = meeting.team
    if team is None:
        raise ValueError("a team meeting has a team")
    now = timezone.now()
    items = (
        meeting.agenda.exclude(status=AgendaStatus.WITHDRAWN)
        .select_related("case__client", "brought_by")
        .order_by("brought_at", "pk")
    )
    rows = []
    for item in items:
        shown = can_see(reader, item.case.client_id)
        if shown:
            record_access(
                user=reader,
                client_id=item.case.client_id,
                what=f"team_agenda:{item.pk}",
                purpose=AccessPurpose.CLIENT_WORK,
                allowed=True,
            )
        minutes = CaseMinutes.objects.filter(item=item).first() if shown else None
        rows.append(AgendaRow(item, shown, minutes))
    return MeetingView(
        meeting=meeting,
        team=team,
        rows=rows,
        in_progress=meeting.starts_at <= now < meeting.ends_at,
        over=meeting.ends_at <= now,
        reader_is_member=team.members.current().filter(user=reader).exists(),
    )


@dataclass(frozen=True)
class MinutesView:
    minutes: CaseMinutes
    summary: str | None  # None: the reader may not see the writer's register's text
    decisions: str | None


def minutes_view(reader: Professional, minutes: CaseMinutes) -> MinutesView:
    """The team's record through the content filter (the writer's register's content)."""
    client_id = minutes.item.case.client_id
    with disclosing(
        reader, client_id, purpose=Purpose.INFORMATION_EXCHANGE, what="team_minutes"
    ) as view:
        shown = view.allows(minutes, kind="team_minutes")
    return MinutesView(
        minutes,
        minutes.summary if shown else None,
        minutes.decisions if shown else None,
    )


def client_meeting_record(reader: Professional, meeting: Meeting) -> str | None:
    """A client meeting's record through the content filter (None: not for this reader)."""
    if not meeting.record or meeting.case is None:
        return None
    with disclosing(
        reader, meeting.case.client_id, purpose=Purpose.NETWORK_MEETING, what="client_meeting"
    ) as view:
        shown = view.allows(meeting, kind="client_meeting_record")
    return meeting.record if shown else None


@dataclass(frozen=True)
class CaseTeamView:
    items: list[AgendaItem]
    client_meetings: list[Meeting]
    on_agenda: AgendaItem | None


def case_team(case: Case) -> CaseTeamView:
    """The client page's team section: the case's agenda items (latest first) and its client
    meetings."""
    items = list(
        AgendaItem.objects.filter(case=case)
        .exclude(status=AgendaStatus.WITHDRAWN)
        .select_related("meeting__team")
        .order_by("-meeting__starts_at", "-pk")[:10]
    )
    meetings = list(
        Meeting.objects.filter(case=case, kind=MeetingKind.CLIENT).order_by("-starts_at")[:10]
    )
    on_agenda = next((i for i in items if i.status == AgendaStatus.ON_AGENDA), None)
    return CaseTeamView(items, meetings, on_agenda)


@dataclass(frozen=True)
class MyMeeting:
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    url: str
    agenda_count: int


def my_upcoming_meetings(user: User, *, days: int = 28, limit: int = 10) -> list[MyMeeting]:
    """The start page's meetings: the next meetings of ``user``'s teams and the client meetings
    they take part in, within ``days``."""
    from django.urls import reverse

    now = timezone.now()
    until = now + dt.timedelta(days=days)
    found: list[MyMeeting] = []
    teams = Team.objects.filter(
        members__user=user, members__removed_at__isnull=True, active=True
    ).distinct()
    for team in teams:
        for occ in upcoming(team, count=4, now=now):
            if occ.starts_at > until:
                continue
            url = (
                reverse("teams:meeting", args=[occ.meeting.pk])
                if occ.meeting is not None
                else reverse(
                    "teams:occurrence",
                    args=[team.pk, occ.series.pk if occ.series else 0, occ.stamp],
                )
            )
            found.append(MyMeeting(occ.starts_at, occ.ends_at, team.name, url, occ.agenda_count))
    client_meetings = Meeting.objects.filter(
        kind=MeetingKind.CLIENT,
        participants__user=user,
        ends_at__gt=now,
        starts_at__lte=until,
    ).exclude(status="cancelled")
    for m in client_meetings.distinct():
        found.append(
            MyMeeting(
                m.starts_at,
                m.ends_at,
                str(MeetingKind.CLIENT.label),
                reverse("teams:client_meeting", args=[m.pk]),
                0,
            )
        )
    found.sort(key=lambda m: m.starts_at)
    return found[:limit]


def team_detail(team: Team) -> dict[str, Any]:
    return {
        "team": team,
        "members": list(team.members.current().select_related("user", "organisation")),
        "series": [
            (s, calendar.describe(s.rrule)) for s in team.series.all().order_by("first_starts_at")
        ],
        "upcoming": upcoming(team),
    }
