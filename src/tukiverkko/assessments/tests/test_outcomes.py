"""The doctor's check makes what its outcomes name: plan actions in one plan version, and draft
referrals to the client's municipality's offering (seed 002; assessments.outcomes)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tukiverkko.accounts.models import Municipality
from tukiverkko.assessments import actions
from tukiverkko.assessments.models import IdentifiedBy
from tukiverkko.assessments.tests.factories import (
    a_doctor_of,
    a_health_case,
    a_nurse,
    a_social_worker_of,
)
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_region,
    an_organisation,
)
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.checks import GoalData, PlanFields
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import Plan
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import a_service

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _doctor_checked(case, nurse, doctor, outcomes):
    check = actions.open_health_check(case=case, by=nurse, identified_by=IdentifiedBy.CLIENT)
    check = actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=TODAY(),
        summary="Kipuja.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=True,
    )
    return actions.record_doctor_check(
        check=check,
        by=doctor,
        checked_on=TODAY(),
        summary="Fibromyalgia.",
        remaining_work_ability="Osittainen.",
        outcomes=outcomes,
    )


def test_outcomes_become_actions_of_the_plan_and_the_plan_keeps_its_rows():
    # given a case whose plan already has the client's goal
    case, nurse = a_health_case()
    plan = plan_actions.create_plan(case=case, by=nurse, fields=PlanFields(client_goal="Töihin"))
    plan_actions.save_plan(
        plan=plan,
        by=nurse,
        expected_version=plan.version,
        fields=PlanFields(client_goal="Töihin"),
        goals=[GoalData(text="Kuntoutus alkaa")],
    )
    doctor = a_doctor_of(nurse.organisation)
    # when the doctor's check leads to sickness allowance, treatment and network work
    check = _doctor_checked(
        case, nurse, doctor, ["sickness_allowance", "treatment", "network_work"]
    )
    # then one new plan version holds the three actions, each with who answers for it
    plan = Plan.objects.get(case=case)
    assert check.followups["plan_version"] == plan.version
    rows = {a.text: a for a in plan.actions.all()}
    assert set(rows) == {
        "Sairauspäivärahan hakeminen Kelasta lääkärintodistuksella",
        "Sairauksien hoito",
        "Verkostotyön käynnistäminen",
    }
    assert rows["Sairauspäivärahan hakeminen Kelasta lääkärintodistuksella"].responsible == (
        Responsible.CLIENT
    )
    assert rows["Sairauksien hoito"].responsible_user == doctor
    assert rows["Verkostotyön käynnistäminen"].responsible_user == case.responsible_worker
    # and what was there stays
    assert plan.client_goal == "Töihin"
    assert list(plan.goals.values_list("text", flat=True)) == ["Kuntoutus alkaa"]


def test_a_plan_is_started_when_the_case_has_none():
    case, nurse = a_health_case()
    check = _doctor_checked(case, nurse, a_doctor_of(nurse.organisation), ["treatment"])
    plan = Plan.objects.get(case=case)
    assert plan.actions.get().text == "Sairauksien hoito"
    assert check.followups == {"plan_version": plan.version, "plan_skipped": False, "referrals": {}}


def test_a_referral_outcome_is_a_draft_to_the_municipalitys_offering():
    # given a client of Heinola and a specialist-care service offered there
    case, nurse = a_health_case()
    place, _ = Municipality.objects.get_or_create(
        name_fi="Heinola", defaults={"region": a_region()}
    )
    case.client.municipality = place
    case.client.save(update_fields=["municipality"])
    hospital = an_organisation("sairaala")
    service = a_service(hospital, "erikoissairaanhoito")
    service.municipalities.add(place)
    # when the doctor's check leads to specialist care and rehabilitation
    doctor = a_doctor_of(nurse.organisation)
    check = _doctor_checked(case, nurse, doctor, ["rehabilitation", "specialist_care"])
    # then a draft referral from the doctor goes to the specialist care offered in Heinola
    draft = Referral.objects.get()
    assert (draft.status, draft.sender, draft.service) == (Status.DRAFT, doctor, service)
    assert "erikoissairaanhoitoon" in draft.question
    # and rehabilitation, not offered there, is left for the doctor to refer themself
    assert check.followups["referrals"] == {"rehabilitation": None, "specialist_care": draft.pk}


def test_a_doctor_who_does_not_steer_the_case_leaves_the_plan_to_those_who_do():
    # given a case owned by the county's social care, whose network has another organisation's
    # nurse and doctor (under a consent), who run the health check in their own record
    county = an_organisation()
    worker = a_social_worker_of(county)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    clinic = an_organisation("terveysasema")
    nurse = a_nurse(clinic)
    doctor = a_doctor_of(clinic)
    a_consent(case.client, worker, organisations=[clinic], categories=["social"])
    a_member(case, nurse, by=worker)
    # when the clinic's doctor's check leads to network work
    check = _doctor_checked(case, nurse, doctor, ["network_work"])
    # then no plan is made by them, and the check says whose it is
    assert not Plan.objects.filter(case=case).exists()
    assert check.followups["plan_skipped"] is True
