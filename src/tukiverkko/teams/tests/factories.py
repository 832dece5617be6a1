"""A work-ability team of a county and a town, with a meeting going on now, and a case of the
county's nurse brought to it under the client's consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tukiverkko.accounts.models import Organisation, Role, User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.consent.models import Purpose
from tukiverkko.teams import actions
from tukiverkko.teams.models import AgendaItem, Meeting, Membership, Team, TeamKind


@dataclass
class TeamWorld:
    county: Organisation
    town: Organisation
    coordinator: User  # the county's work-ability coordinator (health care), coordinating
    nurse: User  # the county's nurse: the case's responsible worker
    social_worker: User  # the county's social care: another register
    employment: User  # the town's employment expert: another organisation
    team: Team
    case: Case


def a_team_world(kind: str = TeamKind.WORK_ABILITY) -> TeamWorld:
    county = an_organisation("hyvinvointialue")
    town = an_organisation("kaupunki")
    health = a_unit(county, "health_care")
    coordinator = a_professional(role=Role.WORK_ABILITY_COORDINATOR, unit=health)
    nurse = a_professional(role=Role.UNEMPLOYED_HEALTH_NURSE, unit=health)
    social_worker = a_professional(
        role=Role.SOCIAL_WORKER, unit=a_unit(county, "social_care", slug="sosiaalityo")
    )
    employment = a_professional(
        role=Role.EMPLOYMENT_EXPERT, unit=a_unit(town, "other", slug="tyollisyys")
    )
    team = actions.create_team(
        by=coordinator,
        name="Työkyvyn tuen tiimi",
        kind=kind,
        organisation=county,
        region=county.region,
    )
    actions.add_member(
        team=team,
        by=coordinator,
        role=Role.WORK_ABILITY_COORDINATOR,
        organisation=county,
        user=coordinator,
        coordinating=True,
    )
    for user in (social_worker, employment):
        actions.add_member(
            team=team, by=coordinator, role=user.role, organisation=user.organisation, user=user
        )
    actions.add_member(
        team=team,
        by=coordinator,
        role=Role.KELA_EXPERT,
        organisation=an_organisation("kela"),
        membership=Membership.ON_DEMAND,
    )
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse)
    return TeamWorld(county, town, coordinator, nurse, social_worker, employment, team, case)


def a_meeting_now(world: TeamWorld, *, minutes_ago: int = 5, length: int = 60) -> Meeting:
    return actions.schedule_meeting(
        team=world.team,
        by=world.coordinator,
        starts_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        duration_minutes=length,
        mode="virtual",
    )


def team_consent(world: TeamWorld, *, categories=None, purposes=None, orgs=None, units=None):
    """The county's health-care register lets the team's other organisations and registers see
    the client for planning without the client."""
    kela = Organisation.objects.get(slug="kela")
    return a_consent(
        world.case.client,
        world.nurse,
        organisations=orgs if orgs is not None else [world.town, kela],
        units=units if units is not None else [world.social_worker.unit],
        categories=categories or ["health", "employment"],
        purposes=purposes or [Purpose.PLANNING_WITHOUT_CLIENT],
    )


def on_agenda(world: TeamWorld, meeting: Meeting | None = None) -> AgendaItem:
    meeting = meeting or a_meeting_now(world)
    if not world.case.client.consents.exists():
        team_consent(world)
    return actions.add_to_agenda(
        meeting=meeting,
        case=world.case,
        by=world.nurse,
        question="Tarvitaanko monialainen arvio?",
        categories=["health", "employment"],
        purpose=Purpose.PLANNING_WITHOUT_CLIENT,
    )
