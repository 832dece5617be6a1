"""POST /fhir/R4/ServiceRequest: a referral made through the referral actions, refused for the
same reasons as on the page (consent, prerequisites, the fields), with nothing half-saved."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.interop.fhir.mapping import INFO_CATEGORY
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import a_world, consent_for

pytestmark = pytest.mark.django_db
URL = "/fhir/R4/ServiceRequest"


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def body(world, status="active", **extra):
    return {
        "resourceType": "ServiceRequest",
        "status": status,
        "intent": "order",
        "subject": {"reference": f"Patient/{world.case.client_id}"},
        "performer": [{"reference": f"HealthcareService/{world.service.pk}"}],
        "category": [{"coding": [{"system": INFO_CATEGORY, "code": "social"}]}],
        "note": [{"text": "Uupumus."}],
        "reasonCode": [{"text": "Työkyvyn arvio."}],
        **extra,
    }


def post(http, data, content_type="application/fhir+json"):
    return http.post(URL, data, content_type=content_type)


def test_an_active_service_request_creates_and_sends_a_referral():
    # given a consent covering the receiving town
    world = a_world()
    consent_for(world)
    # when the sender posts an active ServiceRequest
    answer = post(logged_in(world.sender), body(world))
    # then a referral was made and sent through the actions, and the answer is its resource
    assert answer.status_code == 201, answer.content
    referral = Referral.objects.get()
    assert referral.status == Status.SENT and referral.situation == "Uupumus."
    assert referral.question == "Työkyvyn arvio." and referral.categories == ["social"]
    assert answer.json()["id"] == str(referral.pk) and answer.json()["status"] == "active"
    assert answer["Location"] == f"{URL}/{referral.pk}/_history/{referral.version}"
    assert EventLogEntry.objects.filter(event="referral_send").exists()


def test_a_draft_service_request_is_a_draft():
    # given no consent (a draft needs none); when a draft is posted
    world = a_world()
    answer = post(logged_in(world.sender), body(world, status="draft"))
    # then the referral is a draft
    assert answer.status_code == 201, answer.content
    assert Referral.objects.get().status == Status.DRAFT


def test_without_the_consent_the_page_s_reason_comes_back_and_nothing_is_saved():
    # given no consent; when an active request is posted
    world = a_world()
    answer = post(logged_in(world.sender), body(world))
    # then 400 with the consent reason of the page, and no draft was left behind
    assert answer.status_code == 400
    issue = answer.json()["issue"][0]
    assert issue["diagnostics"].startswith("Lähetettä ei voi lähettää: asiakkaan voimassa")
    assert not Referral.objects.exists()


def test_an_unmet_prerequisite_is_refused_with_the_rules_reason():
    # given an employment expert referring a Heinola client to the work-ability doctor
    world = a_world(
        sender_role=Role.EMPLOYMENT_EXPERT,
        sender_register="other",
        type_slug="tyokyvyn-tuen-laakari",
        municipality="Heinola",
    )
    consent_for(world, categories=["employment", "health", "social"])
    data = body(world)
    data["category"] = [{"coding": [{"system": INFO_CATEGORY, "code": "employment"}]}]
    # when it is posted
    answer = post(logged_in(world.sender), data)
    # then the prerequisite is the reason
    assert answer.status_code == 400, answer.content
    assert "edellyttää ensin" in answer.json()["issue"][0]["diagnostics"]
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("change", "expression"),
    [
        ({"note": []}, "situation"),
        ({"category": []}, "categories"),
        ({"status": "completed"}, "status"),
        ({"subject": {"reference": "Group/1"}}, "subject"),
        ({"performer": [{"reference": "HealthcareService/999999"}]}, "performer"),
        ({"intent": 5}, "intent"),
        ({"resourceType": "Task"}, "resourceType"),
    ],
)
def test_a_bad_field_is_named(change, expression):
    # given a sender; when a request with one bad field is posted
    world = a_world()
    answer = post(logged_in(world.sender), {**body(world), **change})
    # then 400 names the field
    assert answer.status_code == 400, answer.content
    assert answer.json()["issue"][0]["expression"] == [expression]
    assert not Referral.objects.exists()


def test_not_json_and_no_relationship():
    world = a_world()
    # given a sender; when the body is not JSON or not FHIR's type, then 400 / 415
    assert post(logged_in(world.sender), "{", "application/json").status_code == 400
    assert post(logged_in(world.sender), "[]", "application/json").status_code == 400
    assert post(logged_in(world.sender), "x", "text/plain").status_code == 415
    # given a professional without a relationship: 404, as for a read
    stranger = post(logged_in(a_professional()), body(world))
    assert stranger.status_code == 404 and stranger.json()["resourceType"] == "OperationOutcome"
    # given the receiver (sees the client only as the addressee of nothing yet): 404 too
    assert post(logged_in(world.receiver), body(world)).status_code == 404


def test_a_session_post_without_the_csrf_token_is_refused():
    # given a client that enforces CSRF, logged in
    world = a_world()
    consent_for(world)
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(world.sender)
    # when it posts without the token
    answer = post(http, body(world))
    # then 403 forbidden, nothing made
    assert answer.status_code == 403 and answer.json()["issue"][0]["code"] == "forbidden"
    assert not Referral.objects.exists()
