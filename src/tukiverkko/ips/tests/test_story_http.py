"""The IPS story through the pages with django.test.Client — the twin of test_e2e_story that
runs on PostgreSQL too (/work/wt/pgtest.sh).

A client with a social-care decision enters IPS; the coach records the profile; a consent for
one employer is recorded; the contact with that employer is logged as a disclosure, and a
contact with another employer is refused; a fidelity review of the Varha IPS service is entered
and its band shows on the catalogue page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.ips.models import EmployerContact, FidelityReview, IpsPeriod, IpsPhase
from tukiverkko.ips.tests.story import (
    EMPLOYER,
    OTHER_EMPLOYER,
    RESTRICTIONS,
    SKILLS,
    VARHA_IPS,
    WISHES,
    fidelity_scores,
    ips_world,
)

pytestmark = pytest.mark.django_db


def finnish(day: Any) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def logged_in(user: Any) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def follow(http: HttpClient, url: str, data: dict[str, Any]) -> str:
    response = http.post(url, data, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    assert response.status_code == 200
    return response.content.decode()


def refused(http: HttpClient, url: str, data: dict[str, Any]) -> str:
    response = http.post(url, data)
    assert response.status_code == 400, response.status_code
    return response.content.decode()


def test_the_ips_story_over_http():
    w = ips_world()
    today = finnish(timezone.localdate())
    case = w.case
    worker = logged_in(w.social_worker)

    # Without the social-care decision the client cannot enter IPS.
    start = reverse("ips:start", args=[case.pk])
    body = refused(worker, start, {"coach": w.coach.pk, "service": w.service.pk})
    assert "edellyttää ensin: Sosiaalihuollon päätös" in body

    # The social worker records the decision; now the client enters IPS with the coach.
    follow(
        worker, reverse("ips:decision", args=[case.pk]), {"reference": "SOS-1", "decided_on": today}
    )
    body = follow(worker, start, {"coach": w.coach.pk, "service": w.service.pk})
    assert "Työhönvalmennusjakso alkoi." in body
    period = IpsPeriod.objects.get(case=case)
    assert period.phase == IpsPhase.APPLICATION

    # The coach (who sees the client as the period's coach) moves to profiling and records
    # the vocational profile.
    coach = logged_in(w.coach)
    page = coach.get(reverse("ips:period", args=[case.pk])).content.decode()
    assert "palveluun hakeutuminen" in page
    follow(coach, reverse("ips:phase", args=[case.pk]), {"to": "profiling", "version": 1})
    body = follow(
        coach,
        reverse("ips:profile", args=[case.pk]),
        {"skills": SKILLS, "wishes": WISHES, "restrictions": RESTRICTIONS},
    )
    assert "Ammatillinen profiili tallennettu." in body and "kassatyö" in body

    # The client's consent for one employer, recorded by the coach.
    body = follow(
        coach,
        reverse("consent:create", args=[case.client_id]),
        {
            "employer_name": EMPLOYER[0],
            "employer_business_id": EMPLOYER[1],
            "categories": ["employment"],
            "purposes": ["employer_contact"],
            "form": "regional_form",
            "signature_method": "handwritten",
            "evidence_reference": "VARHA-SUOST-7",
            "valid_from": today,
        },
    )
    assert "Suostumus kirjattu." in body

    # The contact with that employer is recorded and logged as a disclosure ...
    follow(coach, reverse("ips:phase", args=[case.pk]), {"to": "job_search", "version": 2})
    contact = reverse("ips:contact", args=[case.pk])
    form = {"contacted_on": today, "kind": "visit", "outcome": "interview", "note": "Haastattelu"}
    body = follow(coach, contact, form | {"employer_name": EMPLOYER[0], "business_id": EMPLOYER[1]})
    assert "luovutus työnantajalle lokitettu" in body
    entry = DisclosureLogEntry.objects.get(what__startswith="ips_employer_contact:")
    assert EMPLOYER[0] in entry.to_organisation_name and entry.purpose == "employer_contact"

    # ... and the contact with another employer is refused, naming it.
    body = refused(
        coach,
        contact,
        form | {"employer_name": OTHER_EMPLOYER[0], "business_id": OTHER_EMPLOYER[1]},
    )
    assert "Kone Oyj (1927400-1) ei voi ottaa yhteyttä" in body
    assert EmployerContact.objects.count() == 1

    # The catalogue editor enters the fidelity review of the Varha IPS service ...
    editor = logged_in(w.editor)
    body = follow(
        editor,
        reverse("ips:fidelity_create", args=[w.service.pk]),
        {"reviewed_on": today, "reviewers": "Arvioijat A ja B", **fidelity_scores(4)},
    )
    assert "100 pistettä, hyvä (100–114)" in body
    assert FidelityReview.objects.get().total == 100

    # ... and its band shows on the service's catalogue page (for anyone).
    page = HttpClient().get(reverse("catalogue:service", args=[VARHA_IPS])).content.decode()
    assert "IPS-25-laatuarviointi" in page and "Hyvä (100–114)" in page
