"""What the plan's read models show: the plan filtered by the content filter, the diff between
any two versions with who changed what, the client's part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tukiverkko.accounts.models import Register, Role
from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.cases.facts import case_facts
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.plans import actions
from tukiverkko.plans.actions import ActionData, ExternalPlanData, GoalData, PlanFields
from tukiverkko.plans.selectors import (
    client_plan,
    facts_of_case,
    plan_diff,
    plan_view,
    versions_of,
)
from tukiverkko.plans.tests.factories import a_plan_with_goals, in_a_month

pytestmark = pytest.mark.django_db


def _world():
    """A plan written in the county's health care, and a Kela member of the client's network."""
    county = an_organisation("hyvinvointialue")
    nurse = a_professional(
        "hoitaja", unit=a_unit(county, Register.HEALTH_CARE), role=Role.UNEMPLOYED_HEALTH_NURSE
    )
    plan = a_plan_with_goals(by=nurse)
    kela = a_professional("kela", org=an_organisation("kela"), role=Role.KELA_EXPERT)
    # a consent for network work that does not cover the plan's (health) content
    a_consent(plan.case.client, nurse, organisations=[kela.organisation], categories=["education"])
    a_member(plan.case, kela)
    return nurse, kela, plan


def test_the_writer_sees_the_whole_plan():
    nurse, _kela, plan = _world()
    view = plan_view(nurse, plan.case)
    assert view.plan == plan and view.client_goal_visible
    assert [g.goal.text for g in view.goals.shown] == ["Työkokeilu alkaa"]
    assert [a.text for a in view.actions.shown] == [
        "Hakee työkokeilupaikkaa",
        "Soittaa työnantajalle",
    ]
    assert view.hidden == 0 and not view.read_only
    assert view.latest_version.number == 2


def test_another_register_sees_the_plan_only_under_the_clients_consent():
    # given a Kela member without a consent of the health care's register
    nurse, kela, plan = _world()
    # when Kela reads the plan / then its content is counted, not shown
    view = plan_view(kela, plan.case)
    assert not view.client_goal_visible
    assert view.goals.shown == [] and view.actions.shown == []
    assert view.hidden == 3
    # and under a consent covering health for Kela, it shows, the disclosure logged
    a_consent(plan.case.client, nurse, organisations=[kela.organisation], categories=["health"])
    view = plan_view(kela, plan.case, what="plan_page")
    assert view.client_goal_visible and len(view.actions.shown) == 2
    assert DisclosureLogEntry.objects.filter(what__startswith="plan_page").exists()


def test_a_case_without_a_plan_has_an_empty_view():
    nurse, _kela, plan = _world()
    plan.delete()
    view = plan_view(nurse, plan.case)
    assert view.plan is None and view.hidden == 0


def _three_versions():
    """v1 started by the nurse, v2 goals and actions (nurse), v3 a colleague's edit, v4 a
    review."""
    nurse, kela, plan = _world()
    colleague = a_professional(
        "kollega", unit=a_unit(nurse.organisation, Register.HEALTH_CARE), role=Role.DOCTOR
    )
    goal = plan.goals.get()
    keep = plan.actions.get(text="Hakee työkokeilupaikkaa")
    actions.save_plan(
        plan=plan,
        by=colleague,
        expected_version=2,
        fields=PlanFields(client_goal="Pääsen töihin syksyllä.", next_review_on=in_a_month()),
        goals=[GoalData(id=goal.pk, text=goal.text, indicator="sopimus ja aloituspäivä")],
        actions=[ActionData(id=keep.pk, text=keep.text, status="in_progress")],
        external_plans=[ExternalPlanData(kind="activation", owner_name="Sosiaalitoimi")],
    )
    plan.refresh_from_db()
    actions.review_goal(
        goal=goal,
        by=nurse,
        expected_version=3,
        reviewed_on=timezone.localdate(),
        attainment=-1,
        note="Alku viivästyi",
    )
    plan.refresh_from_db()
    return nurse, colleague, kela, plan


def test_the_diff_says_what_was_added_removed_and_changed_and_who_changed_it():
    nurse, colleague, _kela, plan = _three_versions()
    # when versions 2 and 4 are compared (in either order)
    diff = plan_diff(nurse, plan, 4, 2)
    # then each change is named per item and field, with its author
    assert (diff.older.number, diff.newer.number, diff.hidden) == (2, 4, 0)
    changes = {(c.section, c.kind, c.title): c for c in diff.changes}
    plan_change = changes[("plan", "changed", "")]
    assert [(f.name, f.before, f.after, f.by) for f in plan_change.fields] == [
        ("client_goal", "Pääsen töihin.", "Pääsen töihin syksyllä.", [str(colleague)])
    ]
    goal_change = changes[("goals", "changed", "Työkokeilu alkaa")]
    assert [(f.name, f.before, f.after) for f in goal_change.fields] == [
        ("indicator", "sopimus allekirjoitettu", "sopimus ja aloituspäivä")
    ]
    review = changes[("reviews", "added", "Työkokeilu alkaa")]
    assert review.by == [str(nurse)]
    assert str(review.section_label) == "Tavoitteen arviointi"
    action = changes[("actions", "changed", "Hakee työkokeilupaikkaa")]
    assert [(f.label, f.before, f.after) for f in action.fields] == [
        ("tila", "suunniteltu", "käynnissä")
    ]
    assert changes[("actions", "removed", "Soittaa työnantajalle")].by == [str(colleague)]
    assert ("external_plans", "added", "aktivointisuunnitelma") in changes


def test_the_diff_shows_values_as_the_page_says_them():
    nurse, _colleague, _kela, plan = _three_versions()
    diff = plan_diff(nurse, plan, 1, 2)
    fields = {f.name: f for c in diff.changes for f in c.fields}
    day = in_a_month()
    assert fields["next_review_on"].before == "–"
    assert fields["next_review_on"].after == f"{day.day}.{day.month}.{day.year}"


def test_an_unknown_version_has_no_diff():
    nurse, _colleague, _kela, plan = _three_versions()
    assert plan_diff(nurse, plan, 1, 9) is None
    assert plan_diff(nurse, plan, 0, 2) is None


def test_the_diff_counts_what_another_register_may_not_see():
    _nurse, _colleague, kela, plan = _three_versions()
    diff = plan_diff(kela, plan, 2, 4)
    assert diff.changes == [] and diff.hidden == 6


def test_the_versions_list_is_newest_first():
    nurse, colleague, _kela, plan = _three_versions()
    rows = versions_of(plan)
    assert [(v.number, v.author, v.change) for v in rows] == [
        (4, nurse, "review"),
        (3, colleague, "save"),
        (2, nurse, "save"),
        (1, nurse, "create"),
    ]


def test_the_client_sees_only_what_is_flagged_for_them():
    nurse, _kela, plan = _world()
    actions.save_plan(
        plan=plan,
        by=nurse,
        expected_version=plan.version,
        fields=PlanFields(client_goal=plan.client_goal, next_review_on=in_a_month()),
        goals=[
            GoalData(text="Näkyvä tavoite"),
            GoalData(text="Ammattilaisten tavoite", visible_to_client=False),
        ],
        actions=[
            ActionData(text="Näkyvä toimenpide"),
            ActionData(text="Piilotettu", visible_to_client=False),
        ],
    )
    part = client_plan(plan)
    assert [g.text for g in part.goals] == ["Näkyvä tavoite"]
    assert [a.text for a in part.actions] == ["Näkyvä toimenpide"]
    assert part.plan.client_goal == "Pääsen töihin."


def test_dates_and_flags_in_the_diff():
    from tukiverkko.plans.diff import _shown

    assert _shown("visible_to_client", True, "goals") == "kyllä"
    assert _shown("visible_to_client", False, "goals") == "ei"
    assert _shown("status", "achieved", "goals") == "saavutettu"
    assert _shown("mode", "mediated", "plan") == "välittynyt suunnittelu ilman asiakasta"
    assert _shown("agreed_at", "2026-05-04T10:00:00+00:00", "plan") == "4.5.2026"
    # a moment late in the UTC evening is the next day in Helsinki
    assert _shown("agreed_at", "2026-05-04T22:30:00+00:00", "plan") == "5.5.2026"
    assert _shown("target_on", dt.date(2026, 5, 4).isoformat(), "goals") == "4.5.2026"


def test_the_plan_tells_the_rules_of_the_clients_activation_and_tym_plans():
    # given a plan that references no other plan, then an activation plan and a TYM plan
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    plan = actions.create_plan(case=case, by=worker)
    assert facts_of_case(case) == {}
    actions.save_plan(
        plan=plan,
        by=worker,
        expected_version=plan.version,
        fields=PlanFields(),
        external_plans=[
            ExternalPlanData(kind="activation", owner_name="TE-toimisto"),
            ExternalPlanData(kind="tym", owner_name="TYP"),
        ],
    )
    # then the rules read both as in place (kuntouttava työtoiminta's prerequisite)
    facts = case_facts(case)
    assert facts["activation_plan_in_place"] is True
    assert facts["multisectoral_plan_in_place"] is True
