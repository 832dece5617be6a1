"""The rewritten counts (decision 0353) against small worlds counted by hand: the WAS review
round numbered by a window, the first referral and the changes of worker by a grouped join, the
margins summed from the cells — and a distinct-client margin counted, never summed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.cases.models import Case, ResponsibilityPeriod
from tukiverkko.monitoring import selectors, tables
from tukiverkko.monitoring.forms import Filters
from tukiverkko.monitoring.tests import world as w
from tukiverkko.plans.models import PlanAction
from tukiverkko.referrals.models import Referral

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _filters(**kwargs) -> Filters:
    today = timezone.localdate()
    return Filters(start=today - dt.timedelta(days=365), end=today, **kwargs)


def _assessment(world: w.World, case: Case, instrument: str, on: dt.date, score: int) -> None:
    InstrumentAssessment.objects.create(
        case=case,
        instrument=instrument,
        instrument_version="test",
        assessed_on=on,
        answers={},
        score=score,
        band="",
        result={},
        recorded_by=world.worker,
    )


def test_was_rounds_are_numbered_per_case_in_date_then_entry_order():
    world = w.a_world()
    a, b, c = w.cases(world, 3)
    w.was(world, a, 3, 8, 6)  # poor, good, moderate
    w.was(world, b, 10, 9, 2, 7, 8)  # excellent, good, poor, moderate, good (3rd or later)
    today = timezone.localdate()
    # c: another instrument first (not a WAS round), then two WAS on one day: entered 5 then 6
    _assessment(world, c, "phq9", today - 90 * DAY, 4)
    _assessment(world, c, "was", today - 30 * DAY, 5)
    _assessment(world, c, "was", today - 30 * DAY, 6)
    table = selectors.was_trajectory(_filters())
    # rows: start, 1st, 2nd, 3rd or later; columns: poor, moderate, good, excellent, total
    assert table.values == [
        [2, 0, 0, 1, 3],
        [0, 1, 2, 0, 3],
        [1, 1, 0, 0, 2],
        [0, 1, 1, 0, 2],
        [3, 3, 3, 1, 10],
    ]


def _sent(case: Case, days_after_opening: int | None) -> None:
    """A referral of ``case`` sent that many days after it was opened (None: never sent)."""
    world_referral = Referral.objects.filter(case=case).order_by("-pk").first()
    assert world_referral is not None
    if days_after_opening is None:
        Referral.objects.filter(pk=world_referral.pk).update(sent_at=None, status="draft")
    else:
        sent = case.opened_at + dt.timedelta(days=days_after_opening)
        Referral.objects.filter(pk=world_referral.pk).update(sent_at=sent)


def test_the_first_sent_referral_is_the_earliest_and_drafts_do_not_count():
    world = w.a_world()
    p, q, r, s, t = w.cases(world, 5)
    Case.objects.filter(pk__in=[p.pk, q.pk, r.pk, s.pk, t.pk]).update(
        opened_at=timezone.now() - 200 * DAY
    )
    for case in (p, q, r, s, t):
        case.refresh_from_db()
    # p: sent 5 and 50 days after opening (the first: 0–30); q: 190 days after (over 90)
    for days in (5, 50):
        w.referral(world, p, answered_after=None, due_in=None)
        _sent(p, days)
    w.referral(world, q, answered_after=None, due_in=None)
    _sent(q, 190)
    # r: only a draft; s: none; t: a draft made first, then one sent 60 days after (31–90)
    w.referral(world, r, answered_after=None, due_in=None)
    _sent(r, None)
    w.referral(world, t, answered_after=None, due_in=None)
    _sent(t, None)
    w.referral(world, t, answered_after=None, due_in=None)
    _sent(t, 60)
    table = selectors.time_to_first_referral(_filters())
    # columns: 0–30, 31–90, over 90, no referral, total
    assert table.values == [[1, 1, 1, 2, 5], [1, 1, 1, 2, 5]]


def test_changes_of_worker_are_periods_less_one_and_none_without_periods():
    world = w.a_world()
    _one, two, four, none = w.cases(world, 4)
    for case, extra in ((two, 1), (four, 3)):
        for _ in range(extra):  # one open period a case: the earlier ones end
            ResponsibilityPeriod.objects.filter(case=case).update(ended_at=timezone.now())
            ResponsibilityPeriod.objects.create(
                case=case, worker=world.worker, assigned_by=world.worker
            )
    ResponsibilityPeriod.objects.filter(case=none).delete()
    table = selectors.worker_changes(_filters())
    # columns: no change, one, two or more, total
    assert table.values == [[2, 1, 1, 4], [2, 1, 1, 4]]


def test_a_margin_counts_distinct_clients_not_the_sum_of_its_cells():
    # given one client with five actions, one in each status's cell ... and four more clients
    # with one planned action each: the row's clients are five, its cells' clients sum to nine
    world = w.a_world()
    lone, *others = w.cases(world, 5)
    w.plan(world, lone, goals=[], actions=["planned", "done", "cancelled", "in_progress"])
    for case in others:
        w.plan(world, case, goals=[], actions=["planned"])
    statuses = set(PlanAction.objects.values_list("status", flat=True))
    qs = PlanAction.objects.annotate(_row=F("plan__case__organisation_id"), _col=F("status"))
    found = tables.counts(qs, "plan__case__client")
    county = world.county.pk
    # then the row: eight actions of five clients; each cell but "planned" one client
    assert found[("row", county, None)] == (8, 5)
    assert found[("all", None, None)] == (8, 5)
    assert found[("cell", county, "planned")] == (5, 5)
    assert all(found[("cell", county, s)] == (1, 1) for s in statuses - {"planned"})


def test_the_lone_clients_row_is_hidden_although_its_cells_sum_to_five():
    # given one client with five actions in five cells: the row total is one client's
    world = w.a_world()
    (lone,) = w.cases(world, 1)
    w.plan(world, lone, goals=[], actions=["planned", "planned", "done", "done", "cancelled"])
    table = selectors.actions(_filters())
    # then every non-zero cell and the row's total are hidden (one client behind them)
    body = table.body()
    assert body[0][2] == tables.SUPPRESSED
    assert table.totals()[1] == tables.SUPPRESSED


def _mixed_world() -> None:
    world = w.a_world()
    mine, others = w.cases(world, 7), w.cases(world, 3, org=world.other)
    for i, case in enumerate(mine + others):
        w.was(world, case, *[(i + k) % 11 for k in range(1 + i % 4)])
        w.plan(world, case, goals=[[-1, i % 3 - 1]], actions=["done", "planned"][: 1 + i % 2])
        for _ in range(i % 3):
            w.referral(world, case, answered_after=(i * 5) % 40 or None, due_in=10 + i)
    Case.objects.filter(pk__in=[c.pk for c in others]).update(
        phase="closed", closed_on=timezone.localdate(), outcome="studies"
    )


def test_the_summed_margins_hide_exactly_what_counted_margins_hide(monkeypatch):
    # given a mixed network, when every table is counted with its margins summed from the cells
    _mixed_world()
    summed = [ind(_filters()) for ind in selectors.INDICATORS]
    # and again with every margin's distinct clients counted in the database
    monkeypatch.setattr(tables, "_summed", lambda cells: None)
    counted = [ind(_filters()) for ind in selectors.INDICATORS]
    # then the same figures and the same hidden cells
    for a, b in zip(summed, counted, strict=True):
        assert a.values == b.values, a.slug
        assert a.hidden == b.hidden, a.slug
    assert any(t.hidden for t in summed) and any(t.values[-1][-1] > 5 for t in summed)
