"""Maija's own view: the nurse of a wellbeing county is her responsible worker, an employment
expert of the municipality's employment services is in her network and sees her health data
under the consent she gave; she has a plan with a task of her own."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role, User
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Consent, ConsentForm
from tukiverkko.plans.models import Plan, PlanAction
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.portal import actions


@dataclass
class Story:
    case: Case
    nurse: User
    expert: User
    consent: Consent
    plan: Plan
    own_task: PlanAction
    pending: Consent  # prepared for her to confirm in the portal


def maija(nurse_name: str = "tiina", expert_name: str = "eero") -> Story:
    county = an_organisation("paijat-hameen-hyvinvointialue")
    county.name_fi = "Päijät-Hämeen hyvinvointialue"
    county.save()
    town = an_organisation("heinolan-tyollisyyspalvelut")
    nurse = a_professional(
        nurse_name, role=Role.UNEMPLOYED_HEALTH_NURSE, unit=a_unit(county, "health_care")
    )
    nurse.phone, nurse.email, nurse.title = "044 123 4567", "tiina@example.fi", ""
    nurse.save()
    expert = a_professional(expert_name, org=town, role=Role.EMPLOYMENT_EXPERT)
    case = a_case_in_phase(Phase.JOINT_PLAN, nurse, first="Maija", last="Meikäläinen")
    consent = a_consent(
        case.client, nurse, organisations=[town], categories=["health", "employment"]
    )
    a_member(case, expert, role="työnhaun tuki")
    plan = a_plan_with_goals(case, by=nurse)
    own_task = plan.actions.get(responsible="client")
    pending = prepared_consent(case, nurse, kela())
    return Story(case, nurse, expert, consent, plan, own_task, pending)


def kela():  # -> Organisation
    return an_organisation("kela")


def prepared_consent(case: Case, by: User, to) -> Consent:  # to: Organisation
    """A consent the nurse prepares with her for her to confirm in Oma Tukiverkko."""
    return consent_actions.record_consent(
        client=case.client,
        by=by,
        organisations=[to],
        categories=["health"],
        purposes=["information_exchange"],
        form=ConsentForm.PORTAL,
        signature_method="",
        valid_from=timezone.localdate(),
    )


def logged_in(story: Story, http: HttpClient | None = None) -> HttpClient:
    """The client logged in to the portal with a code the nurse gave."""
    http = http or HttpClient()
    _row, code = actions.issue_login_code(client=story.case.client, by=story.nurse)
    answer = http.post(reverse("portal:login"), {"code": code})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return http
