"""/fhir/R4/Consent and /fhir/R4/CareTeam: a client's consents and the case's network, read and
searched through the same getters and content filter as the client page (decision 0368)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent as FhirConsent

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_consent, a_professional
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, Purpose, RequestChannel
from tukiverkko.interop.fhir.mapping_network import consent_status
from tukiverkko.interop.tests.test_fhir_reads import BASE, fhir, logged_in, outcome
from tukiverkko.referrals.tests.factories import a_world, consent_for

pytestmark = pytest.mark.django_db


def test_consent_reads_as_a_fhir_consent_of_its_recipients_purposes_and_categories():
    # given the sender's register's consent to disclose to the receiving town, valid a year
    world = a_world()
    until = timezone.localdate() + dt.timedelta(days=365)
    consent = a_consent(
        world.case.client,
        world.sender,
        organisations=[world.receiving],
        units=[world.receiving_unit],
        categories=["social", "employment"],
        purposes=[Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING],
        valid_until=until,
    )
    http = logged_in(world.sender)
    # when the sender reads it
    body = fhir(http.get(f"{BASE}/Consent/{consent.pk}"))
    FhirConsent.model_validate(body)
    # then it is the client's patient-privacy consent of the sender's organisation and register
    assert body["status"] == "active"
    assert body["scope"]["coding"][0]["code"] == "patient-privacy"
    assert body["category"][0]["coding"][0]["code"] == "64292-6"
    assert body["category"][1]["coding"][0]["code"] == "social_care"
    assert body["patient"] == {"reference": f"Patient/{world.case.client_id}"}
    assert body["organization"] == [{"reference": f"Organization/{world.sender.organisation_id}"}]
    provision = body["provision"]
    assert provision["period"]["end"] == until.isoformat()
    # the recipients are its actors (information recipient), the organisation by reference
    assert [a["role"]["coding"][0]["code"] for a in provision["actor"]] == ["IRCP", "IRCP"]
    assert provision["actor"][0]["reference"] == {"reference": f"Organization/{world.receiving.pk}"}
    assert world.receiving_unit.name_fi in provision["actor"][1]["reference"]["display"]
    assert {p["code"] for p in provision["purpose"]} == {"information_exchange", "network_meeting"}
    assert {c["code"] for c in provision["class"]} == {"social", "employment"}
    assert AccessLogEntry.objects.filter(what="fhir:Consent", allowed=True).exists()


def test_consent_search_by_patient_and_status_and_a_revocation_makes_it_inactive():
    # given an active consent, and the receiver it names, admitted to the client's network
    world = a_world()
    consent = _network(world)
    sender, receiver = logged_in(world.sender), logged_in(world.receiver)
    patient = f"Patient/{world.case.client_id}"
    # when both search by patient and status: both find it (its register's, and its recipient)
    for http in (sender, receiver):
        found = fhir(http.get(f"{BASE}/Consent", {"patient": patient, "status": "active"}))
        assert [e["resource"]["id"] for e in found["entry"]] == [str(consent.pk)]
    # when the client revokes it
    consent_actions.revoke_consent(
        consent=consent, by=world.sender, channel=RequestChannel.IN_PERSON
    )
    # then it is inactive, and no longer an active consent
    assert fhir(sender.get(f"{BASE}/Consent/{consent.pk}"))["status"] == "inactive"
    assert fhir(sender.get(f"{BASE}/Consent", {"status": "active"}))["total"] == 0
    inactive = fhir(receiver.get(f"{BASE}/Consent", {"status": "inactive"}))
    assert [e["resource"]["id"] for e in inactive["entry"]] == [str(consent.pk)]
    assert outcome(sender.get(f"{BASE}/Consent", {"status": "revoked"}), 400)["code"] == "invalid"


def test_consent_of_another_organisation_without_a_relationship_is_a_logged_404():
    # given a consent, and a professional of another organisation with no relationship
    world = a_world()
    consent = consent_for(world)
    stranger = logged_in(a_professional())
    # when the stranger reads and searches it
    issue = outcome(stranger.get(f"{BASE}/Consent/{consent.pk}"), 404)
    # then it is not there, the refusal logged, and no search finds it
    assert issue["code"] == "not-found"
    assert AccessLogEntry.objects.filter(what__startswith="fhir:Consent", allowed=False).exists()
    assert fhir(stranger.get(f"{BASE}/Consent"))["total"] == 0


def test_consent_status_maps_each_state():
    # given consents in each state the product has
    world = a_world()
    today = timezone.localdate()
    standing = consent_for(world)
    expired = a_consent(
        world.case.client,
        world.sender,
        organisations=[world.receiving],
        categories=["social"],
        valid_from=today - dt.timedelta(days=30),
        valid_until=today - dt.timedelta(days=1),
    )
    oral = a_consent(
        world.case.client,
        world.sender,
        organisations=[world.receiving],
        categories=["social"],
        form=ConsentForm.ORAL,
    )
    oral.used_at = timezone.now()
    oral.save(update_fields=["used_at"])
    waiting = consent_for(world)
    waiting.awaits_confirmation = True
    waiting.save(update_fields=["awaits_confirmation"])
    # when each is mapped, and searched by each status
    expected = {standing: "active", expired: "inactive", oral: "inactive", waiting: "proposed"}
    # then the row's status and the search's filter agree for every one
    assert {c: consent_status(c) for c in expected} == expected
    http = logged_in(world.sender)
    for status in ("active", "inactive", "proposed"):
        found = fhir(http.get(f"{BASE}/Consent", {"status": status}))
        ids = {e["resource"]["id"] for e in found.get("entry", [])}
        assert ids == {str(c.pk) for c, s in expected.items() if s == status}, status


def _network(world):
    """The receiver admitted under consent, and an organisation named by the sender."""
    consent = consent_for(world)
    case_actions.add_network_member(
        case=world.case,
        by=world.sender,
        organisation=world.receiving,
        user=world.receiver,
        role="Työllisyyspalvelut: työkokeilu",
    )
    case_actions.add_network_member(
        case=world.case, by=world.sender, organisation=world.receiving, role="Kaupungin nuorisotyö"
    )
    return consent


def test_care_team_is_the_responsible_worker_and_the_network():
    # given a case with the receiver in its network and an organisation named
    world = a_world()
    world.sender.title = "sosiaalityöntekijä"
    world.sender.save(update_fields=["title"])
    _network(world)
    http = logged_in(world.sender)
    # when the responsible worker reads the case's CareTeam
    body = fhir(http.get(f"{BASE}/CareTeam/{world.case.pk}"))
    CareTeam.model_validate(body)
    # then the first participant is the responsible worker, named with their title
    assert body["status"] == "active"
    assert body["subject"] == {"reference": f"Patient/{world.case.client_id}"}
    assert body["managingOrganization"] == [
        {"reference": f"Organization/{world.case.organisation_id}"}
    ]
    first, person, organisation = body["participant"]
    assert first["role"][0]["coding"][0]["code"] == "responsible-worker"
    assert first["member"]["display"].endswith(", sosiaalityöntekijä")
    # and the members: a professional on behalf of their organisation, and an organisation
    assert person["role"][0]["text"] == "Työllisyyspalvelut: työkokeilu"
    assert person["member"]["identifier"]["value"] == str(world.receiver.pk)
    assert person["onBehalfOf"] == {"reference": f"Organization/{world.receiving.pk}"}
    assert organisation["member"] == {"reference": f"Organization/{world.receiving.pk}"}
    assert AccessLogEntry.objects.filter(what="fhir:CareTeam", allowed=True).exists()
    # and the search by patient and status finds it
    patient = f"Patient/{world.case.client_id}"
    found = fhir(http.get(f"{BASE}/CareTeam", {"patient": patient, "status": "active"}))
    assert [e["resource"]["id"] for e in found["entry"]] == [str(world.case.pk)]
    assert fhir(http.get(f"{BASE}/CareTeam", {"status": "inactive"}))["total"] == 0


def test_care_team_members_follow_the_consent_and_a_closed_case_is_inactive():
    # given the receiver in the network under a consent
    world = a_world()
    consent = _network(world)
    receiver = logged_in(world.receiver)
    # when the receiver reads the CareTeam: they see the organisation the sender named
    before = fhir(receiver.get(f"{BASE}/CareTeam/{world.case.pk}"))["participant"]
    assert len(before) == 3
    # when the client revokes the consent
    consent_actions.revoke_consent(
        consent=consent, by=world.sender, channel=RequestChannel.IN_PERSON
    )
    # then the receiver sees the responsible worker and their own membership only
    after = fhir(receiver.get(f"{BASE}/CareTeam/{world.case.pk}"))["participant"]
    assert [p["role"][0]["coding"][0]["code"] for p in after] == [
        "responsible-worker",
        "network-member",
    ]
    assert after[1]["member"]["identifier"]["value"] == str(world.receiver.pk)
    # and a stranger gets a logged 404; a closed case's team is inactive
    assert outcome(logged_in(a_professional()).get(f"{BASE}/CareTeam/{world.case.pk}"), 404)
    closed = a_case_in_phase(Phase.CLOSED, world.sender)
    http = logged_in(world.sender)
    assert fhir(http.get(f"{BASE}/CareTeam/{closed.pk}"))["status"] == "inactive"
    found = fhir(http.get(f"{BASE}/CareTeam", {"status": "inactive"}))
    assert [e["resource"]["id"] for e in found["entry"]] == [str(closed.pk)]
