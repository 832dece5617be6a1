"""The assessment pages: the panel on the client page, each form with its Finnish errors and
nothing saved, and another organisation's professional kept out (404)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.assessments import actions
from tukiverkko.assessments.models import (
    HealthCheck,
    HealthCheckStep,
    IdentifiedBy,
    InstrumentAssessment,
    NeedsAssessment,
)
from tukiverkko.assessments.tests.factories import (
    PHQ9_ANSWERS,
    a_doctor_of,
    a_health_case,
    a_nurse,
    a_social_worker_of,
)
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    an_organisation,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _date(day=None):
    return (day or TODAY()).strftime("%-d.%-m.%Y")


def test_the_client_page_shows_the_assessments_panel_with_its_links():
    case, nurse = a_health_case()
    actions.record_instrument_result(
        case=case, by=nurse, instrument="phq9", answers=PHQ9_ANSWERS, assessed_on=TODAY()
    )
    page = logged_in(nurse).get(reverse("cases:detail", args=[case.client_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="assessments-h"' in html
    assert "PHQ-9" in html
    assert reverse("assessments:health_check_open", args=[case.pk]) in html
    assert reverse("assessments:instrument", args=[case.pk]) + "?mittari=gad7" in html


def test_an_instrument_is_recorded_through_its_form():
    case, nurse = a_health_case()
    http = logged_in(nurse)
    url = reverse("assessments:instrument", args=[case.pk]) + "?mittari=phq9"
    form = http.get(url)
    assert form.status_code == 200
    assert 'name="q9"' in form.content.decode()
    response = http.post(
        url, {"assessed_on": _date(), **{k: str(v) for k, v in PHQ9_ANSWERS.items()}}
    )
    assert response.status_code == 302
    row = InstrumentAssessment.objects.get()
    assert (row.instrument, row.score) == ("phq9", 9)


def test_a_missing_answer_is_named_and_the_other_answers_are_kept():
    case, nurse = a_health_case()
    answers = {k: str(v) for k, v in PHQ9_ANSWERS.items() if k != "q2"}
    response = logged_in(nurse).post(
        reverse("assessments:instrument", args=[case.pk]) + "?mittari=phq9",
        {"assessed_on": _date(), **answers},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kohta 2: vastaus puuttuu. Valitse yksi vaihtoehdoista." in html
    assert 'name="q1" value="1" checked' in html
    assert not InstrumentAssessment.objects.exists()


def test_a_bad_date_is_named_in_finnish():
    case, nurse = a_health_case()
    response = logged_in(nurse).post(
        reverse("assessments:instrument", args=[case.pk]) + "?mittari=phq9",
        {"assessed_on": "32.13.2026", **{k: str(v) for k, v in PHQ9_ANSWERS.items()}},
    )
    assert response.status_code == 400
    assert "p.k.vvvv" in response.content.decode()
    assert not InstrumentAssessment.objects.exists()


def test_an_unknown_instrument_is_404():
    case, nurse = a_health_case()
    response = logged_in(nurse).get(
        reverse("assessments:instrument", args=[case.pk]) + "?mittari=nope"
    )
    assert response.status_code == 404


def test_another_organisations_professional_gets_404_everywhere():
    case, nurse = a_health_case()
    check = actions.open_health_check(case=case, by=nurse, identified_by=IdentifiedBy.CLIENT)
    outsider = logged_in(a_nurse(an_organisation("toinen")))
    for url in (
        reverse("assessments:instrument", args=[case.pk]) + "?mittari=phq9",
        reverse("assessments:health_check_open", args=[case.pk]),
        reverse("assessments:health_check", args=[check.pk]),
        reverse("assessments:needs_assessment", args=[case.pk]),
        reverse("assessments:coordinator", args=[case.pk]),
    ):
        assert outsider.get(url).status_code == 404, url
        assert outsider.post(url, {}).status_code in (404, 405), url
    assert HealthCheck.objects.count() == 1


def test_the_health_check_path_through_the_pages():
    # given a health-care case
    case, nurse = a_health_case()
    http = logged_in(nurse)
    te = an_organisation("te-toimisto")
    # when the nurse records the need identified by the employment authority
    response = http.post(
        reverse("assessments:health_check_open", args=[case.pk]),
        {"identified_by": "employment_authority", "referrer_organisation": te.pk},
    )
    check = HealthCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:health_check", args=[check.pk])
    # and her broad check finds a need for a closer assessment
    page = http.get(response["Location"])
    assert "Terveydenhoitajan laaja terveystarkastus" in page.content.decode()
    response = http.post(
        reverse("assessments:health_check", args=[check.pk]),
        {
            "checked_on": _date(),
            "summary": "Selkäkipua.",
            "mental_health_and_substance_assessed": "on",
            "further_assessment_needed": "true",
            "version": check.version,
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.step == HealthCheckStep.NURSE_CHECKED
    # then the doctor records the check with its outcomes
    # (the doctor of the same health-care register joins the client's network)
    doctor_user = a_doctor_of(nurse.organisation)
    a_member(case, doctor_user, by=nurse)
    doctor = logged_in(doctor_user)
    page = doctor.get(reverse("assessments:health_check", args=[check.pk]))
    assert "Lääkärin tarkastus" in page.content.decode()
    response = doctor.post(
        reverse("assessments:health_check", args=[check.pk]),
        {
            "checked_on": _date(),
            "summary": "Kartoitus.",
            "remaining_work_ability": "Osittainen.",
            "outcomes": ["rehabilitation", "network_work"],
            "version": check.version,
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.outcomes == ["rehabilitation", "network_work"]
    done = doctor.get(reverse("assessments:health_check", args=[check.pk])).content.decode()
    assert "ohjaus kuntoutukseen, verkostotyön käynnistäminen" in done
    # and what the outcomes made is on the page: the plan's new actions, and no rehabilitation
    # offering in the catalogue for the client's municipality
    assert "Tulosten toimenpiteet, suunnitelman versio 2" in done
    assert "Palvelutietovarannossa ei ole tätä palvelua asiakkaan kunnassa" in done
    # and a further POST is refused without a change
    again = doctor.post(reverse("assessments:health_check", args=[check.pk]), {})
    assert again.status_code == 400
    assert "Terveystarkastus on jo valmis." in again.content.decode()


def test_a_refused_step_shows_the_field_error_and_saves_nothing():
    case, nurse = a_health_case()
    check = actions.open_health_check(case=case, by=nurse, identified_by=IdentifiedBy.CLIENT)
    response = logged_in(nurse).post(
        reverse("assessments:health_check", args=[check.pk]),
        {"checked_on": _date(), "summary": "x", "version": check.version},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Terveystarkastukseen kuuluu systemaattinen mielenterveys- ja päihdearvio." in html
    check.refresh_from_db()
    assert check.step == HealthCheckStep.IDENTIFIED


def test_the_referrer_notice_shows_when_no_consent_covers_the_feedback():
    case, nurse = a_health_case()
    te = an_organisation("te-toimisto")
    check = actions.open_health_check(
        case=case, by=nurse, identified_by="employment_authority", referrer_organisation=te
    )
    actions.record_nurse_check(
        check=check,
        by=nurse,
        checked_on=TODAY(),
        summary="Hyvä.",
        mental_health_and_substance_assessed=True,
        further_assessment_needed=False,
    )
    page = logged_in(nurse).get(reverse("assessments:health_check", args=[check.pk]))
    assert "asiakkaan suostumus ei kata palautetta" in page.content.decode()


def test_a_social_worker_of_the_organisation_does_not_read_the_health_check():
    # given a health check of a case in the county's health-care register, and a social worker
    # of the same county in the client's network (another register, no consent)
    case, nurse = a_health_case()
    check = actions.open_health_check(case=case, by=nurse, identified_by=IdentifiedBy.CLIENT)
    social = a_social_worker_of(nurse.organisation)
    a_consent(case.client, nurse, organisations=[nurse.organisation], categories=["employment"])
    a_member(case, social, by=nurse)
    # when the social worker opens the health check, then it is not shown to them
    page = logged_in(social).get(reverse("assessments:health_check", args=[check.pk]))
    assert page.status_code == 200
    assert "Terveystarkastuksen tiedot eivät näy sinulle" in page.content.decode()
    assert "Esitiedot" not in page.content.decode()
    refused = logged_in(social).post(
        reverse("assessments:health_check", args=[check.pk]),
        {"checked_on": _date(), "summary": "x", "version": check.version},
    )
    assert refused.status_code == 400
    assert "Terveystarkastuksen kirjaa terveydenhoitaja" in refused.content.decode()
    page = logged_in(social).get(reverse("cases:detail", args=[case.client_id]))
    assert "1 terveystarkastus ei näy" in page.content.decode()
    assert not DisclosureLogEntry.objects.exists()


def test_the_needs_assessment_form():
    org = an_organisation()
    worker = a_social_worker_of(org)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    http = logged_in(worker)
    url = reverse("assessments:needs_assessment", args=[case.pk])
    empty = http.post(url, {"assessed_on": _date()})
    assert empty.status_code == 400
    assert "Kirjaa yhteenveto asiakkaan tilanteesta ja tuen tarpeesta." in empty.content.decode()
    assert not NeedsAssessment.objects.exists()
    response = http.post(
        url,
        {
            "assessed_on": _date(),
            "summary": "Tilanne.",
            "conclusions": "Edellytykset.",
            "client_view": "Näkemys.",
        },
    )
    assert response.status_code == 302
    assert NeedsAssessment.objects.get().summary == "Tilanne."


def test_the_coordinator_suggestion_page():
    case, nurse = a_health_case()
    http = logged_in(nurse)
    url = reverse("assessments:coordinator", args=[case.pk])
    assert "Ehdotus" not in http.get(url).content.decode().split("<h1")[1].split("</form>")[1]
    page = http.get(url, {"needs_health_services": "on", "complex_situation": "on"})
    assert "<strong>työkykykoordinaattori</strong>" in page.content.decode()
    assert AccessLogEntry.objects.filter(what="coordinator_suggestion").exists()
