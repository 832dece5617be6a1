"""Querysets of teams and meetings, and the team agenda's access grant (declared in apps.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from tukiverkko.accounts.models import User
    from tukiverkko.teams.models import AgendaItem, Meeting, TeamMember  # noqa: F401


class TeamMemberQuerySet(models.QuerySet["TeamMember"]):
    def current(self) -> TeamMemberQuerySet:
        return self.filter(removed_at__isnull=True)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def in_progress(self, at: dt.datetime | None = None) -> MeetingQuerySet:
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at).exclude(status="cancelled")

    def upcoming(self, at: dt.datetime | None = None) -> MeetingQuerySet:
        return self.filter(ends_at__gt=at or timezone.now()).exclude(status="cancelled")


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def standing(self) -> AgendaItemQuerySet:
        """Items not withdrawn: on the agenda, or decided at the meeting."""
        return self.exclude(status="withdrawn")


def clients_of_team_agenda(user: User) -> models.QuerySet[Any]:
    """Grant: the clients on the agenda of a meeting of ``user``'s team while that meeting is
    going on — opened when it starts, closed when it ends (decision 0312)."""
    from tukiverkko.teams.models import AgendaItem, TeamMember

    teams = TeamMember.objects.current().filter(user=user).values("team_id")
    now = timezone.now()
    return (
        AgendaItem.objects.standing()
        .filter(
            meeting__team_id__in=teams,
            meeting__starts_at__lte=now,
            meeting__ends_at__gt=now,
        )
        .exclude(meeting__status="cancelled")
        .values(client_id=models.F("case__client_id"))
    )
