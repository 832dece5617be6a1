"""The demo's work-ability teams (seeds 002, 003, 004): Päijät-Häme's team with its core and
on-demand members meeting every other Tuesday at 13.00, and the sote centre's weekly 30-minute
team without client cases. Made through teams.actions; safe to run again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.demo.paths import Cast, org
from tukiverkko.teams import actions
from tukiverkko.teams.models import Membership, Team, TeamKind

COUNTY = "paijat-hameen-hyvinvointialue"
TEAM = "Päijät-Hämeen työkyvyn tuen tiimi"

# (username, membership) — the core team of seed 002 and the on-demand members.
MEMBERS = [
    ("terveydenhoitaja", Membership.CORE),
    ("laakari", Membership.CORE),
    ("sosiaalityo", Membership.CORE),
    ("tyollisyys", Membership.CORE),
    ("kela", Membership.CORE),
    ("fysioterapeutti", Membership.ON_DEMAND),
    ("psykiatrinen", Membership.ON_DEMAND),
    ("paihdetyo", Membership.ON_DEMAND),
]


def _next_weekday(weekday: int, hour: int, minute: int = 0) -> dt.datetime:
    today = timezone.localdate()
    day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def load_teams(cast: Cast) -> list[str]:
    county = org(COUNTY)
    coordinator = cast.users.get("koordinaattori")
    if county is None or coordinator is None or Team.objects.filter(name=TEAM).exists():
        return []
    team = actions.create_team(
        by=coordinator,
        name=TEAM,
        kind=TeamKind.WORK_ABILITY,
        organisation=county,
        region=county.region,
        description=(
            "Monialainen tiimi asiakkaille, jotka tarvitsevat samanaikaisesti monialaista tukea "
            "eivätkä saa sitä työterveys-, opiskeluterveydenhuollon tai TYM-palvelun kautta."
        ),
    )
    actions.add_member(
        team=team,
        by=coordinator,
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=county,
        user=coordinator,
        coordinating=True,
    )
    for username, membership in MEMBERS:
        user = cast.users.get(username)
        if user is None or user.organisation is None:
            continue
        actions.add_member(
            team=team,
            by=coordinator,
            role=user.role,
            organisation=user.organisation,
            user=user,
            membership=membership,
        )
    actions.add_series(
        team=team,
        by=coordinator,
        first_starts_at=_next_weekday(1, 13),
        duration_minutes=90,
        rrule="FREQ=WEEKLY;INTERVAL=2",
        mode="hybrid",
        place="Sote-keskus, neuvotteluhuone 2 / Teams",
    )
    general = actions.create_team(
        by=coordinator,
        name="Heinolan sote-keskuksen moniammatillinen tiimi",
        kind=TeamKind.GENERAL,
        organisation=county,
        region=county.region,
        description="Yleistä toimintaa käsitellään, ei asiakastapauksia (1 x vko 30 min).",
    )
    actions.add_member(
        team=general,
        by=coordinator,
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=county,
        user=coordinator,
        coordinating=True,
    )
    actions.add_series(
        team=general,
        by=coordinator,
        first_starts_at=_next_weekday(3, 8, 30),
        duration_minutes=30,
        rrule="FREQ=WEEKLY",
        mode="in_person",
        place="Sote-keskus",
    )
    return [team.name, general.name]
