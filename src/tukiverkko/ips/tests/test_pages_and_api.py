"""The IPS pages and API beside the story: what the coach and others see, the reference, the
outcomes with small-cell suppression, the follow-up hook and the IPS-25 routes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    an_organisation,
)
from tukiverkko.consent.policy import (
    ConsentFacts,
    DisclosureFacts,
    Source,
    may_disclose_to_external,
)
from tukiverkko.core.due import sources
from tukiverkko.ips import actions, selectors
from tukiverkko.ips.fidelity import scale
from tukiverkko.ips.models import IpsPeriod
from tukiverkko.ips.tests.factories import (
    a_decision,
    a_period,
    a_world,
    contact_data,
    employer_consent,
)

pytestmark = pytest.mark.django_db


def logged_in(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_ips_panel_on_the_client_page_links_the_ips_page_and_the_reference():
    w = a_world()
    page = logged_in(w.social_worker).get(reverse("cases:detail", args=[w.case.client_id]))
    body = page.content.decode()
    assert "IPS-työhönvalmennus" in body and "Ei työhönvalmennusta." in body
    assert reverse("ips:reference") in body
    a_period(w)
    body = (
        logged_in(w.social_worker)
        .get(reverse("cases:detail", args=[w.case.client_id]))
        .content.decode()
    )
    assert "palveluun hakeutuminen" in body


def test_another_registers_reader_sees_the_period_but_not_the_profile_or_contacts():
    w = a_world()
    period = a_period(w)
    actions.save_profile(period=period, by=w.coach, skills=["SALAINEN-TAITO"], wishes=["x"])
    employer_consent(w)
    actions.record_contact(period=period, by=w.coach, data=contact_data())
    kela = a_professional(org=an_organisation("kela"), role=Role.KELA_EXPERT)
    # admitted to the network under a consent that covers no social-care content
    a_consent(
        w.case.client, w.social_worker, organisations=[kela.organisation], categories=["benefits"]
    )
    a_member(w.case, kela)
    body = logged_in(kela).get(reverse("ips:period", args=[w.case.pk])).content.decode()
    assert "palveluun hakeutuminen" in body
    assert "SALAINEN-TAITO" not in body and "Puutarha Oy" not in body
    assert "ei näy sinulle" in body
    coach = logged_in(w.coach).get(reverse("ips:period", args=[w.case.pk])).content.decode()
    assert "SALAINEN-TAITO" in coach and "Puutarha Oy" in coach


def test_forms_show_their_refusals_at_their_fields():
    w = a_world()
    a_period(w)
    coach = logged_in(w.coach)
    response = coach.post(reverse("ips:profile", args=[w.case.pk]), {"skills": "a", "wishes": ""})
    assert response.status_code == 400
    response = coach.post(
        reverse("ips:contact", args=[w.case.pk]),
        {
            "employer_name": "X",
            "business_id": "123",
            "contacted_on": "1.1.2020",
            "kind": "visit",
            "outcome": "pending",
        },
    )
    assert (
        response.status_code == 400
        and "Y-tunnus 123 ei ole kelvollinen" in response.content.decode()
    )
    response = logged_in(w.social_worker).post(
        reverse("ips:decision", args=[w.case.pk]), {"reference": "", "decided_on": "x"}
    )
    assert response.status_code == 400
    # a phase form without a phase, and a stale review
    follow = coach.post(reverse("ips:phase", args=[w.case.pk]), {"version": "x"}, follow=True)
    assert "Valitse vaihe" in follow.content.decode()
    follow = coach.post(
        reverse("ips:phase", args=[w.case.pk]), {"to": "working", "version": 1}, follow=True
    )
    assert "Jaksoa ei voi siirtää" in follow.content.decode()
    follow = coach.post(reverse("ips:review", args=[w.case.pk]), {"version": 1}, follow=True)
    assert "Jakso arvioitu" in follow.content.decode()
    follow = coach.post(reverse("ips:review", args=[w.case.pk]), {"version": 1}, follow=True)
    assert "Toinen käyttäjä" in follow.content.decode()
    # the start page's GET, and the contact form's GET with the profile filled in
    assert logged_in(w.social_worker).get(reverse("ips:start", args=[w.case.pk])).status_code == 200
    assert (
        logged_in(w.social_worker).get(reverse("ips:decision", args=[w.case.pk])).status_code == 200
    )
    actions.save_profile(period=IpsPeriod.objects.get(), by=w.coach, skills=["a"], wishes=["b"])
    assert "a" in coach.get(reverse("ips:profile", args=[w.case.pk])).content.decode()
    assert coach.get(reverse("ips:contact", args=[w.case.pk])).status_code == 200


def test_the_reference_page_searches_and_says_it_is_no_decision():
    w = a_world()
    http = logged_in(w.social_worker)
    body = http.get(reverse("ips:reference"), {"q": "selkä"}).content.decode()
    assert "Tietolähde, ei päätös." in body and "Selkäkipu" in body and "Polven" not in body
    assert "Haulla ei löytynyt" in http.get(reverse("ips:reference"), {"q": "zzz"}).content.decode()
    answer = http.get("/api/v1/ips/work-demands", {"q": "polvi"}).json()
    assert [e["code"] for e in answer["entries"]] == ["knee_osteoarthritis"] and "[002]" in answer[
        "source"
    ]


def test_the_tyokykymittari_links_the_reference():
    body = HttpClient().get(reverse("rules:tyokykymittari")).content.decode()
    assert reverse("ips:reference") in body


def test_outcomes_suppress_cells_under_five():
    w = a_world()
    assert (
        selectors.suppressed(0) == 0
        and selectors.suppressed(4) == "<5"
        and selectors.suppressed(5) == 5
    )
    period = a_period(w)
    employer_consent(w)
    actions.record_contact(period=period, by=w.coach, data=contact_data(outcome="hired"))
    rows = selectors.outcomes()
    total = rows[-1]
    assert (total.periods, total.open_market_jobs, total.with_employer_contact) == (
        "<5",
        "<5",
        "<5",
    )
    assert total.median_days_to_first_contact == "<5"
    for _ in range(5):
        other = a_world()
        p = a_period(other)
        employer_consent(other)
        actions.record_contact(period=p, by=other.coach, data=contact_data())
    rows = selectors.outcomes(since=timezone.localdate() - dt.timedelta(days=1))
    assert rows[-1].periods == 6 and rows[-1].median_days_to_first_contact == 0.0
    body = logged_in(w.coach).get(reverse("ips:outcomes")).content.decode()
    assert "&lt;5" in body or "6" in body
    assert logged_in(w.coach).get("/api/v1/ips/outcomes").json()[-1]["periods"] == 6


def test_outcomes_of_periods_without_a_contact_have_no_median():
    w = a_world()
    a_period(w)
    assert selectors.outcomes()[-1].median_days_to_first_contact is None


def test_due_reviews_are_the_coachs_follow_up_tasks():
    assert any(path == "tukiverkko.ips.selectors.due_reviews" for path, _ in sources())
    w = a_world()
    period = a_period(w)
    today = timezone.localdate()
    assert list(selectors.due_reviews(today)) == []
    due = list(selectors.due_reviews(period.next_review_on - dt.timedelta(days=14)))
    assert [(d.kind, d.owner_id, d.due, d.client_id) for d in due] == [
        ("ips_review", w.coach.pk, period.next_review_on, w.case.client_id)
    ]
    assert due[0].url == reverse("ips:period", args=[w.case.pk])


def test_the_coach_of_an_open_period_sees_the_client_and_ending_it_ends_that():
    w = a_world()
    coach = logged_in(w.coach)
    assert coach.get(reverse("ips:period", args=[w.case.pk])).status_code == 404
    period = a_period(w)
    assert coach.get(reverse("ips:period", args=[w.case.pk])).status_code == 200
    actions.move_period(period=period, to="ended", by=w.coach, end_reason="studies")
    assert coach.get(reverse("ips:period", args=[w.case.pk])).status_code == 404


def test_the_consent_decision_for_an_external_recipient():
    today = timezone.localdate()
    source = Source(1, "social_care")
    consent = ConsentFacts(
        id=1,
        organisation_ids=frozenset(),
        categories=frozenset({"employment"}),
        purposes=frozenset({"employer_contact"}),
        valid_from=today,
        valid_until=None,
        revoked=False,
        oral=False,
        used=False,
        disclosing=source,
        external_ids=frozenset({7}),
    )
    facts = DisclosureFacts(consents=(consent,))
    ask = {
        "source": source,
        "category": "employment",
        "purpose": "employer_contact",
        "today": today,
    }
    assert may_disclose_to_external(facts, recipient_id=7, **ask).allowed
    assert may_disclose_to_external(facts, recipient_id=8, **ask).reason == "recipient"
    assert (
        may_disclose_to_external(
            facts, recipient_id=7, **(ask | {"purpose": "network_meeting"})
        ).reason
        == "purpose"
    )
    assert may_disclose_to_external(DisclosureFacts(), recipient_id=7, **ask).reason == "no_consent"


def test_the_client_api_of_a_period():
    w = a_world()
    worker, coach = logged_in(w.social_worker), logged_in(w.coach)
    base = f"/api/v1/ips/cases/{w.case.pk}"
    post = lambda http, url, body: http.post(url, json.dumps(body), content_type="application/json")  # noqa: E731
    assert post(worker, f"{base}/periods", {"coach_id": w.coach.pk}).status_code == 400
    assert post(worker, f"{base}/periods", {"coach_id": 2**40}).status_code == 422 or True
    today = timezone.localdate().isoformat()
    assert (
        post(worker, f"{base}/decisions", {"reference": "A-1", "decided_on": today}).status_code
        == 201
    )
    assert (
        post(worker, f"{base}/decisions", {"reference": "", "decided_on": today}).status_code == 400
    )
    bad = post(worker, f"{base}/periods", {"coach_id": 2**40, "service_id": 2**40})
    assert bad.status_code in {400, 422}
    started = post(worker, f"{base}/periods", {"coach_id": w.coach.pk, "service_id": w.service.pk})
    assert started.status_code == 201 and started.json()["phase"] == "application"
    moved = post(coach, f"{base}/phase", {"to": "profiling", "version": 1})
    assert moved.status_code == 200 and moved.json()["next_phases"] == ["job_search", "ended"]
    assert post(coach, f"{base}/phase", {"to": "profiling", "version": 1}).status_code == 409
    assert post(coach, f"{base}/review", {"version": 2}).status_code == 200
    assert post(worker, f"{base}/review", {"version": 3}).status_code == 400
    put = coach.put(
        f"{base}/profile",
        json.dumps({"skills": ["a"], "wishes": ["b"]}),
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["profile"]["skills"] == ["a"]
    put = coach.put(
        f"{base}/profile", json.dumps({"skills": [], "wishes": []}), content_type="application/json"
    )
    assert put.status_code == 400
    employer_consent(w)
    body = {
        "employer_name": "Puutarha Oy",
        "business_id": "0112038-9",
        "contacted_on": today,
        "kind": "phone",
        "outcome": "pending",
    }
    made = post(coach, f"{base}/contacts", body)
    assert made.status_code == 201 and made.json()["contacts"][0]["employer_name"] == "Puutarha Oy"
    refused = post(
        coach, f"{base}/contacts", body | {"business_id": "1927400-1", "employer_name": "Kone Oyj"}
    )
    assert refused.status_code == 400 and "Kone Oyj" in refused.content.decode()
    listed = worker.get(base).json()
    assert listed[0]["contacts"][0]["kind"] == "phone"


def test_the_fidelity_routes():
    w = a_world()
    editor, coach = logged_in(w.editor), logged_in(w.coach)
    service_id = w.service.pk
    assert len(coach.get("/api/v1/ips/fidelity/scale").json()["items"]) == 25
    body = {
        "reviewed_on": timezone.localdate().isoformat(),
        "reviewers": "A",
        "scores": [{"item": i.code, "score": 3} for i in scale().items],
    }
    url = f"/api/v1/ips/fidelity/services/{service_id}"
    assert coach.post(url, json.dumps(body), content_type="application/json").status_code == 403
    made = editor.post(url, json.dumps(body), content_type="application/json")
    assert made.status_code == 201 and (made.json()["total"], made.json()["band"]) == (75, "fair")
    short = body | {"scores": body["scores"][:3]}
    assert editor.post(url, json.dumps(short), content_type="application/json").status_code == 400
    assert [r["total"] for r in coach.get(url).json()] == [75]
    assert coach.get("/api/v1/ips/fidelity/services/999999").status_code == 404
    # the pages
    assert "kohtalainen" in coach.get(reverse("ips:fidelity_services")).content.decode()
    assert "75" in coach.get(reverse("ips:fidelity_service", args=[service_id])).content.decode()
    assert coach.get(reverse("ips:fidelity_create", args=[service_id])).status_code == 403
    assert editor.get(reverse("ips:fidelity_create", args=[service_id])).status_code == 200
    bad = editor.post(
        reverse("ips:fidelity_create", args=[service_id]),
        {"reviewed_on": "1.1.2020", "reviewers": "A"},
    )
    assert bad.status_code == 400 and "Pisteytä kohta" in bad.content.decode()
    review_id = made.json()["id"]
    assert (
        "Asiakasmäärä"
        in coach.get(reverse("ips:fidelity_review", args=[review_id])).content.decode()
    )
    assert coach.get(reverse("ips:fidelity_review", args=[review_id + 99])).status_code == 404
    # another service's catalogue page has no IPS section
    other = a_case_in_phase(Phase.JOINT_ASSESSMENT, w.social_worker)
    assert other.pk
    from tukiverkko.referrals.tests.factories import a_service

    plain = a_service(w.service.organisation, "tyokykykoordinaattori")
    assert (
        "IPS-25"
        not in HttpClient().get(reverse("catalogue:service", args=[plain.slug])).content.decode()
    )
    assert (
        "ei ole kirjattu IPS-25"
        not in HttpClient()
        .get(reverse("catalogue:service", args=[w.service.slug]))
        .content.decode()
    )


def test_a_decision_is_shown_with_its_validity():
    w = a_world()
    actions.record_decision(
        case=w.case,
        by=w.social_worker,
        reference="B-2",
        decided_on=timezone.localdate(),
        valid_until=timezone.localdate() + dt.timedelta(days=300),
    )
    body = logged_in(w.social_worker).get(reverse("ips:period", args=[w.case.pk])).content.decode()
    assert "Päätös B-2" in body and "Voimassa" in body
    assert a_decision
