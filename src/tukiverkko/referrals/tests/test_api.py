"""/api/v1/referrals/: the same actions and policy as the pages; refusals in the one error shape."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from tukiverkko.cases.tests.factories import a_professional, an_organisation
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import a_referral_in, a_world, consent_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/referrals"


def api(user):
    http = HttpClient()
    http.force_login(user)
    return http


def post(http, url, body=None):
    return http.post(url, body or {}, content_type="application/json")


def _draft_body(world, **extra):
    return {
        "service_id": world.service.pk,
        "situation": "Uupumus.",
        "question": "Työkyvyn arvio.",
        "categories": ["social"],
        **extra,
    }


def test_create_send_and_walk_a_referral_through_the_api():
    # given a consent covering the town
    world = a_world()
    consent_for(world)
    sender, receiver = api(world.sender), api(world.receiver)
    # when the sender creates a draft and sends it
    created = post(
        sender,
        f"{BASE}/cases/{world.case.pk}",
        _draft_body(world, to_unit_id=world.receiving_unit.pk),
    )
    assert created.status_code == 201, created.content
    assert created.json()["to_unit_id"] == world.receiving_unit.pk
    rid = created.json()["id"]
    assert created.json()["steps"] == ["send"]
    sent = post(sender, f"{BASE}/{rid}/send", {"version": created.json()["version"]})
    assert sent.status_code == 200
    assert sent.json()["where"].startswith("Lähetetty ")
    # then the receiver sees it in their inbox and answers it step by step
    inbox = receiver.get(f"{BASE}/inbox")
    assert [row["id"] for row in inbox.json()] == [rid]
    for step in ("receive", "accept", "start"):
        assert post(receiver, f"{BASE}/{rid}/{step}").status_code == 200, step
    done = post(receiver, f"{BASE}/{rid}/complete", {"feedback": "Arvio tehty."})
    assert done.json()["status"] == Status.COMPLETED
    assert done.json()["feedback"] == "Arvio tehty."
    # the sender sees no feedback without the consent for it, and closes the referral
    seen = sender.get(f"{BASE}/{rid}").json()
    assert seen["feedback"] is None
    assert post(sender, f"{BASE}/{rid}/close").json()["status"] == Status.CLOSED
    # and the case's list shows it
    listed = sender.get(f"{BASE}/cases/{world.case.pk}").json()
    assert [row["id"] for row in listed] == [rid]


def test_a_refused_sending_is_a_400_problem_with_the_reason():
    world = a_world()
    created = post(api(world.sender), f"{BASE}/cases/{world.case.pk}", _draft_body(world))
    response = post(api(world.sender), f"{BASE}/{created.json()['id']}/send")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"].startswith(
        "Lähetettä ei voi lähettää: asiakkaan voimassa oleva suostumus ei kata"
    )


def test_a_stale_version_is_a_409():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    response = post(api(world.receiver), f"{BASE}/{referral.pk}/receive", {"version": 0})
    assert response.status_code == 409


def test_a_bad_draft_names_its_fields():
    world = a_world()
    response = post(
        api(world.sender),
        f"{BASE}/cases/{world.case.pk}",
        _draft_body(world, situation="", categories=[]),
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"situation", "categories"}
    response = post(
        api(world.sender),
        f"{BASE}/cases/{world.case.pk}",
        _draft_body(world, service_id=10**6),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "service"


@pytest.mark.parametrize(
    ("step", "body"),
    [
        ("decline", {"reason": ""}),
        ("return", {"reason": "Väärä osoite."}),
    ],
)
def test_answers_without_their_fields_are_400(step, body):
    world = a_world()
    referral = a_referral_in(Status.RECEIVED, world)
    response = post(api(world.receiver), f"{BASE}/{referral.pk}/{step}", body)
    assert response.status_code == 400


def test_decline_and_return_through_the_api():
    world = a_world()
    declined = a_referral_in(Status.RECEIVED, world)
    response = post(api(world.receiver), f"{BASE}/{declined.pk}/decline", {"reason": "Ei."})
    assert response.json()["status"] == Status.DECLINED
    returned = a_referral_in(Status.RECEIVED, world)
    response = post(
        api(world.receiver),
        f"{BASE}/{returned.pk}/return",
        {"reason": "Väärä.", "better_organisation_id": world.receiving.pk},
    )
    assert response.json()["better_organisation_id"] == world.receiving.pk


def test_an_outsider_gets_404_everywhere():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    outsider = api(a_professional(org=an_organisation("kolmas")))
    assert outsider.get(f"{BASE}/{referral.pk}").status_code == 404
    assert outsider.get(f"{BASE}/{10**6}").status_code == 404
    assert outsider.get(f"{BASE}/cases/{world.case.pk}").status_code == 404
    assert post(outsider, f"{BASE}/cases/{world.case.pk}", _draft_body(world)).status_code == 404
    for step in ("send", "close", "receive", "accept", "start", "complete", "decline", "return"):
        body = {"reason": "x", "feedback": "x"}
        assert post(outsider, f"{BASE}/{referral.pk}/{step}", body).status_code == 404, step
    assert post(outsider, f"{BASE}/{10**6}/send").status_code == 404
    assert outsider.get(f"{BASE}/inbox").json() == []
    assert Referral.objects.get().status == Status.SENT


def test_the_receiver_reads_the_referral_through_the_api():
    world = a_world()
    referral = a_referral_in(Status.SENT, world)
    body = api(world.receiver).get(f"{BASE}/{referral.pk}").json()
    assert body["situation"] == "Työtön, uupumusta, toimeentulo-ongelmia."
    assert body["steps"] == ["receive"]
