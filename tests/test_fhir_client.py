"""FHIR R4 from outside: an independent FHIR client library (fhirpy) reads and searches every
resource type the server's CapabilityStatement lists, and creates a referral, against a real
server on loopback — logged in as a demo professional with the session a browser would have."""

from __future__ import annotations

from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import (
    AuthorizationError,
    ForbiddenError,
    OperationOutcome,
    ResourceNotFound,
)

from tests.live import Professional, open_cases, tukiverkko


def a_client(server) -> tuple[SyncFHIRClient, Professional]:
    me = Professional("koordinaattori", server).login()
    cookies = "; ".join(f"{k}={v}" for k, v in me.http.cookies.items())
    headers = {"Cookie": cookies, "X-CSRFToken": me.http.cookies["csrftoken"],
               "Referer": server.url + "/"}  # fmt: skip
    return SyncFHIRClient(f"{server.url}/fhir/R4", extra_headers=headers), me


def test_fhirpy_reads_and_searches_every_type_and_creates_a_referral(start_server):
    # given a demo server, and the coordinator's session in fhirpy
    server = start_server()
    fhir, me = a_client(server)
    # when fhirpy reads the CapabilityStatement
    statement = fhir.execute("metadata", method="get")
    types = [r["type"] for r in statement["rest"][0]["resource"]]
    # then it lists the core types
    assert {"Patient", "CarePlan", "Goal", "ServiceRequest", "Task", "Organization",
            "HealthcareService"} <= set(types)  # fmt: skip
    # given a client of the coordinator, and a service of the catalogue
    patients = fhir.resources("Patient").limit(5).fetch()
    assert patients, "the coordinator sees demo clients"
    service = fhir.resources("HealthcareService").limit(1).fetch()[0]
    # when fhirpy creates a draft ServiceRequest for a client with an open case
    created = None
    for patient in fhir.resources("Patient").limit(50).fetch_all():
        request = fhir.resource(
            "ServiceRequest",
            status="draft",
            intent="order",
            subject=patient.to_reference(),
            performer=[service.to_reference()],
            category=[
                {
                    "coding": [
                        {
                            "system": "https://tukiverkko.fi/fhir/CodeSystem/info-category",
                            "code": "employment",
                        }
                    ]
                }
            ],
            note=[{"text": "Työkyvyn tuen tarve."}],
            reasonCode=[{"text": "Jatkopolku."}],
        )
        try:
            request.save()
        except OperationOutcome:
            continue  # no open case of theirs to refer from
        created = request
        break
    # then the referral is made: it reads back, and its Task says it is a draft
    assert created is not None and created.id
    task = fhir.reference("Task", created.id).to_resource()
    assert task["status"] == "draft"
    assert task["focus"]["reference"] == f"ServiceRequest/{created.id}"
    # given a PHQ-9 result recorded through the product's API in one of the coordinator's cases
    _client_id, case_id = open_cases(me)[0]
    recorded = me.post_json(
        f"/api/v1/assessments/cases/{case_id}/instruments",
        {"instrument": "phq9", "assessed_on": "2026-11-30",
         "answers": {f"q{i}": 1 for i in range(1, 10)}},
    )  # fmt: skip
    assert recorded.status_code == 201, recorded.text
    # and every type is searched (following the Bundle's next links) and its first match read
    for kind in types:
        found = fhir.resources(kind).limit(2).fetch()
        assert found, f"{kind}: the search found nothing"
        first = fhir.reference(kind, found[0].id).to_resource()
        assert first.id == found[0].id and first.resource_type == kind
    every = fhir.resources("ServiceRequest").limit(1).fetch_all()
    assert created.id in {r.id for r in every}
    by_patient = fhir.resources("ServiceRequest").search(patient=created["subject"]["reference"])
    assert created.id in {r.id for r in by_patient.fetch()}
    # and the result answers the PHQ-9 questionnaire, which carries its LOINC panel code
    result = fhir.reference("QuestionnaireResponse", str(recorded.json()["id"])).to_resource()
    assert result["questionnaire"].endswith("/Questionnaire/phq9")
    phq9 = fhir.resources("Questionnaire").search(code="http://loinc.org|44249-1").fetch()
    assert [q.id for q in phq9] == ["phq9"]
    # and what is not there is a FHIR 404
    try:
        fhir.reference("CarePlan", "999999999").to_resource()
        missing = False
    except ResourceNotFound:
        missing = True
    assert missing


def test_fhirpy_reads_with_an_integration_token_until_it_is_revoked(start_server, demo_db, workdir):
    # given a demo server, and a token of the county's system made with the CLI
    server = start_server()
    made = tukiverkko(
        ["api-token", "create", "--organisation", "paijat-hameen-hyvinvointialue", "--system", "fhirpy",
         "--scope", "read:cases,read:consents"],
        demo_db.url, cwd=workdir,
    )  # fmt: skip
    token_id, secret = made.stdout.split()[1], made.stdout.splitlines()[1].strip()
    fhir = SyncFHIRClient(f"{server.url}/fhir/R4", authorization=f"Bearer {secret}")
    # when fhirpy searches the case networks and reads the first one
    teams = fhir.resources("CareTeam").limit(2).fetch()
    # then the system sees its organisation's cases, people by id only
    assert teams, "the county's system sees its cases' networks"
    team = fhir.reference("CareTeam", teams[0].id).to_resource()
    assert all("display" not in p["member"] for p in team["participant"])
    fhir.resources("Consent").limit(2).fetch()  # its scope reads consents (maybe none)
    # and a type outside its scopes is refused
    refused = False
    try:
        fhir.resources("CarePlan").limit(1).fetch()
    except ForbiddenError:
        refused = True
    assert refused
    # when the token is revoked, it reads nothing
    tukiverkko(["api-token", "revoke", token_id], demo_db.url, cwd=workdir)
    revoked = False
    try:
        fhir.resources("CareTeam").limit(1).fetch()
    except AuthorizationError:
        revoked = True
    assert revoked
