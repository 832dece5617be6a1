"""Moona at the Rovaniemi work-ability team (seed 002), the world both walks share: the browser's
(test_story_e2e) and the HTTP twin's (test_story_http, which also runs on PostgreSQL).

Lapland's county: the unemployed's nurse (Moona's responsible worker), the work-ability
coordinator who coordinates the team, the doctor; the employment area's expert (already in
Moona's network: she will walk beside her) and Kela's expert in the team; the team's rhythm every
other week, the first meeting going on now; the nurse's Y100 consent to the team's
organisations for planning without the client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tukiverkko.accounts.models import Register, Role, User
from tukiverkko.assessments.tests.factories import a_doctor_of, a_nurse
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.consent.models import Purpose
from tukiverkko.plans import actions as plan_actions
from tukiverkko.teams import actions
from tukiverkko.teams.models import Membership, Team

TEAM = "Rovaniemen työkyvyn tuen tiimi"
QUESTION = "Moona tarvitsee monialaista tukea: terveys, päihteet ja opiskelu samaan aikaan."
SUMMARY = "Fibromyalgia ja alkoholin käyttö; kampaajaopinnot keskeytyneet. Työkyky alentunut."
DECISIONS = "Päihdetyön arvio, kuntoutusohjaus ja opintojen jatkon selvitys TYP:ssä."
CLIENT_GOAL = "Haluan opiskella lähihoitajaksi ja jaksaa arjessa."
GOAL = "Opintojen jatkamisen edellytykset selvillä"
ACTIONS = ["Päihdetyön arvio ja hoitosuunnitelma", "Opintojen jatkon selvitys (TYP)"]


@dataclass
class TeamStory:
    nurse: User
    coordinator: User
    doctor: User
    companion: User  # the employment area's expert, in Moona's network
    kela: User
    case: Case
    team: Team


def moona_at_the_team() -> TeamStory:
    county = an_organisation("lapin-hyvinvointialue")
    nurse = a_nurse(county)
    nurse.first_name, nurse.last_name = "Terhi", "Terveydenhoitaja"
    nurse.save(update_fields=["first_name", "last_name"])
    coordinator = a_professional(
        "koordinaattori", role=Role.WORK_ABILITY_COORDINATOR, unit=nurse.unit
    )
    doctor = a_doctor_of(county)
    te = an_organisation("lapin-tyollisyysalue")
    companion = a_professional(
        "tyollisyysasiantuntija",
        role=Role.EMPLOYMENT_EXPERT,
        unit=a_unit(te, Register.OTHER, slug="typ"),
    )
    companion.first_name, companion.last_name = "Tiina", "Työllisyys"
    companion.save(update_fields=["first_name", "last_name"])
    kela_org = an_organisation("kela")
    kela = a_professional("kela-asiantuntija", role=Role.KELA_EXPERT, org=kela_org)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse, first="Moona", last="Nuori")
    a_consent(
        case.client,
        nurse,
        organisations=[te, kela_org],
        categories=["health", "employment", "contact"],
        purposes=[Purpose.INFORMATION_EXCHANGE, Purpose.PLANNING_WITHOUT_CLIENT],
    )
    a_member(case, companion, by=nurse, role="työllisyysasiantuntija (TYP)")
    # Moona's plan so far: her own goal, written with the nurse.
    plan = plan_actions.create_plan(case=case, by=nurse)
    plan_actions.save_plan(
        plan=plan,
        by=nurse,
        expected_version=plan.version,
        fields=plan_actions.PlanFields(client_goal=CLIENT_GOAL),
        goals=[plan_actions.GoalData(text=GOAL)],
    )
    team = actions.create_team(
        by=coordinator, name=TEAM, kind="work_ability", organisation=county, region=county.region
    )
    actions.add_member(
        team=team,
        by=coordinator,
        role=coordinator.role,
        organisation=county,
        user=coordinator,
        coordinating=True,
    )
    for user, membership in (
        (doctor, Membership.CORE),
        (companion, Membership.CORE),
        (kela, Membership.CORE),
    ):
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
        first_starts_at=timezone.now() - dt.timedelta(minutes=15),
        duration_minutes=90,
        rrule="FREQ=WEEKLY;INTERVAL=2",
        mode="hybrid",
        place="Rovaniemen sote-keskus / Teams",
    )
    return TeamStory(nurse, coordinator, doctor, companion, kela, case, team)


def review_day() -> dt.date:
    """The review the team agrees: eight weeks on."""
    return timezone.localdate() + dt.timedelta(weeks=8)


def finnish(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
