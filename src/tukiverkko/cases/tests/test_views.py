import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases.models import Case, JournalEntry, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    an_organisation,
)
from tukiverkko.clients.models import Client
from tukiverkko.consent.models import Consent
from tukiverkko.demo.hetu import fictitious

pytestmark = pytest.mark.django_db


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def test_creating_a_client_opens_a_case_and_lands_on_the_client_page():
    # given a coordinator
    worker = a_professional(role=Role.WORK_ABILITY_COORDINATOR)
    http = logged_in(worker)
    code = fictitious(dt.date(1990, 1, 1), 955)
    # when the form is sent
    response = http.post(
        reverse("cases:create"),
        {"henkilotunnus": code, "first_name": "Ari", "last_name": "Aalto"},
    )
    # then the client page shows the masked code, not the full one
    client = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[client.pk])
    page = http.get(response["Location"])
    assert page.status_code == 200
    assert "010190-****" in page.content.decode()
    assert code not in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    assert Case.objects.get().responsible_worker == worker


def test_an_invalid_henkilotunnus_is_explained_in_finnish_and_nothing_saved():
    http = logged_in(a_professional())
    response = http.post(
        reverse("cases:create"),
        {"henkilotunnus": "010190-955X", "first_name": "A", "last_name": "B"},
    )
    assert response.status_code == 400
    assert "tarkistusmerkki" in response.content.decode()
    assert Client.objects.count() == 0


def test_the_full_henkilotunnus_shows_only_on_request_and_is_logged():
    worker = a_professional()
    case = a_case_in_phase(Phase.IDENTIFICATION, worker)
    http = logged_in(worker)
    response = http.post(reverse("cases:reveal", args=[case.client_id]), HTTP_HX_REQUEST="true")
    assert case.client.henkilotunnus in response.content.decode()
    assert (
        AccessLogEntry.objects.filter(
            what="henkilotunnus_reveal", user=worker, allowed=True
        ).count()
        == 1
    )


def test_phase_change_with_a_bad_date_says_what_is_wrong():
    worker = a_professional()
    case = a_case_in_phase(Phase.IMPLEMENTATION, worker)
    http = logged_in(worker)
    response = http.post(
        reverse("cases:phase", args=[case.pk]),
        {"to": "closed", "outcome": "studies", "closed_on": "31.2.2025", "version": case.version},
    )
    assert response.status_code == 400
    assert "p.k.vvvv" in response.content.decode()
    case.refresh_from_db()
    assert case.phase == Phase.IMPLEMENTATION


def test_two_professionals_editing_the_same_case_the_later_gets_a_conflict():
    # given two workers who both opened the case page (same version in their forms)
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    colleague = a_professional(org=an_organisation())
    a_member(case, colleague)  # the case-owning controller's professional in the network
    first, second = logged_in(worker), logged_in(colleague)
    version = case.version
    # when both save
    ok = first.post(
        reverse("cases:phase", args=[case.pk]), {"to": "joint_plan", "version": version}
    )
    late = second.post(
        reverse("cases:phase", args=[case.pk]), {"to": "identification", "version": version}
    )
    # then the first stands and the second is told clearly
    assert ok.status_code == 302
    assert late.status_code == 409
    assert "Toinen käyttäjä on muuttanut asiakkuutta" in late.content.decode()
    case.refresh_from_db()
    assert case.phase == Phase.JOINT_PLAN


def test_handover_request_and_accept_through_the_pages():
    worker = a_professional("antaja")
    receiver = a_professional(
        "saaja", org=an_organisation("tyollisyysalue"), role=Role.EMPLOYMENT_EXPERT
    )
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    # a professional outside the client's network is not offered; a forged choice is refused
    refused = logged_in(worker).post(
        reverse("cases:handover", args=[case.pk]), {"to_worker": receiver.pk, "reason": "x"}
    )
    assert refused.status_code == 400
    assert not case.handover_requests.exists()
    a_consent(case.client, worker, organisations=[receiver.organisation], categories=["employment"])
    a_member(case, receiver, role="TE")
    logged_in(worker).post(
        reverse("cases:handover", args=[case.pk]),
        {"to_worker": receiver.pk, "reason": "Työllisyys"},
    )
    http = logged_in(receiver)
    inbox = http.get(reverse("cases:mine"))
    assert str(case.client) in inbox.content.decode()
    req = case.handover_requests.get()
    http.post(reverse("cases:handover_accept", args=[req.pk]))
    case.refresh_from_db()
    assert case.responsible_worker == receiver
    assert str(case.client) in http.get(reverse("cases:mine")).content.decode()


def test_journal_entry_and_consent_through_the_pages():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    http = logged_in(worker)
    http.post(reverse("cases:journal", args=[case.pk]), {"category": "health", "text": "Kipuja."})
    assert JournalEntry.objects.get().text == "Kipuja."
    kela = an_organisation("kela")
    start = timezone.localdate() - dt.timedelta(days=10)
    end = start + dt.timedelta(days=365)
    response = http.post(
        reverse("consent:create", args=[case.client_id]),
        {
            "organisations": [kela.pk],
            "categories": ["health"],
            "purposes": ["information_exchange"],
            "form": "kela_y100",
            "signature_method": "handwritten",
            "evidence_reference": "Y100 nro 123",
            "valid_from": f"{start:%d.%m.%Y}",
            "valid_until": f"{end:%d.%m.%Y}",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.valid_until == end
    assert consent.evidence_reference == "Y100 nro 123"
    http.post(reverse("consent:revoke", args=[consent.pk]), {"channel": "phone"})
    consent.refresh_from_db()
    assert consent.revoked_by == worker


def test_consent_form_errors_are_finnish_and_nothing_saved():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    response = logged_in(worker).post(
        reverse("consent:create", args=[case.client_id]), {"form": "oral", "valid_from": "eilen"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "p.k.vvvv" in body
    assert Consent.objects.count() == 0


def test_step_7_then_toteutus_through_the_pages():
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = logged_in(worker)
    refused = http.post(
        reverse("cases:phase", args=[case.pk]), {"to": "implementation", "version": case.version}
    )
    assert refused.status_code == 400
    assert "kohta 7" in refused.content.decode()
    http.post(
        reverse("cases:checklist", args=[case.pk]),
        {"step": 7, "follow_up_by": worker.pk, "version": case.version},
    )
    case.refresh_from_db()
    ok = http.post(
        reverse("cases:phase", args=[case.pk]), {"to": "implementation", "version": case.version}
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.IMPLEMENTATION


def test_my_clients_is_paged_and_logs_only_the_clients_shown():
    # given a worker with 53 open cases
    worker = a_professional()
    for _ in range(53):
        a_case_in_phase(Phase.IDENTIFICATION, worker)
    http = logged_in(worker)
    before = AccessLogEntry.objects.filter(what="my_clients").count()
    # when the first and the second page are opened
    first = http.get(reverse("cases:mine"))
    after_first = AccessLogEntry.objects.filter(what="my_clients").count()
    second = http.get(reverse("cases:mine") + "?sivu=2")
    # then 50 then 3 clients are shown, and exactly those reads are logged
    assert len(re.findall(r'href="/asiakkaat/\d+/"', first.content.decode())) == 50
    assert after_first - before == 50
    assert "Sivu 2 / 2 (53 asiakkuutta)" in second.content.decode()
    assert AccessLogEntry.objects.filter(what="my_clients").count() - after_first == 3


def test_caseload_hand_over_through_the_page_sends_one_request_per_open_case():
    # given a leaving worker with two open cases and a colleague in the same organisation
    leaving = a_professional()
    colleague = a_professional()
    cases = [a_case_in_phase(Phase.IDENTIFICATION, leaving) for _ in range(2)]
    # when the page is sent
    response = logged_in(leaving).post(
        reverse("cases:caseload"),
        {"from_worker": leaving.pk, "to_worker": colleague.pk, "reason": "Eläkkeelle"},
    )
    # then each case waits for the colleague's acceptance
    assert response.status_code == 302
    for case in cases:
        assert case.handover_requests.get().to_worker == colleague
