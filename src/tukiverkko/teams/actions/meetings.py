"""A team's meetings: a recurring series on an RRULE, one meeting of it, a single meeting."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.core import limits
from tukiverkko.teams import calendar
from tukiverkko.teams.actions._common import _check_manages
from tukiverkko.teams.models import (
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingSeries,
    Team,
)

# -- meetings ---------------------------------------------------------------------------


def _meeting_errors(
    starts_at: dt.datetime | None, duration_minutes: int, mode: str, place: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if starts_at is None:
        errors["starts_at"] = [_("Anna kokouksen alkamisaika.")]
    if not 10 <= duration_minutes <= 8 * 60:
        errors["duration_minutes"] = [_("Kokouksen kesto on 10 minuutista 8 tuntiin.")]
    if mode not in MeetingMode.values:
        errors["mode"] = [_("Valitse, pidetäänkö kokous paikan päällä vai etäyhteydellä.")]
    errors |= limits.check_texts({"place": (place, limits.NAME)})
    return errors


@transaction.atomic
def add_series(
    *,
    team: Team,
    by: Professional,
    first_starts_at: dt.datetime,
    duration_minutes: int,
    rrule: str,
    mode: str,
    place: str = "",
) -> MeetingSeries:
    """The team's calendar rule: an RFC 5545 RRULE from the first meeting on (seed 002:
    "säännöllisesti, ennakkoon määritelty"; seed 004: every 2–4 weeks, or 1×/week 30 min)."""
    _check_manages(team, by, team.organisation_id)
    errors = _meeting_errors(first_starts_at, duration_minutes, mode, place)
    if rule_error := calendar.rule_error(rrule):
        errors["rrule"] = [rule_error]
    if errors:
        raise ValidationError(errors)
    series = MeetingSeries.objects.create(
        team=team,
        first_starts_at=first_starts_at,
        duration_minutes=duration_minutes,
        rrule=calendar.normalised(rrule),
        mode=mode,
        place=place.strip(),
        kind=MeetingKind.TEAM if team.takes_cases else MeetingKind.GENERAL,
        created_by=by,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:series:{series.pk}")
    return series


def meeting_of(series: MeetingSeries, starts_at: dt.datetime, by: Professional) -> Meeting:
    """The meeting row of one occurrence of ``series``, made the first time something is put on
    it (decision 0311). ``starts_at`` must be an occurrence of the rule."""
    if not calendar.is_occurrence(series, starts_at):
        raise ValidationError(
            {"meeting": [_("Tiimillä ei ole kokousta tuona aikana.")]}, code="no_such_occurrence"
        )
    meeting, _created = Meeting.objects.get_or_create(
        series=series,
        starts_at=starts_at,
        defaults={
            "team": series.team,
            "kind": series.kind,
            "ends_at": starts_at + series.duration,
            "mode": series.mode,
            "place": series.place,
            "created_by": by,
        },
    )
    return meeting


@transaction.atomic
def schedule_meeting(
    *,
    team: Team,
    by: Professional,
    starts_at: dt.datetime,
    duration_minutes: int,
    mode: str,
    place: str = "",
) -> Meeting:
    """A single team meeting outside the rule (e.g. an extra one)."""
    _check_manages(team, by, team.organisation_id)
    if errors := _meeting_errors(starts_at, duration_minutes, mode, place):
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        team=team,
        kind=MeetingKind.TEAM if team.takes_cases else MeetingKind.GENERAL,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=duration_minutes),
        mode=mode,
        place=place.strip(),
        created_by=by,
    )
    record_event(by, None, EventType.TEAM_CHANGE, f"{team.pk}:meeting:{meeting.pk}")
    return meeting
