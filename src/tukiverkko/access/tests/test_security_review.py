"""One test per finding of the security review (../shared/SECURITY-REVIEW.md, issue 8): each
reproduces the review's attack as an attacker holding a demo account would make it, and shows it
no longer gets through. Named after the finding (``test_c1_…``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.admin import OTPAdminSite

from tukiverkko.access import policy
from tukiverkko.accounts.models import Register, Role, User
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry, EventLogEntry
from tukiverkko.cases import actions
from tukiverkko.cases.models import JournalEntry, NetworkMember, Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_hetu,
    a_member,
    a_professional,
    a_unit,
    an_organisation,
)
from tukiverkko.clients.models import Client, ClientRelationship
from tukiverkko.consent.models import Consent

pytestmark = pytest.mark.django_db
ROOT = settings.BASE_DIR
HEALTH_TEXT = "SECTEST terveystieto: masennusdiagnoosi"
REASON_TEXT = "SECTEST perustelu: PHQ-9 = 19, vaikea masennus"


def logged_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.fixture
def w() -> dict[str, Any]:
    """The review's sandbox: a client of the county's health care (the nurse responsible, a
    health entry, a phase reason with health content), Kela and a town outside, a colleague of
    the nurse with no part in the case, a social-care worker of the same county."""
    county, kela, town = an_organisation(), an_organisation("kela"), an_organisation("heinola")
    health = a_unit(county, Register.HEALTH_CARE, "terveys")
    social = a_unit(county, Register.SOCIAL_CARE, "sosiaali")
    nurse = a_professional("terveydenhoitaja", unit=health, role=Role.UNEMPLOYED_HEALTH_NURSE)
    case = a_case_in_phase(Phase.IDENTIFICATION, nurse, first="Turvatesti", last="Asiakas")
    Client.objects.filter(pk=case.client_id).update(phone="040-SECTEST")
    actions.add_journal_entry(case=case, by=nurse, category="health", text=HEALTH_TEXT)
    case = actions.change_phase(
        case=case,
        to=Phase.JOINT_ASSESSMENT,
        by=nurse,
        reason=REASON_TEXT,
        expected_version=case.version,
    )
    return {
        "county": county,
        "kela": kela,
        "town": town,
        "nurse": nurse,
        "case": case,
        "client_id": case.client_id,
        "colleague": a_professional("toimintaterapeutti", unit=health, role=Role.DOCTOR),
        "social": a_professional("sosiaaliohjaaja", unit=social, role=Role.SOCIAL_INSTRUCTOR),
        "kela_expert": a_professional("kela", org=kela, role=Role.KELA_EXPERT),
        "youth": a_professional("nuoriso", org=town, role=Role.YOUTH_WORKER),
    }


def _kela_admitted(w: dict[str, Any]) -> NetworkMember:
    """The nurse records the client's Y100 consent for benefits information to Kela, and admits
    Kela's expert to the network (the rightful way in)."""
    a_consent(w["case"].client, w["nurse"], organisations=[w["kela"]], categories=["benefits"])
    return a_member(w["case"], w["kela_expert"], role="Kela")


def test_c1_typing_a_known_henkilotunnus_into_new_client_attaches_nobody(w):
    # given the sandbox client's henkilötunnus, known to the town's youth worker, to the county's
    # social care, to Kela's expert and to a catalogue editor
    code = Client.objects.get(pk=w["client_id"]).henkilotunnus
    editor = a_professional("toimittaja", org=w["county"], role=Role.CATALOGUE_EDITOR)
    for attacker in (w["youth"], w["social"]):
        http = logged_in(attacker)
        # when they type it into "new client" with made-up names
        response = http.post(
            reverse("cases:create"), {"henkilotunnus": code, "first_name": "x", "last_name": "y"}
        )
        # then they are told to ask for a referral or a consent, and nothing more
        assert response.status_code == 409
        body = response.content.decode()
        assert "toisen organisaation asiakas" in body and "Turvatesti" not in body
        # and the client stays closed to them, page, API and the full code alike
        assert http.get(reverse("cases:detail", args=[w["client_id"]])).status_code == 404
        assert http.post(f"/api/v1/clients/{w['client_id']}/henkilotunnus").status_code == 404
        # and the look-up is in the client's log with its purpose
        assert AccessLogEntry.objects.filter(
            user=attacker, client_id=w["client_id"], what="client_lookup_by_henkilotunnus"
        ).exclude(purpose="")
    assert ClientRelationship.objects.filter(client_id=w["client_id"]).count() == 1
    assert not NetworkMember.objects.filter(case__client_id=w["client_id"]).exists()
    # and Kela's expert and a catalogue editor may not take clients on at all
    for outsider in (w["kela_expert"], editor):
        response = logged_in(outsider).post(
            reverse("cases:create"), {"henkilotunnus": code, "first_name": "x", "last_name": "y"}
        )
        assert response.status_code == 403
    assert ClientRelationship.objects.filter(client_id=w["client_id"]).count() == 1


def test_c2_a_consent_made_by_the_receiver_unlocks_nothing_and_an_outsider_cannot_revoke(w):
    # given Kela's expert rightfully in the network, seeing no health entry
    _kela_admitted(w)
    http = logged_in(w["kela_expert"])
    assert (
        HEALTH_TEXT not in http.get(reverse("cases:detail", args=[w["client_id"]])).content.decode()
    )
    # when they record a "consent" for their own organisation, for every category
    response = http.post(
        reverse("consent:create", args=[w["client_id"]]),
        {
            "organisations": [w["kela"].pk],
            "categories": ["health", "social", "employment", "benefits", "education"],
            "purposes": ["information_exchange"],
            "form": "kela_y100",
            "signature_method": "handwritten",
            "evidence_reference": "Y100 nro 1",
            "valid_from": f"{timezone.localdate():%d.%m.%Y}",
        },
    )
    # then whatever it records is Kela's own disclosure, never the health care's ...
    for consent in Consent.objects.filter(recorded_by=w["kela_expert"]):
        assert consent.disclosing_organisation_id == w["kela"].pk
    assert response.status_code in {302, 400}
    # ... so the nurse's health entry stays hidden
    assert (
        HEALTH_TEXT not in http.get(reverse("cases:detail", args=[w["client_id"]])).content.decode()
    )
    # and someone with no relationship cannot revoke the nurse's consent
    nurse_consent = Consent.objects.get(recorded_by=w["nurse"])
    outsider = logged_in(w["youth"])
    assert (
        outsider.post(
            reverse("consent:revoke", args=[nurse_consent.pk]), {"channel": "phone"}
        ).status_code
        == 404
    )
    nurse_consent.refresh_from_db()
    assert nurse_consent.revoked_at is None


def test_h1_network_access_is_given_only_by_the_owner_under_a_consent_and_is_removable(w):
    # given Kela's expert in the network
    member = _kela_admitted(w)
    # when Kela's expert tries to admit the town's youth worker / then refused (not the owner)
    response = logged_in(w["kela_expert"]).post(
        reverse("cases:network", args=[w["case"].pk]),
        {"organisation": w["town"].pk, "user": w["youth"].pk, "role": "x"},
    )
    assert response.status_code == 403
    # and the nurse herself cannot admit the town without a consent naming it
    refused = logged_in(w["nurse"]).post(
        reverse("cases:network", args=[w["case"].pk]),
        {"organisation": w["town"].pk, "user": w["youth"].pk, "role": "x"},
    )
    assert refused.status_code == 400
    assert not policy.can_see_client(w["youth"], w["client_id"])
    # when the nurse removes Kela's expert / then their access ends at once
    ok = logged_in(w["nurse"]).post(reverse("cases:network_remove", args=[member.pk]))
    assert ok.status_code == 302
    assert (
        logged_in(w["kela_expert"]).get(reverse("cases:detail", args=[w["client_id"]])).status_code
        == 404
    )


def test_h2_another_organisations_member_writes_only_their_own_part(w):
    # given Kela's expert in the network
    _kela_admitted(w)
    http = logged_in(w["kela_expert"])
    case = w["case"]
    # when they try to steer the case: phase, hand-over to themself, the quick guide
    attempts = {
        "phase": http.post(
            reverse("cases:phase", args=[case.pk]), {"to": "follow_up", "version": case.version}
        ),
        "handover": http.post(
            reverse("cases:handover", args=[case.pk]),
            {"to_worker": w["kela_expert"].pk, "reason": "x"},
        ),
        "checklist": http.post(
            reverse("cases:checklist", args=[case.pk]), {"step": 1, "version": case.version}
        ),
        "api phase": http.post(
            f"/api/v1/clients/cases/{case.pk}/phase",
            {"to": "follow_up", "version": case.version},
            content_type="application/json",
        ),
    }
    # then every one is refused, and nothing changed
    assert {k: r.status_code for k, r in attempts.items()} == dict.fromkeys(attempts, 403)
    case.refresh_from_db()
    assert (case.phase, case.responsible_worker_id) == (Phase.JOINT_ASSESSMENT, w["nurse"].pk)
    assert not case.handover_requests.exists()
    # but their own journal entry is theirs, in Kela's part of the record
    http.post(reverse("cases:journal", args=[case.pk]), {"category": "benefits", "text": "Kela."})
    entry = JournalEntry.objects.get(text="Kela.")
    assert entry.organisation_id == w["kela"].pk


def test_h3_organisation_membership_and_the_other_register_open_nothing(w):
    # given the nurse's colleague (same unit, no part in the case) and the county's social care
    # worker admitted to the network without a consent covering health
    a_consent(
        w["case"].client,
        w["nurse"],
        organisations=[],
        units=[w["social"].unit],
        categories=["social"],
    )
    a_member(w["case"], w["social"], role="sosiaaliohjaus")
    # when the colleague opens the client / then 404: organisation membership gives nothing
    assert (
        logged_in(w["colleague"]).get(reverse("cases:detail", args=[w["client_id"]])).status_code
        == 404
    )
    assert not policy.clients_visible_to(w["colleague"]).exists()
    # and the social-care worker sees the client but not the health register's entry
    body = (
        logged_in(w["social"]).get(reverse("cases:detail", args=[w["client_id"]])).content.decode()
    )
    assert "Turvatesti" in body and HEALTH_TEXT not in body


def test_h4_reasons_contacts_and_the_full_henkilotunnus_follow_the_consent(w):
    # given Kela's expert in the network under a benefits-only consent
    _kela_admitted(w)
    http = logged_in(w["kela_expert"])
    body = http.get(reverse("cases:detail", args=[w["client_id"]])).content.decode()
    # then neither the phase reason with health content nor the contact details show
    assert REASON_TEXT not in body
    assert "040-SECTEST" not in body
    # and the full henkilötunnus is refused (403), logged
    assert http.post(reverse("cases:reveal", args=[w["client_id"]])).status_code == 403
    assert AccessLogEntry.objects.filter(
        user=w["kela_expert"], what="henkilotunnus_reveal", allowed=False
    ).exists()
    # while the nurse sees her own register's reason
    assert (
        REASON_TEXT
        in logged_in(w["nurse"])
        .get(reverse("cases:detail", args=[w["client_id"]]))
        .content.decode()
    )


def test_h5_the_admin_site_asks_for_the_second_factor_and_user_changes_are_audit_events(w):
    # given the test mode (not the demo): the admin site is django-otp's
    assert isinstance(admin.site, OTPAdminSite)
    boss = a_professional("paakayttaja", org=w["county"], role=Role.ADMINISTRATOR)
    boss.is_staff = boss.is_superuser = True
    boss.save()
    # when the administrator logs in with the password only / then the admin stays closed
    http = logged_in(boss)
    assert http.get("/admin/").status_code == 302
    assert http.get("/admin/otp_totp/totpdevice/add/").status_code == 302
    # and a change of a user made through the admin (second factor given) is a typed event
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=boss, name="puhelin", confirmed=True)
    session = http.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    target = w["colleague"]
    page = http.get(f"/admin/accounts/user/{target.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data |= {
        "role": Role.PSYCHIATRIC_NURSE,
        "date_joined_0": f"{target.date_joined:%Y-%m-%d}",
        "date_joined_1": f"{target.date_joined:%H:%M:%S}",
        "groups": [],
        "user_permissions": [],
        "unit": target.unit_id,
        "organisation": target.organisation_id,
    }
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = http.post(f"/admin/accounts/user/{target.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventLogEntry.objects.get(event="user_change")
    what, pk, fields = event.ref.split(":")
    assert (what, pk, event.user_id) == ("user", str(target.pk), boss.pk)
    assert "role" in fields.split(",")


def test_m1_a_likely_duplicate_elsewhere_tells_nothing_and_the_look_up_is_logged(w):
    # given the sandbox client, named and born as below, in the county only
    client = Client.objects.get(pk=w["client_id"])
    other_code = a_hetu(birth=client.birth_date)
    # when the town's youth worker types the same name and birth date with another code
    response = logged_in(w["youth"]).post(
        reverse("cases:create"),
        {"henkilotunnus": other_code, "first_name": "Turvatesti", "last_name": "Asiakas"},
    )
    # then no "same name exists" warning tells them the person is someone's client
    body = response.content.decode()
    assert "Samanniminen" not in body and "samanniminen" not in body
    # (they took on a new client of their own: a different person to the register)
    assert Client.objects.filter(first_name="Turvatesti").count() == 2


def test_m2_a_caseload_goes_only_to_a_professional_of_the_same_organisation(w):
    # given the county's coordinator
    coordinator = a_professional(
        "koordinaattori", org=w["county"], role=Role.WORK_ABILITY_COORDINATOR
    )
    http = logged_in(coordinator)
    # when they hand the nurse's caseload to Kela's expert
    response = http.post(
        reverse("cases:caseload"),
        {"from_worker": w["nurse"].pk, "to_worker": w["kela_expert"].pk, "reason": "x"},
    )
    # then it is refused and no request waits in Kela's inbox (no client names leak there)
    assert response.status_code == 400
    assert not w["case"].handover_requests.exists()
    inbox = logged_in(w["kela_expert"]).get(reverse("cases:mine")).content.decode()
    assert "Turvatesti" not in inbox


def test_m3_reads_have_a_purpose_refusals_are_logged_and_disclosures_name_their_source(w):
    # given Kela's expert in the network and a consent for health too
    _kela_admitted(w)
    a_consent(w["case"].client, w["nurse"], organisations=[w["kela"]], categories=["health"])
    http = logged_in(w["kela_expert"])
    # when they read the page, and an anonymous caller and an absent id are tried
    http.get(reverse("cases:detail", args=[w["client_id"]]), HTTP_X_REQUEST_ID="req-m3-00001")
    HttpClient().get(f"/api/v1/clients/{w['client_id']}")
    http.get("/api/v1/clients/999999")
    # then the read has its purpose, basis, request id and session reference
    read = AccessLogEntry.objects.get(user=w["kela_expert"], what="client_page", allowed=True)
    assert read.purpose == "information_exchange" and read.basis
    assert read.request_id == "req-m3-00001" and read.session_ref
    assert not AccessLogEntry.objects.filter(purpose="").exists()
    # and the 401 is logged (anonymous), and the absent id is in the DPO's overview
    assert AccessLogEntry.objects.filter(user__isnull=True, allowed=False).exists()
    dpo = a_professional("tietosuoja", org=w["county"], role=Role.DATA_PROTECTION)
    denials = logged_in(dpo).get("/api/v1/audit/denials").json()
    assert any("999999" in d["what"] for d in denials)
    # and the disclosure names the health care as the disclosing organisation and register
    disclosure = DisclosureLogEntry.objects.get(client_id=w["client_id"])
    assert disclosure.from_organisation_id == w["county"].pk
    assert disclosure.to_organisation_id == w["kela"].pk


def test_m4_every_response_has_a_strict_csp_and_a_permissions_policy(w):
    # when a client page, the API, the login page and the catalogue are fetched
    http = logged_in(w["nurse"])
    responses = [
        http.get(reverse("cases:detail", args=[w["client_id"]])),
        http.get(f"/api/v1/clients/{w['client_id']}"),
        HttpClient().get(reverse("accounts:login")),
        HttpClient().get("/"),
    ]
    # then each has a CSP without inline scripts and a Permissions-Policy
    for response in responses:
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "camera=()" in response["Permissions-Policy"]


def test_m5_the_client_gets_their_log_through_the_data_protection_officer(w):
    # given reads of the client by the nurse
    logged_in(w["nurse"]).get(reverse("cases:detail", args=[w["client_id"]]))
    dpo = a_professional("tietosuoja", org=w["county"], role=Role.DATA_PROTECTION)
    # when the officer exports the client's log / then it is a CSV naming who read it
    response = logged_in(dpo).get(reverse("audit:client_log_export", args=[w["client_id"]]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "terveydenhoitaja" in text and "client_page" in text
    assert "no-store" in response["Cache-Control"]
    # and nobody else may export it
    assert (
        logged_in(w["nurse"])
        .get(reverse("audit:client_log_export", args=[w["client_id"]]))
        .status_code
        == 403
    )


def test_l1_huge_ids_offsets_and_bodies_answer_400_or_413_not_500(w):
    http = logged_in(w["nurse"])
    huge = "99999999999999999999"
    # a huge organisation id in the consent form
    form = http.post(
        reverse("consent:create", args=[w["client_id"]]),
        {"organisations": huge, "categories": "health", "purposes": "information_exchange"},
    )
    assert form.status_code == 400
    # a huge offset on the clients API
    offset = http.get(f"/api/v1/clients/?offset={huge}&limit=5")
    assert offset.status_code in {400, 422}
    assert "offset" in offset.content.decode()
    # a 3 MB body on the journal API
    body = http.post(
        f"/api/v1/clients/cases/{w['case'].pk}/journal",
        json.dumps({"category": "health", "text": "x" * 3_000_000}),
        content_type="application/json",
    )
    assert body.status_code == 413
    assert "body" in body.content.decode()


def test_l2_the_demo_runs_with_debug_off_and_finnish_error_pages(w):
    # given the demo mode's settings in a fresh interpreter
    env = {**os.environ, "TUKIVERKKO_ENV": "demo", "PYTHONPATH": str(ROOT / "src")}
    env.pop("PYTEST_VERSION", None)
    env.pop("DJANGO_DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", "import tukiverkko.settings as s; print(s.DEBUG)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    # then DEBUG is off, and a client one may not see is the site's own Finnish 404 page
    assert out.stdout.strip() == "False"
    response = logged_in(w["youth"]).get(reverse("cases:detail", args=[w["client_id"]]))
    body = response.content.decode()
    assert response.status_code == 404 and "URLconf" not in body and "Sivua ei löydy" in body


def test_l3_free_text_is_limited_and_a_consent_cannot_start_a_century_ahead(w):
    http = logged_in(w["nurse"])
    # when a 200 000-character journal entry is posted / then refused, nothing saved
    response = http.post(
        reverse("cases:journal", args=[w["case"].pk]), {"category": "health", "text": "x" * 200_000}
    )
    assert response.status_code == 400
    assert not JournalEntry.objects.filter(text__startswith="xxxx").exists()
    # and an oral consent starting in 2126 is refused
    consent = http.post(
        reverse("consent:create", args=[w["client_id"]]),
        {
            "organisations": [w["kela"].pk],
            "categories": ["benefits"],
            "purposes": ["information_exchange"],
            "form": "oral",
            "signature_method": "oral_recorded",
            "valid_from": "1.12.2126",
        },
    )
    assert consent.status_code == 400
    assert not Consent.objects.filter(valid_from__year=2126).exists()


@override_settings(AXES_ENABLED=True)
def test_l4_the_lockout_is_per_username_whatever_the_address(w):
    # given wrong passwords for one user spread over five addresses
    user = w["nurse"]
    user.set_password("oikea-salasana-123")
    user.save()
    url = reverse("accounts:login")
    for i in range(settings.AXES_FAILURE_LIMIT):
        HttpClient(REMOTE_ADDR=f"10.0.0.{i + 1}").post(
            url, {"username": user.username, "password": "väärä"}
        )
    # when the right password comes from a sixth address / then it is still locked out
    response = HttpClient(REMOTE_ADDR="10.0.0.99").post(
        url, {"username": user.username, "password": "oikea-salasana-123"}
    )
    assert response.status_code == 429


@override_settings(REQUIRE_2FA=True)
def test_l5_the_audit_api_asks_for_the_second_factor_like_its_page(w):
    # given the data-protection officer logged in with the password only
    dpo = a_professional("tietosuoja", org=w["county"], role=Role.DATA_PROTECTION)
    http = logged_in(dpo)
    # when they call the audit API / then 401, logged
    response = http.get(f"/api/v1/audit/clients/{w['client_id']}/access-log")
    assert response.status_code == 401
    assert AccessLogEntry.objects.filter(user=dpo, allowed=False).exists()


def test_l6_the_declared_purpose_is_logged_and_switches_only_what_its_consents_cover(w):
    # given Kela's expert in the network and a health consent for information exchange only
    _kela_admitted(w)
    a_consent(w["case"].client, w["nurse"], organisations=[w["kela"]], categories=["health"])
    http = logged_in(w["kela_expert"])
    # when they declare another purpose
    body = http.get(
        reverse("cases:detail", args=[w["client_id"]]), {"tarkoitus": "planning_without_client"}
    ).content.decode()
    # then the health entry stays hidden and the purpose they declared is in the log
    assert HEALTH_TEXT not in body
    assert AccessLogEntry.objects.filter(
        user=w["kela_expert"], what="client_page", purpose="planning_without_client"
    ).exists()


def test_l7_production_refuses_to_start_without_the_audit_hmac_key(tmp_path):
    empty_env_file = tmp_path / ".env"
    empty_env_file.write_text("")
    env = {
        **os.environ,
        "TUKIVERKKO_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "TUKIVERKKO_FIELD_KEY": "ZGVwbG95LWNoZWNrLWtleS0tMzItYnl0ZXMtbG9uZyE=",
        "DJANGO_ALLOWED_HOSTS": "tukiverkko.example.fi",
        "PYTHONPATH": str(ROOT / "src"),
        "TUKIVERKKO_ENV_FILE": str(empty_env_file),
    }
    for name in ("PYTEST_VERSION", "TUKIVERKKO_AUDIT_HMAC_KEY", "TUKIVERKKO_AUDIT_HMAC_KEY_FILE"):
        env.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-c", "import tukiverkko.settings"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "TUKIVERKKO_AUDIT_HMAC_KEY" in out.stderr


def test_l8_screening_results_are_no_store_and_bidi_overrides_are_refused(w):
    # when a PHQ-9 is scored anonymously / then the result is never cached
    response = HttpClient().post(reverse("screening:instrument", args=["phq9"]), {})
    assert "no-store" in response["Cache-Control"]
    # and a journal entry with a right-to-left override is refused, naming the field
    http = logged_in(w["nurse"])
    refused = http.post(
        reverse("cases:journal", args=[w["case"].pk]),
        {"category": "health", "text": "maksu \u202eTEKSTI"},
    )
    assert refused.status_code == 400
    assert not JournalEntry.objects.filter(text__contains="\u202e").exists()
    # and the network form offers only the county's own professionals, not a user directory
    # (the client page loads the form on demand: its overview links to it, the fragment offers it)
    page = http.get(reverse("cases:detail", args=[w["client_id"]])).content.decode()
    form_url = reverse("cases:network_form", args=[w["case"].pk])
    assert form_url in page
    form = http.get(form_url).content.decode()
    assert str(w["colleague"]) in form
    assert str(w["kela_expert"]) not in form and str(w["youth"]) not in form
