"""FHIR with an integration token (decision 0367): an organisation's system reads the cases its
organisation owns with the scope each type needs, every read a disclosure; and who is refused
how (401 without credentials, 403 for a signed-in role that does no client work)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from tukiverkko.access import actions as access_actions
from tukiverkko.access.models import Scope
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.cases.tests.factories import a_professional, an_organisation
from tukiverkko.interop.tests.test_fhir_network import _network
from tukiverkko.interop.tests.test_fhir_reads import BASE, fhir, logged_in, outcome
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.referrals.tests.factories import a_draft, a_world

pytestmark = pytest.mark.django_db
ADMIN = SystemActor("test")


def token(organisation, scopes=tuple(Scope.values)):
    row, secret = access_actions.create_api_token(
        by=ADMIN, organisation=organisation, system="potilastieto", scopes=list(scopes)
    )
    return row, secret


def system(secret):
    return HttpClient(headers={"Authorization": f"Bearer {secret}"})


def test_a_token_of_the_case_organisation_reads_each_type_and_each_read_is_a_disclosure():
    # given a case with a network, a consent, a plan and a referral, and its organisation's token
    world = a_world()
    consent = _network(world)
    plan = a_plan_with_goals(world.case, by=world.sender)
    referral = a_draft(world)
    _row, secret = token(world.case.organisation)
    http = system(secret)
    reads = {
        "Consent": consent.pk,
        "CareTeam": world.case.pk,
        "CarePlan": plan.pk,
        "Goal": plan.goals.get().pk,
        "ServiceRequest": referral.pk,
        "Task": referral.pk,
    }
    for kind, pk in reads.items():
        # when the system reads each resource and searches its type
        body = fhir(http.get(f"{BASE}/{kind}/{pk}"))
        found = fhir(http.get(f"{BASE}/{kind}"))
        # then it is there, and each read is a disclosure to the token's organisation
        assert body["resourceType"] == kind and body["id"] == str(pk)
        assert str(pk) in {e["resource"]["id"] for e in found["entry"]}, kind
        rows = DisclosureLogEntry.objects.filter(what=f"api:fhir:{kind}")
        assert rows.count() == 2, kind  # the read and the search's match
        row = rows.first()
        assert row.purpose == "system_integration" and row.basis == f"api_token:{_row.pk}"
        assert row.client_id == world.case.client_id
        assert row.to_organisation_id == world.case.organisation_id
    # and the referral's free text is not disclosed to the system; names of people neither
    request = fhir(http.get(f"{BASE}/ServiceRequest/{referral.pk}"))
    assert "note" not in request and "reasonCode" not in request
    team = fhir(http.get(f"{BASE}/CareTeam/{world.case.pk}"))
    assert all("display" not in p["member"] for p in team["participant"])
    # and the catalogue needs no scope
    assert fhir(http.get(f"{BASE}/HealthcareService/{world.service.pk}"))["id"]


def test_a_token_is_refused_without_its_scope_when_revoked_and_for_another_organisation():
    # given a consent, a token with the teams scope only, and another organisation's token
    world = a_world()
    consent = _network(world)
    _narrow, narrow = token(world.case.organisation, [Scope.READ_TEAMS])
    _other, other = token(an_organisation("toinen"))
    # when the narrow token reads a consent: 403, the refusal logged
    issue = outcome(system(narrow).get(f"{BASE}/Consent/{consent.pk}"), 403)
    assert issue["code"] == "forbidden" and "read:consents" in issue["diagnostics"]
    assert outcome(system(narrow).get(f"{BASE}/CareTeam"), 403)["code"] == "forbidden"
    assert AccessLogEntry.objects.filter(what__startswith="refused:403", allowed=False).exists()
    # when another organisation's token reads it: the client is not there for it (logged)
    assert outcome(system(other).get(f"{BASE}/Consent/{consent.pk}"), 404)
    assert outcome(system(other).get(f"{BASE}/CareTeam/{world.case.pk}"), 404)
    assert fhir(system(other).get(f"{BASE}/Consent"))["total"] == 0
    assert not DisclosureLogEntry.objects.filter(client_id=world.case.client_id).exists()
    assert AccessLogEntry.objects.filter(what="api:fhir:Consent", allowed=False).exists()
    # and an id that names nothing is a 404 too, the refusal naming what was asked for
    for kind, target in (("Consent", "consent"), ("CarePlan", "plan"), ("Goal", "goal")):
        assert outcome(system(other).get(f"{BASE}/{kind}/999999"), 404)["code"] == "not-found"
        what = f"api:fhir:{kind}:{target}:999999"
        assert AccessLogEntry.objects.filter(what=what, allowed=False).exists(), what
    # when a type no scope covers is read, or a referral is created: 403
    _all, every = token(world.case.organisation)
    assert outcome(system(every).get(f"{BASE}/Patient/{world.case.client_id}"), 403)
    posted = system(every).post(f"{BASE}/ServiceRequest", {}, content_type="application/fhir+json")
    assert outcome(posted, 403)["code"] == "forbidden"
    # when the token is revoked, or a wrong one is given: 401
    access_actions.revoke_api_token(by=ADMIN, token=_all)
    assert outcome(system(every).get(f"{BASE}/Consent"), 401)["code"] == "login"
    assert outcome(system("tkv_wrong").get(f"{BASE}/Consent"), 401)["code"] == "login"


def test_a_token_does_not_read_another_registers_goal():
    # given a plan whose goal another register of the county wrote
    world = a_world()
    plan = a_plan_with_goals(world.case, by=world.sender)
    goal = plan.goals.get()
    type(goal).objects.filter(pk=goal.pk).update(source_register="health_care")
    _row, secret = token(world.case.organisation, [Scope.READ_PLANS])
    http = system(secret)
    # when the county's system reads the goal and the plan
    issue = outcome(http.get(f"{BASE}/Goal/{goal.pk}"), 404)
    careplan = fhir(http.get(f"{BASE}/CarePlan/{plan.pk}"))
    # then the goal is not there for it (logged), and the plan does not refer to it
    assert issue["code"] == "not-found"
    assert AccessLogEntry.objects.filter(what="api:fhir:Goal", allowed=False).exists()
    assert "goal" not in careplan
    assert not DisclosureLogEntry.objects.filter(what="api:fhir:Goal").exists()


def test_a_signed_in_role_without_client_work_is_403_and_no_credentials_401():
    # given the manager (esihenkilö) of the case's organisation, signed in
    world = a_world()
    manager = a_professional(org=world.case.organisation, role=Role.MANAGER)
    # when they read FHIR: 403 forbidden (they are known, their role does no client work)
    issue = outcome(logged_in(manager).get(f"{BASE}/CareTeam/{world.case.pk}"), 403)
    assert issue["code"] == "forbidden"
    assert outcome(logged_in(manager).get(f"{BASE}/Consent"), 403)["code"] == "forbidden"
    # and the metadata stays public to them; without any credentials it is 401
    assert fhir(logged_in(manager).get(f"{BASE}/metadata"))["resourceType"] == (
        "CapabilityStatement"
    )
    assert outcome(HttpClient().get(f"{BASE}/Consent"), 401)["code"] == "login"


def test_the_capability_statement_names_each_types_scope():
    # when anyone reads the metadata
    body = fhir(HttpClient().get(f"{BASE}/metadata"))
    security = body["rest"][0]["security"]["description"]
    # then the security description names the tokens and each type's scope
    assert "Bearer" in security
    assert "Consent: read:consents" in security and "CareTeam: read:cases" in security
    assert "Patient: sessions only" in security
    types = {r["type"] for r in body["rest"][0]["resource"]}
    assert {"Consent", "CareTeam"} <= types
