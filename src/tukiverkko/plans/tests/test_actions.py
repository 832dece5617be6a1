"""The plan's actions: one save is one version and one event; the version keeps the whole plan;
agreeing moves the case to toteutus through the cases app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Register
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.catalogue.models import ServiceType
from tukiverkko.plans import actions
from tukiverkko.plans.actions import ActionData, ExternalPlanData, GoalData, PlanFields
from tukiverkko.plans.checks import months_ahead
from tukiverkko.plans.enums import PlanningMode
from tukiverkko.plans.tests.factories import a_plan, a_plan_with_goals, in_a_month, ready_to_agree

pytestmark = pytest.mark.django_db


def events(client_id: int) -> list[str]:
    return list(
        EventLogEntry.objects.filter(client_id=client_id, event__startswith="plan_")
        .order_by("pk")
        .values_list("event", flat=True)
    )


def test_creating_a_plan_is_version_one_and_one_event():
    # given a case in yhteinen suunnitelma
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    # when its plan is started
    plan = actions.create_plan(case=case, by=worker, fields=PlanFields(client_goal="Töihin"))
    # then it is version 1, kept whole, with one event; the client's goal is the writer's text
    assert plan.version == 1
    version = plan.versions.get()
    assert (version.number, version.author, version.change) == (1, worker, "create")
    assert version.snapshot["plan"]["client_goal"] == "Töihin"
    assert events(case.client_id) == ["plan_create"]
    assert plan.source_organisation_id == worker.organisation_id


def test_saving_goals_and_actions_together_is_one_new_version_and_one_event():
    # given a plan at version 1
    worker = a_professional()
    plan = a_plan(by=worker)
    kela = an_organisation("kela")
    service_type = ServiceType.objects.create(
        slug="tyokokeilu", name_fi="Työkokeilu", description_fi="x"
    )
    # when goals, actions and another plan are saved in one go
    version = actions.save_plan(
        plan=plan,
        by=worker,
        expected_version=1,
        fields=PlanFields(client_goal="Pääsen töihin.", next_review_on=in_a_month()),
        goals=[GoalData(text="Työkokeilu", indicator="sopimus", visible_to_client=False)],
        actions=[
            ActionData(text="Hakee paikkaa", service_type=service_type),
            ActionData(
                text="Kela-päätös", responsible="organisation", responsible_organisation=kela
            ),
        ],
        external_plans=[ExternalPlanData(kind="activation", owner_name="Sosiaalitoimi")],
    )
    # then there is one new version holding all of it, and one event
    plan.refresh_from_db()
    assert (plan.version, version.number, version.change) == (2, 2, "save")
    snap = version.snapshot
    assert [g["text"] for g in snap["goals"]] == ["Työkokeilu"]
    assert snap["goals"][0]["visible_to_client"] is False
    assert [(a["text"], a["responsible_who"], a["service"]) for a in snap["actions"]] == [
        ("Hakee paikkaa", "asiakas", "Työkokeilu"),
        ("Kela-päätös", str(kela), ""),
    ]
    assert snap["external_plans"][0]["owner"] == "Sosiaalitoimi"
    assert events(plan.case.client_id) == ["plan_create", "plan_save"]


def test_a_row_left_out_is_removed_and_a_changed_text_becomes_its_editors():
    # given a plan with a goal written by the worker
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    social = a_professional(
        unit=a_unit(worker.organisation, Register.SOCIAL_CARE), org=worker.organisation
    )
    # when a colleague of the owning organisation rewrites the goal and drops the actions
    actions.save_plan(
        plan=plan,
        by=social,
        expected_version=plan.version,
        fields=PlanFields(client_goal=plan.client_goal, next_review_on=plan.next_review_on),
        goals=[GoalData(id=goal.pk, text="Työkokeilu syksyllä", indicator=goal.indicator)],
    )
    # then the goal is the colleague's text (their register), the actions are gone
    goal.refresh_from_db()
    assert goal.text == "Työkokeilu syksyllä"
    assert goal.source_register == Register.SOCIAL_CARE
    assert plan.actions.count() == 0
    # and the earlier version still holds them
    assert len(plan.versions.get(number=2).snapshot["actions"]) == 2


def test_a_goal_left_as_it_was_keeps_its_writer():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    colleague = a_professional(
        org=worker.organisation, unit=a_unit(worker.organisation, Register.SOCIAL_CARE)
    )
    actions.save_plan(
        plan=plan,
        by=colleague,
        expected_version=plan.version,
        fields=PlanFields(client_goal="Uusi oma tavoite", next_review_on=plan.next_review_on),
        goals=[GoalData(id=goal.pk, text=goal.text, indicator=goal.indicator)],
    )
    goal.refresh_from_db()
    plan.refresh_from_db()
    assert goal.source_register == Register.OTHER  # the worker's: no unit
    assert plan.source_register == Register.SOCIAL_CARE  # the client's goal was rewritten


def test_mediated_planning_with_the_clients_permission_is_saved():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    plan = actions.create_plan(
        case=case,
        by=worker,
        fields=PlanFields(
            mode=PlanningMode.MEDIATED,
            mediated_consent_on=yesterday,
            mediated_consent_channel="phone",
            companion_name="Vertaisohjaaja Ville",
        ),
    )
    assert (plan.mediated_consent_on, plan.mediated_consent_channel) == (yesterday, "phone")
    assert plan.companion == "Vertaisohjaaja Ville"


def test_the_permission_is_kept_only_for_mediated_planning():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    plan = actions.create_plan(
        case=case,
        by=worker,
        fields=PlanFields(
            mediated_consent_on=timezone.localdate(), mediated_consent_channel="phone"
        ),
    )
    assert (plan.mediated_consent_on, plan.mediated_consent_channel) == (None, "")


def test_a_network_member_may_be_the_companion_and_answer_for_an_action():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    coach = a_professional("valmentaja")
    a_member(case, coach)
    plan = actions.create_plan(case=case, by=worker, fields=PlanFields(companion_user=coach))
    actions.save_plan(
        plan=plan,
        by=worker,
        expected_version=1,
        fields=PlanFields(companion_user=coach),
        actions=[
            ActionData(text="Työhönvalmennus", responsible="professional", responsible_user=coach)
        ],
    )
    assert plan.companion == str(coach)
    assert plan.actions.get().responsible_user == coach


def test_a_review_is_a_new_version_with_its_event():
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    goal = plan.goals.get()
    review = actions.review_goal(
        goal=goal,
        by=worker,
        expected_version=plan.version,
        reviewed_on=timezone.localdate(),
        attainment=1,
        note="Hyvä alku",
    )
    plan.refresh_from_db()
    assert (review.attainment, review.by, plan.version) == (1, worker, 3)
    snap = plan.versions.get(number=3).snapshot
    assert snap["goals"][0]["reviews"][0]["attainment"] == 1
    assert events(plan.case.client_id)[-1] == "plan_goal_review"


def test_agreeing_moves_the_case_to_toteutus_and_records_who_agreed():
    # given a plan ready to agree (goals, review date, follow-up agreed)
    worker = a_professional()
    plan = ready_to_agree(worker)
    # when it is agreed
    plan = actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    # then the case is in toteutus through the cases action, the agreement kept in a version
    plan.case.refresh_from_db()
    assert plan.case.phase == Phase.IMPLEMENTATION
    assert plan.agreed_by == worker and plan.agreed_at is not None
    assert plan.versions.order_by("number").last().change == "agree"
    assert plan.case.transitions.last().reason == "Työkyvyn tuen suunnitelma sovittu."
    assert events(plan.case.client_id)[-1] == "plan_agree"
    assert (
        EventLogEntry.objects.filter(client_id=plan.case.client_id, event="case_phase").count() == 3
    )


def test_a_revised_plan_is_agreed_again_in_toteutus_without_a_phase_change():
    worker = a_professional()
    plan = ready_to_agree(worker)
    plan = actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    phases = plan.case.transitions.count()
    plan = actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert plan.case.transitions.count() == phases
    assert plan.version == 4


def test_a_services_own_review_rule_brings_the_review_sooner():
    # given a service type whose own rule reviews the plan every three months
    worker = a_professional()
    plan = a_plan(by=worker)
    quarterly = ServiceType.objects.create(
        slug="neljannesvuosittain", name_fi="Tiivis tuki", description_fi="-", plan_review_months=3
    )
    in_five_months = timezone.localdate() + dt.timedelta(days=150)
    action = ActionData(text="Tiivis tuki alkaa", service_type=quarterly)
    # when the plan with an action of it is saved with its review in five months
    with pytest.raises(ValidationError) as exc:
        actions.save_plan(
            plan=plan,
            by=worker,
            expected_version=plan.version,
            fields=PlanFields(next_review_on=in_five_months),
            actions=[action],
        )
    # then the service's rule is named, with the latest day it allows, and nothing is saved
    latest = months_ahead(timezone.localdate(), 3)
    assert exc.value.message_dict["next_review_on"] == [
        "Suunnitelmassa on Tiivis tuki, jonka oma sääntö on arvioida suunnitelma 3 kuukauden "
        f"välein: seuraava arviointi on viimeistään {latest:%-d.%-m.%Y}."
    ]
    assert not plan.actions.exists()
    # and within three months it saves
    actions.save_plan(
        plan=plan,
        by=worker,
        expected_version=plan.version,
        fields=PlanFields(next_review_on=in_a_month()),
        actions=[action],
    )
    assert plan.actions.get().service_type == quarterly


def test_agreeing_checks_the_services_review_rule_too():
    # given a plan ready to agree whose review is in two months, then an action of a service
    # reviewed monthly added behind the form's back (an older version of the plan)
    worker = a_professional()
    plan = ready_to_agree(worker)
    monthly = ServiceType.objects.create(
        slug="kuukausittain", name_fi="Kuukausituki", description_fi="-", plan_review_months=1
    )
    plan.actions.create(text="Kuukausituki", service_type=monthly, responsible="client")
    plan.next_review_on = timezone.localdate() + dt.timedelta(days=55)
    plan.save(update_fields=["next_review_on"])
    # when it is agreed, then the rule refuses it
    with pytest.raises(ValidationError) as exc:
        actions.agree_plan(plan=plan, by=worker, expected_version=plan.version)
    assert "Kuukausituki" in exc.value.message_dict["next_review_on"][0]


def test_a_save_without_an_expected_version_is_not_checked_for_a_conflict():
    # given a plan saved once by someone else since it was read
    worker = a_professional()
    plan = a_plan(by=worker)
    actions.save_plan(
        plan=plan,
        by=worker,
        expected_version=plan.version,
        fields=PlanFields(client_goal="Ensimmäinen"),
    )
    # when a caller that holds no version (expected_version=None) saves
    version = actions.save_plan(
        plan=plan, by=worker, expected_version=None, fields=PlanFields(client_goal="Toinen")
    )
    # then it is saved as the next version
    plan.refresh_from_db()
    assert (plan.client_goal, version.number) == ("Toinen", plan.version)
