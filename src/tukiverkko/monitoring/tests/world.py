"""A small network for the dashboard's tests: cases opened through the actions (as in the
product), their assessments, plans, reviews and referrals written straight to the tables (the
dashboard reads them; the actions that write them are tested in their own apps)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Organisation, Region, Role, User
from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.cases.models import Case
from tukiverkko.cases.tests.factories import a_client, a_professional
from tukiverkko.plans.models import Goal, GoalReview, Plan, PlanAction
from tukiverkko.referrals.models import Referral


@dataclass
class World:
    manager: User
    worker: User
    county: Organisation
    other: Organisation
    region: Region
    municipality: Municipality


def a_world() -> World:
    region = Region.objects.create(slug="seurantamaa", name_fi="Seurantamaa")
    municipality = Municipality.objects.create(name_fi="Seurantala", region=region)
    county = Organisation.objects.create(
        slug="seuranta-hva", name_fi="Seurannan hyvinvointialue", sector="public", region=region
    )
    other = Organisation.objects.create(
        slug="toinen-hva", name_fi="Toinen hyvinvointialue", sector="public", region=region
    )
    worker = a_professional(
        "seuranta-koordinaattori", org=county, role=Role.WORK_ABILITY_COORDINATOR
    )
    manager = a_professional("seuranta-esihenkilo", org=county, role=Role.MANAGER)
    return World(manager, worker, county, other, region, municipality)


def cases(world: World, n: int, *, org: Organisation | None = None) -> list[Case]:
    """``n`` clients with a case each, opened today by the world's worker (moved to ``org``)."""
    out = []
    for _ in range(n):
        case = a_client(world.worker).cases.get()
        if org is not None:
            Case.objects.filter(pk=case.pk).update(organisation=org)
            case.refresh_from_db()
        out.append(case)
    return out


def was(world: World, case: Case, *scores: int) -> None:
    """The case's WAS at start and at each later review, a month apart."""
    start = timezone.localdate() - dt.timedelta(days=30 * len(scores))
    InstrumentAssessment.objects.bulk_create(
        InstrumentAssessment(
            case=case,
            instrument="was",
            instrument_version="test",
            assessed_on=start + dt.timedelta(days=30 * i),
            answers={"score": s},
            score=s,
            band="",
            result={},
            recorded_by=world.worker,
        )
        for i, s in enumerate(scores)
    )


def plan(world: World, case: Case, *, goals: list[list[int]], actions: list[str]) -> Plan:
    """A plan with goals (each with its GAS reviews in order) and actions (their statuses)."""
    made = Plan.objects.create(case=case)
    today = timezone.localdate()
    for position, reviews in enumerate(goals):
        goal = Goal.objects.create(plan=made, text="tavoite", position=position)
        GoalReview.objects.bulk_create(
            GoalReview(
                goal=goal,
                reviewed_on=today - dt.timedelta(days=len(reviews) - i),
                attainment=a,
                by=world.worker,
            )
            for i, a in enumerate(reviews)
        )
    PlanAction.objects.bulk_create(
        PlanAction(plan=made, text="toimenpide", responsible="client", status=s, position=i)
        for i, s in enumerate(actions)
    )
    return made


def referral(world: World, case: Case, *, answered_after: int | None, due_in: int | None) -> None:
    sent = timezone.now() - dt.timedelta(days=40)
    Referral.objects.create(
        case=case,
        to_organisation=world.other,
        situation="tilanne",
        question="kysymys",
        status="sent" if answered_after is None else "accepted",
        sender=world.worker,
        sent_at=sent,
        answered_at=None if answered_after is None else sent + dt.timedelta(days=answered_after),
        due_on=None if due_in is None else (sent + dt.timedelta(days=due_in)).date(),
    )
