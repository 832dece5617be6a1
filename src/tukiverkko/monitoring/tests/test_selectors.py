"""The indicators, computed in the database over a small network: the right counts in the right
cells, the filters select the right cohort, and small cells are hidden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tukiverkko.cases.models import Case, ResponsibilityPeriod
from tukiverkko.catalogue.models import NeedArea
from tukiverkko.monitoring import selectors
from tukiverkko.monitoring.forms import Filters
from tukiverkko.monitoring.suppression import recoverable
from tukiverkko.monitoring.tables import SUPPRESSED, Table
from tukiverkko.monitoring.tests import world as w
from tukiverkko.referrals.models import Referral
from tukiverkko.referrals.tests.factories import a_service
from tukiverkko.teams.models import AgendaItem, Meeting, Team

pytestmark = pytest.mark.django_db


def _filters(**kwargs) -> Filters:
    today = timezone.localdate()
    return Filters(start=today - dt.timedelta(days=365), end=today, **kwargs)


def _cells(table: Table) -> dict[tuple[str, str], str]:
    out = {}
    for row, cells, total in table.body():
        for column, shown in zip(table.columns, cells, strict=True):
            out[(row.label, str(column.key))] = shown
        out[(row.label, "total")] = total
    return out


def test_was_trajectory_is_a_distribution_per_review_round():
    # given six cases that start poor (3) and reach good (8) at the first review, one of them
    # moderate (6) at a second review
    world = w.a_world()
    for i, case in enumerate(w.cases(world, 6)):
        w.was(world, case, 3, 8, *([6] if i == 0 else []))
    # when the trajectory is computed
    table = selectors.was_trajectory(_filters())
    cells = _cells(table)
    # then the start round has six poor, the first review six good, the second review one
    # moderate — hidden, as is what would reveal it
    assert cells[("alussa", "poor")] == "6"
    assert cells[("1. arviointi", "good")] == "6"
    assert cells[("2. arviointi", "moderate")] == SUPPRESSED
    assert cells[("2. arviointi", "total")] == SUPPRESSED
    assert cells[("alussa", "good")] == "0"


def test_goals_count_the_latest_review_of_each_goal():
    # given five clients whose one goal went from −1 to +1
    world = w.a_world()
    for case in w.cases(world, 5):
        w.plan(world, case, goals=[[-1, 1]], actions=[])
    # then the latest review counts: five at +1, none at −1
    cells = _cells(selectors.goal_attainment(_filters()))
    assert cells[("Seurannan hyvinvointialue", "1")] == "5"
    assert cells[("Seurannan hyvinvointialue", "-1")] == "0"


def test_actions_planned_and_done_per_organisation():
    # given five clients with two actions done and one planned each
    world = w.a_world()
    for case in w.cases(world, 5):
        w.plan(world, case, goals=[], actions=["done", "done", "planned"])
    cells = _cells(selectors.actions(_filters()))
    # then the cells count actions (ten done, five planned)
    assert cells[("Seurannan hyvinvointialue", "done")] == "10"
    assert cells[("Seurannan hyvinvointialue", "planned")] == "5"
    assert cells[("Seurannan hyvinvointialue", "total")] == "15"


def test_outcomes_and_the_filters():
    # given five closed cases of the county (studies) and two of the other organisation
    world = w.a_world()
    mine, others = w.cases(world, 5), w.cases(world, 2, org=world.other)
    Case.objects.filter(pk__in=[c.pk for c in mine + others]).update(
        phase="closed", closed_on=timezone.localdate(), outcome="studies"
    )
    # when all are shown, then the other organisation's two are hidden, and so is what would
    # give them away (the county's five beside the column's total of seven)
    table = selectors.outcomes(_filters())
    cells = _cells(table)
    assert cells[("Toinen hyvinvointialue", "studies")] == SUPPRESSED
    assert not recoverable(table.hidden)
    assert SUPPRESSED in (cells[("Seurannan hyvinvointialue", "studies")], table.totals()[0][2])
    # when filtered to the county, then only its row is there, shown
    only = selectors.outcomes(_filters(organisation=world.county))
    assert [r.label for r in only.rows] == ["Seurannan hyvinvointialue"]
    assert _cells(only)[("Seurannan hyvinvointialue", "studies")] == "5"
    # when filtered to a region without cases, or a period before them, then nothing
    assert selectors.outcomes(_filters(municipality=world.municipality)).rows == []
    old = Filters(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    assert selectors.outcomes(old).rows == []


def test_team_filter_selects_the_cases_on_its_agenda():
    # given five cases, two of them brought to a team's meeting
    world = w.a_world()
    all_cases = w.cases(world, 5)
    team = Team.objects.create(
        name="Tiimi", kind="work_ability", organisation=world.county, region=world.region
    )
    now = timezone.now()
    meeting = Meeting.objects.create(
        team=team, starts_at=now, ends_at=now + dt.timedelta(hours=1), created_by=world.worker
    )
    for case in all_cases[:2]:
        AgendaItem.objects.create(meeting=meeting, case=case, brought_by=world.worker)
    # when filtered by the team, then two cases (hidden: under five)
    cells = _cells(selectors.time_to_plan(_filters(team=team)))
    assert cells[("Seurannan hyvinvointialue", "none")] == SUPPRESSED
    # and unfiltered, five cases without a plan
    assert _cells(selectors.time_to_plan(_filters()))[("Seurannan hyvinvointialue", "none")] == "5"


def test_referral_turnaround_and_overdue():
    # given five clients with a referral answered in 3 days (due in 10) and five with one
    # still unanswered 40 days after sending (due in 10: overdue)
    world = w.a_world()
    quick, waiting = w.cases(world, 5), w.cases(world, 5)
    for case in quick:
        w.referral(world, case, answered_after=3, due_in=10)
    for case in waiting:
        w.referral(world, case, answered_after=None, due_in=10)
    turnaround = _cells(selectors.referral_turnaround(_filters()))
    assert turnaround[("Seurannan hyvinvointialue", "0-7")] == "5"
    assert turnaround[("Seurannan hyvinvointialue", "open")] == "5"
    overdue = _cells(selectors.referral_overdue(_filters()))
    assert overdue[("Seurannan hyvinvointialue", "on_time")] == "5"
    assert overdue[("Seurannan hyvinvointialue", "overdue")] == "5"
    # and the first referral was sent within 30 days of identification... or before it (the
    # test's referrals are dated 40 days back): the bucket is the first one
    first = _cells(selectors.time_to_first_referral(_filters()))
    assert first[("Seurannan hyvinvointialue", "0-30")] == "10"


def test_grouping_by_municipality_names_the_unknown():
    # given five cases whose clients have no municipality
    world = w.a_world()
    w.cases(world, 5)
    # when grouped by municipality, then one row: unknown
    table = selectors.time_to_plan(_filters(grouping="municipality"))
    assert [r.label for r in table.rows] == ["ei tiedossa"]


def test_the_dashboard_is_a_fixed_number_of_queries_whatever_the_clients():
    # given a network of five clients and then of fifteen
    world = w.a_world()
    w.cases(world, 5)
    with CaptureQueriesContext(connection) as few:
        selectors.dashboard(_filters())
    w.cases(world, 10)
    cache.clear()  # the tables of these filters were kept (decision 0354): count them again
    with CaptureQueriesContext(connection) as more:
        selectors.dashboard(_filters())
    # then the same number of queries: grouped counts, no query (or loop) per client
    assert len(few) == len(more)
    # and no more than one a table (and the rows' names of the tables grouped by organisation)
    assert len(few) <= 2 * len(selectors.INDICATORS)


def test_the_tables_of_a_filter_set_are_kept_a_few_minutes_and_say_when_counted():
    # given five cases, counted once
    world = w.a_world()
    w.cases(world, 5)
    first = selectors.dashboard(_filters())
    # when five more are opened and the same filters are read again within the minutes kept
    w.cases(world, 5)
    with CaptureQueriesContext(connection) as again:
        kept = selectors.dashboard(_filters())
    # then the figures are those counted first, with their time, and nothing is queried
    assert len(again) == 0
    assert kept.computed_at == first.computed_at
    assert _cells(kept.tables[4])[("Seurannan hyvinvointialue", "none")] == "5"
    # and other filters (or the kept ones gone) count anew
    other = selectors.dashboard(_filters(grouping="region"))
    assert _cells(other.tables[4])[("Seurantamaa", "none")] == "10"
    cache.clear()
    fresh = selectors.dashboard(_filters())
    assert _cells(fresh.tables[4])[("Seurannan hyvinvointialue", "none")] == "10"
    assert fresh.computed_at > first.computed_at


def test_the_kept_tables_are_in_the_language_they_were_counted_in():
    world = w.a_world()
    w.cases(world, 5)
    finnish = selectors.dashboard(_filters())
    with translation.override("sv"):
        swedish = selectors.dashboard(_filters())
    assert finnish.tables[0].title == "Työkykypistemäärä alussa ja arvioinneissa"
    assert swedish.tables[0].title != finnish.tables[0].title


def test_the_age_of_the_figures_in_minutes():
    board = selectors.Dashboard(_filters(), [], timezone.now() - dt.timedelta(minutes=7, seconds=5))
    assert board.age_minutes() == 7
    assert board.kept_minutes == selectors.CACHE_SECONDS // 60


def test_hand_offs_planned_apart_from_declined_and_returned_referrals():
    # given five cases whose responsible worker was changed once (a second period) and whose
    # referrals were declined; and five more with a returned referral
    world = w.a_world()
    changed, returned = w.cases(world, 5), w.cases(world, 5)
    for case in changed:
        ResponsibilityPeriod.objects.filter(case=case).update(ended_at=timezone.now())
        ResponsibilityPeriod.objects.create(
            case=case, worker=world.worker, assigned_by=world.worker
        )
        w.referral(world, case, answered_after=2, due_in=None)
    Referral.objects.filter(case__in=changed).update(status="declined")
    for case in returned:
        w.referral(world, case, answered_after=2, due_in=None)
    Referral.objects.filter(case__in=returned).update(status="returned")
    # then five cases with one change of worker, five unchanged; the referrals apart
    changes = _cells(selectors.worker_changes(_filters()))
    assert changes[("Seurannan hyvinvointialue", "1")] == "5"
    assert changes[("Seurannan hyvinvointialue", "0")] == "5"
    answers = _cells(selectors.referral_answers(_filters()))
    assert answers[("Seurannan hyvinvointialue", "declined")] == "5"
    assert answers[("Seurannan hyvinvointialue", "returned")] == "5"
    assert answers[("Seurannan hyvinvointialue", "accepted")] == "0"


def test_services_by_need_area_count_each_area_of_the_service():
    # given five referrals to a service of two need areas, and five to a named professional
    world = w.a_world()
    service = a_service(world.other)
    service.need_areas.set(NeedArea.objects.filter(slug__in=["employment", "rehabilitation"]))
    to_service, to_person = w.cases(world, 5), w.cases(world, 5)
    for case in to_service + to_person:
        w.referral(world, case, answered_after=2, due_in=None)
    Referral.objects.filter(case__in=to_service).update(service=service)
    # then five in each of the two areas, five without a catalogue service
    cells = _cells(selectors.services_by_need_area(_filters()))
    assert cells[("Työllistyminen", "used")] == "5"
    assert cells[("Kuntoutus", "used")] == "5"
    assert cells[("ei luettelon palvelua", "used")] == "5"
    assert cells[("Koulutus", "used")] == "0"
