"""/api/v1/assessments/: the pages' actions and policy, as JSON; refusals as problem documents."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from tukiverkko.assessments.models import HealthCheck, HealthCheckStep, NeedsAssessment
from tukiverkko.assessments.tests.factories import (
    PHQ9_ANSWERS,
    a_doctor_of,
    a_health_case,
    a_nurse,
    a_social_worker_of,
)
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_member, an_organisation

pytestmark = pytest.mark.django_db

BASE = "/api/v1/assessments"


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def post(http, url, body):
    return http.post(url, body, content_type="application/json")


def test_the_health_check_path_through_the_api():
    case, nurse = a_health_case()
    http = logged_in(nurse)
    today = timezone.localdate().isoformat()
    # an instrument result
    made = post(
        http,
        f"{BASE}/cases/{case.pk}/instruments",
        {"instrument": "phq9", "assessed_on": today, "answers": PHQ9_ANSWERS},
    )
    assert made.status_code == 201, made.content
    assert made.json()["instrument_version"].startswith("phq9:")
    # the need, the nurse's check, the doctor's check
    opened = post(http, f"{BASE}/cases/{case.pk}/health-checks", {"identified_by": "client"})
    assert opened.status_code == 201, opened.content
    check = opened.json()
    nursed = post(
        http,
        f"{BASE}/health-checks/{check['id']}/nurse",
        {
            "version": check["version"],
            "checked_on": today,
            "summary": "Selkäkipua.",
            "mental_health_and_substance_assessed": True,
            "further_assessment_needed": True,
        },
    )
    assert nursed.status_code == 200, nursed.content
    doctor = a_doctor_of(nurse.organisation)
    a_member(case, doctor, by=nurse)
    done = post(
        logged_in(doctor),
        f"{BASE}/health-checks/{check['id']}/doctor",
        {
            "version": nursed.json()["version"],
            "checked_on": today,
            "summary": "Kartoitus.",
            "remaining_work_ability": "Osittainen.",
            "outcomes": ["specialist_care"],
        },
    )
    assert done.status_code == 200, done.content
    assert done.json()["outcomes"] == ["specialist_care"]
    listed = http.get(f"{BASE}/cases/{case.pk}").json()
    assert [c["step"] for c in listed["health_checks"]] == [HealthCheckStep.DOCTOR_CHECKED]
    assert listed["instruments"][0]["score"] == 9
    assert listed["health_checks_hidden"] == 0


def test_a_refusal_names_the_field_in_finnish():
    case, nurse = a_health_case()
    response = post(
        logged_in(nurse),
        f"{BASE}/cases/{case.pk}/instruments",
        {"instrument": "phq9", "assessed_on": timezone.localdate().isoformat(), "answers": {}},
    )
    assert response.status_code == 400
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields["q1"] == "Kohta 1: vastaus puuttuu. Valitse yksi vaihtoehdoista."


def test_a_stale_version_is_409_and_changes_nothing():
    case, nurse = a_health_case()
    http = logged_in(nurse)
    check = post(http, f"{BASE}/cases/{case.pk}/health-checks", {"identified_by": "client"}).json()
    response = post(
        http,
        f"{BASE}/health-checks/{check['id']}/nurse",
        {
            "version": check["version"] + 5,
            "checked_on": timezone.localdate().isoformat(),
            "summary": "x",
            "mental_health_and_substance_assessed": True,
            "further_assessment_needed": False,
        },
    )
    assert response.status_code == 409
    assert HealthCheck.objects.get().step == HealthCheckStep.IDENTIFIED


def test_the_open_form_refuses_an_unknown_choice():
    case, nurse = a_health_case()
    response = post(
        logged_in(nurse), f"{BASE}/cases/{case.pk}/health-checks", {"identified_by": "x"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "identified_by"
    assert not HealthCheck.objects.exists()


def test_feedback_and_the_needs_assessment_through_the_api():
    case, nurse = a_health_case()
    http = logged_in(nurse)
    today = timezone.localdate().isoformat()
    check = post(http, f"{BASE}/cases/{case.pk}/health-checks", {"identified_by": "client"}).json()
    nursed = post(
        http,
        f"{BASE}/health-checks/{check['id']}/nurse",
        {
            "version": check["version"],
            "checked_on": today,
            "summary": "Hyvä.",
            "mental_health_and_substance_assessed": True,
            "further_assessment_needed": False,
        },
    ).json()
    fed = post(
        http,
        f"{BASE}/health-checks/{check['id']}/feedback",
        {"version": nursed["version"], "to_client": "Ei jatkotoimia."},
    )
    assert fed.status_code == 200, fed.content
    assert fed.json()["step"] == HealthCheckStep.FEEDBACK_GIVEN
    # the needs assessment, by a social worker of a social-care case
    worker = a_social_worker_of(an_organisation())
    social_case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    body = {"assessed_on": today, "summary": "S", "conclusions": "C", "client_view": "V"}
    made = post(logged_in(worker), f"{BASE}/cases/{social_case.pk}/needs-assessments", body)
    assert made.status_code == 201, made.content
    refused = post(logged_in(nurse), f"{BASE}/cases/{case.pk}/needs-assessments", body)
    assert refused.status_code == 400
    assert NeedsAssessment.objects.count() == 1


def test_another_organisation_gets_404():
    case, nurse = a_health_case()
    check = post(
        logged_in(nurse), f"{BASE}/cases/{case.pk}/health-checks", {"identified_by": "client"}
    ).json()
    outsider = logged_in(a_nurse(an_organisation("toinen")))
    assert outsider.get(f"{BASE}/cases/{case.pk}").status_code == 404
    assert (
        post(
            outsider,
            f"{BASE}/health-checks/{check['id']}/feedback",
            {"version": 0, "to_client": "x"},
        ).status_code
        == 404
    )
    assert (
        post(
            outsider, f"{BASE}/health-checks/999999/feedback", {"version": 0, "to_client": "x"}
        ).status_code
        == 404
    )
