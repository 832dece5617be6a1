"""/fhir/R4/: every resource read and searched through the access policy, each answer a valid
FHIR resource (parsed back with fhir.resources), every refusal an OperationOutcome."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from tukiverkko.assessments import actions as assessment_actions
from tukiverkko.assessments.tests.factories import PHQ9_ANSWERS
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.interop.fhir.views import TYPES
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.referrals.tests.factories import a_referral_in, a_world

pytestmark = pytest.mark.django_db
BASE = "/fhir/R4"


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def fhir(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    return response.json()


def outcome(response, status):
    body = fhir(response, status)
    OperationOutcome.model_validate(body)  # then: a valid OperationOutcome
    return body["issue"][0]


def test_metadata_lists_exactly_the_types_and_parameters_served():
    # given anyone; when they ask for the CapabilityStatement
    body = fhir(HttpClient().get(f"{BASE}/metadata"))
    statement = CapabilityStatement.model_validate(body)
    # then it names each type of the server's table, with its search parameters
    resources = {r.type: r for r in statement.rest[0].resource}
    assert set(resources) == set(TYPES)
    assert {p.name for p in resources["CarePlan"].searchParam} == {
        "patient",
        "status",
        "_count",
        "_offset",
    }
    assert [i.code for i in resources["ServiceRequest"].interaction] == [
        "read",
        "search-type",
        "create",
    ]
    assert [i.code for i in resources["Task"].interaction] == ["read", "search-type"]


def test_careplan_read_and_search_show_the_plan_and_log_the_read():
    # given a plan with a goal and two actions, read by its responsible worker
    world = a_world()
    plan = a_plan_with_goals(world.case, by=world.sender)
    http = logged_in(world.sender)
    # when the worker reads the CarePlan
    body = fhir(http.get(f"{BASE}/CarePlan/{plan.pk}"))
    # then it is the plan: the client's goal, a reference to each goal, the actions
    assert body["subject"] == {"reference": f"Patient/{world.case.client_id}"}
    assert body["description"] == "Pääsen töihin."
    assert body["status"] == "draft" and body["intent"] == "plan"
    assert len(body["goal"]) == 1 and len(body["activity"]) == 2
    assert AccessLogEntry.objects.filter(what="fhir:CarePlan", allowed=True).exists()
    # and its goal reads as a Goal
    goal = fhir(http.get(f"{BASE}/{body['goal'][0]['reference']}"))
    assert goal["description"] == {"text": "Työkokeilu alkaa"}
    assert goal["lifecycleStatus"] == "active"
    # and a search by patient finds it in a searchset Bundle
    found = fhir(http.get(f"{BASE}/CarePlan", {"patient": f"Patient/{world.case.client_id}"}))
    Bundle.model_validate(found)
    assert found["type"] == "searchset" and found["total"] == 1
    assert found["entry"][0]["resource"]["id"] == str(plan.pk)
    assert fhir(http.get(f"{BASE}/CarePlan", {"status": "completed"}))["total"] == 0
    assert fhir(http.get(f"{BASE}/Goal", {"lifecycle-status": "active"}))["total"] == 1


def test_paging_links_walk_the_whole_result():
    # given three plans of one worker
    world = a_world()
    plans = [a_plan_with_goals(by=world.sender) for _ in range(2)]
    plans.insert(0, a_plan_with_goals(world.case, by=world.sender))
    http = logged_in(world.sender)
    # when the search is read one by one, following the next links
    page = fhir(http.get(f"{BASE}/CarePlan", {"_count": "1"}))
    seen = []
    while True:
        seen += [e["resource"]["id"] for e in page["entry"]]
        nxt = [link["url"] for link in page["link"] if link["relation"] == "next"]
        if not nxt:
            break
        page = fhir(http.get(nxt[0]))
    # then every plan was on exactly one page, and the total counted them
    assert sorted(seen) == sorted(str(p.pk) for p in plans)
    assert page["total"] == 3
    assert any(link["relation"] == "previous" for link in page["link"])


def test_patient_shows_the_henkilotunnus_only_to_the_case_owner():
    # given a client of the sender's case, and the receiver of a referral addressed to them
    referral = a_referral_in("accepted")
    world_client = referral.case.client_id
    owner = logged_in(referral.sender)
    # when the owner reads the Patient
    body = fhir(owner.get(f"{BASE}/Patient/{world_client}"))
    # then the henkilötunnus is there with its OID, and the reveal is logged
    assert body["identifier"][0]["system"] == "urn:oid:1.2.246.21"
    assert len(body["identifier"][0]["value"]) == 11
    assert AccessLogEntry.objects.filter(what="henkilotunnus_reveal", allowed=True).exists()
    # when the handler of the other organisation reads it, the name shows but not the code
    handler = logged_in(referral.handler)
    other = fhir(handler.get(f"{BASE}/Patient/{world_client}"))
    assert "identifier" not in other and other["name"][0]["family"]
    # and a search by id finds the client; a name is no search parameter (not in a URL)
    found = fhir(owner.get(f"{BASE}/Patient", {"_id": str(world_client)}))
    assert [e["resource"]["id"] for e in found["entry"]] == [str(world_client)]
    assert outcome(owner.get(f"{BASE}/Patient", {"family": "x"}), 400)["code"] == "invalid"


def test_referral_reads_as_service_request_and_task():
    # given a referral the receiver has accepted
    referral = a_referral_in("accepted")
    http = logged_in(referral.sender)
    # when the sender reads it as a ServiceRequest and a Task
    request = fhir(http.get(f"{BASE}/ServiceRequest/{referral.pk}"))
    task = fhir(http.get(f"{BASE}/Task/{referral.pk}"))
    # then the request is active, to the service, with the situation; the task is accepted
    assert request["status"] == "active" and request["intent"] == "order"
    assert request["performer"] == [{"reference": f"HealthcareService/{referral.service_id}"}]
    assert request["note"] == [{"text": referral.situation}]
    assert task["status"] == "accepted" and task["focus"]["reference"].endswith(str(referral.pk))
    assert task["owner"] == {"reference": f"Organization/{referral.to_organisation_id}"}
    # and searches by status and patient find it from both sides
    patient = f"Patient/{referral.case.client_id}"
    assert (
        fhir(http.get(f"{BASE}/ServiceRequest", {"patient": patient, "status": "active"}))["total"]
        == 1
    )
    receiver = logged_in(referral.handler)
    assert fhir(receiver.get(f"{BASE}/Task", {"status": "accepted"}))["total"] == 1
    assert fhir(receiver.get(f"{BASE}/Task", {"status": "completed"}))["total"] == 0


def test_organization_and_healthcare_service_are_the_catalogue():
    # given a service of the town
    world = a_world()
    world.receiving.business_id = "0204819-8"
    world.receiving.save(update_fields=["business_id"])
    http = logged_in(world.sender)
    # when the organisation and the service are read and searched
    org = fhir(http.get(f"{BASE}/Organization/{world.receiving.pk}"))
    service = fhir(http.get(f"{BASE}/HealthcareService/{world.service.pk}"))
    by_org = fhir(
        http.get(
            f"{BASE}/HealthcareService", {"organization": f"Organization/{world.receiving.pk}"}
        )
    )
    by_id = fhir(http.get(f"{BASE}/Organization", {"identifier": "0204819-8"}))
    # then the Y-tunnus is the organisation's identifier and the service its provider's
    assert org["identifier"] == [{"system": "urn:oid:1.2.246.10.1", "value": "0204819-8"}]
    assert service["providedBy"] == {"reference": f"Organization/{world.receiving.pk}"}
    assert [e["resource"]["id"] for e in by_org["entry"]] == [str(world.service.pk)]
    assert by_id["total"] == 1


def test_a_client_the_caller_may_not_see_is_a_logged_404_outcome():
    # given a plan and a professional of another organisation without any relationship
    world = a_world()
    plan = a_plan_with_goals(world.case, by=world.sender)
    stranger = logged_in(a_professional())
    # when the stranger reads the plan, its client, its goal, and searches
    for path in (f"CarePlan/{plan.pk}", f"Patient/{world.case.client_id}",
                 f"Goal/{plan.goals.get().pk}", "CarePlan/999999"):  # fmt: skip
        issue = outcome(stranger.get(f"{BASE}/{path}"), 404)
        # then each is a not-found OperationOutcome
        assert issue["code"] == "not-found", path
    assert fhir(stranger.get(f"{BASE}/CarePlan"))["total"] == 0
    # and every refusal is in the log
    assert (
        AccessLogEntry.objects.filter(what__startswith="fhir:CarePlan", allowed=False).count() == 2
    )


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("Observation/1", 404, "not-found"),
        ("CarePlan/abc", 404, "not-found"),
        ("CarePlan?status=bogus", 400, "invalid"),
        ("CarePlan?_count=-1", 400, "invalid"),
        ("CarePlan?patient=Patient/x", 400, "invalid"),
        ("Patient?_id=abc", 400, "invalid"),
        ("Patient?gender=male", 400, "invalid"),
        ("Goal?lifecycle-status=x", 400, "invalid"),
    ],
)
def test_bad_requests_are_outcomes_naming_the_problem(path, status, code):
    # given a professional; when they ask for something unsupported or malformed
    http = logged_in(a_professional())
    issue = outcome(http.get(f"{BASE}/{path}"), status)
    # then the outcome's code says what kind of problem it is
    assert issue["code"] == code


def test_anonymous_and_unsupported_methods_get_outcomes():
    # given no session; when a resource is read, then 401 login
    assert outcome(HttpClient().get(f"{BASE}/CarePlan/1"), 401)["code"] == "login"
    # given a professional; when they DELETE or POST a type that has no create
    http = logged_in(a_professional())
    assert outcome(http.delete(f"{BASE}/CarePlan"), 405)["code"] == "not-supported"
    posted = http.post(f"{BASE}/CarePlan", {}, content_type="application/fhir+json")
    assert outcome(posted, 405)["code"] == "not-supported"
    # and each 405 says what the route allows (RFC 9110)
    assert http.delete(f"{BASE}/CarePlan")["Allow"] == "GET"
    assert posted["Allow"] == "GET"
    assert http.delete(f"{BASE}/ServiceRequest")["Allow"] == "GET, POST"
    assert http.post(f"{BASE}/ServiceRequest/1", {})["Allow"] == "GET"


def test_instruments_are_questionnaires_with_their_loinc_codes():
    # given a professional; when the PHQ-9 and AUDIT-C questionnaires are read
    http = logged_in(a_professional())
    phq9 = fhir(http.get(f"{BASE}/Questionnaire/phq9"))
    audit_c = fhir(http.get(f"{BASE}/Questionnaire/audit-c"))
    # then they carry LOINC's panel and total-score codes, and every item
    assert phq9["code"] == [{"system": "http://loinc.org", "code": "44249-1"}]
    total = phq9["item"][-1]
    assert total["linkId"] == "total" and total["code"][0]["code"] == "44261-6"
    assert len(phq9["item"]) == 10
    assert audit_c["item"][-1]["code"][0]["code"] == "75626-2"
    # and a search by a LOINC code finds GAD-7; an unknown instrument is 404
    found = fhir(http.get(f"{BASE}/Questionnaire", {"code": "http://loinc.org|69737-5"}))
    assert [e["resource"]["id"] for e in found["entry"]] == ["gad7"]
    assert outcome(http.get(f"{BASE}/Questionnaire/nope"), 404)["code"] == "not-found"


def test_a_recorded_result_is_a_questionnaire_response():
    # given a PHQ-9 result recorded in a case
    world = a_world()
    row = assessment_actions.record_instrument_result(
        case=world.case,
        by=world.sender,
        instrument="phq9",
        answers=PHQ9_ANSWERS,
        assessed_on=timezone.localdate(),
    )
    http = logged_in(world.sender)
    # when its author reads it and searches by patient and questionnaire
    body = fhir(http.get(f"{BASE}/QuestionnaireResponse/{row.pk}"))
    found = fhir(
        http.get(
            f"{BASE}/QuestionnaireResponse",
            {"patient": f"Patient/{world.case.client_id}", "questionnaire": "Questionnaire/phq9"},
        )
    )
    # then it answers the PHQ-9 questionnaire with the score as its total
    assert body["questionnaire"].endswith("/Questionnaire/phq9")
    assert body["item"][-1] == {"linkId": "total", "answer": [{"valueDecimal": 9.0}]}
    assert found["total"] == 1
    none = {"questionnaire": "Questionnaire/gad7"}
    assert fhir(http.get(f"{BASE}/QuestionnaireResponse", none))["total"] == 0
    # and a stranger gets a logged 404
    stranger = logged_in(a_professional())
    assert outcome(stranger.get(f"{BASE}/QuestionnaireResponse/{row.pk}"), 404)
    assert outcome(stranger.get(f"{BASE}/QuestionnaireResponse/999999"), 404)


def test_the_catalogue_and_task_searches_narrow_by_each_parameter():
    # given an accepted referral to a service of the town
    referral = a_referral_in("accepted")
    http = logged_in(referral.sender)
    service = referral.service
    # when the searches name the service's name, type, the organisation's name and the focus
    by_name = fhir(http.get(f"{BASE}/HealthcareService", {"name": service.name_fi[:6]}))
    by_type = fhir(
        http.get(f"{BASE}/HealthcareService", {"service-type": service.service_type.slug})
    )
    orgs = fhir(http.get(f"{BASE}/Organization", {"name": referral.to_organisation.name_fi}))
    focus = fhir(http.get(f"{BASE}/Task", {"focus": f"ServiceRequest/{referral.pk}"}))
    none = fhir(http.get(f"{BASE}/Task", {"focus": "ServiceRequest/999999"}))
    # then each finds what it names
    assert str(service.pk) in {e["resource"]["id"] for e in by_name["entry"]}
    assert str(service.pk) in {e["resource"]["id"] for e in by_type["entry"]}
    assert str(referral.to_organisation_id) in {e["resource"]["id"] for e in orgs["entry"]}
    assert [e["resource"]["id"] for e in focus["entry"]] == [str(referral.pk)]
    assert none["total"] == 0 and "entry" not in none
    # and an absent organisation or service is a 404 outcome
    assert outcome(http.get(f"{BASE}/Organization/999999"), 404)["code"] == "not-found"
    assert outcome(http.get(f"{BASE}/HealthcareService/999999"), 404)["code"] == "not-found"
