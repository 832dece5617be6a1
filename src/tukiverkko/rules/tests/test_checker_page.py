"""The Työkykymittari page: live result, local offerings, Finnish errors, nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tukiverkko.catalogue.models import ContactChannel

pytestmark = pytest.mark.django_db
URL = "/tyokykymittari/tarkistin/"


@pytest.fixture
def heinola_catalogue(heinola_offering):
    offering = heinola_offering
    tkk = offering(
        "heinola-tkk",
        "tyokykykoordinaattori",
        "Työkykykoordinaattori Heinola",
        how_to_refer_fi="Soita tai lähetä Lifecare-viesti.",
    )
    ContactChannel.objects.create(service=tkk, kind="phone", value="044 123 4567")
    ContactChannel.objects.create(
        service=tkk, kind="phone", value="044 999 9999", for_professionals_only=True
    )
    offering("heinola-kk", "kuntakokeilu", "Kuntakokeilu Heinola", valid_to=dt.date(2024, 12, 31))
    offering("heinola-mediapaja", "mediapaja", "Mediapaja Torppa")


def test_get_shows_an_empty_accessible_form(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("rules:checker") == URL
    assert "<fieldset>" in html and "<legend>Perustiedot</legend>" in html
    assert '<label for="id_age">Ikä:</label>' in html
    assert 'hx-post="/tyokykymittari/tarkistin/"' in html


def test_post_shows_criteria_in_text_and_local_offerings(client, heinola_catalogue):
    # given an unemployed 24-year-old in Heinola with a low work ability score
    data = {
        "reference_date": "2025-06-01",
        "age": "24",
        "municipality": "Heinola",
        "employment_status": "unemployed",
        "work_ability_score": "5",
        "work_ability_needs": ["rehabilitation"],
        "has_occupational_health_care": "false",
        "has_student_health_care": "false",
        "in_multisectoral_service": "false",
    }
    # when posted as a plain form
    html = client.post(URL, data).content.decode()
    # then the assessment, the criteria in words, and the Heinola coordinator with how to reach it
    assert "Työkyvyn tarkempi selvittäminen: tarpeen." in html
    assert 'Työkykykoordinaattori: <span class="tkm-status">täyttyy</span>' in html
    assert '<span class="tkm-met">täyttyy:</span>' in html
    assert "Työkykykoordinaattori Heinola" in html and "044 123 4567" in html
    assert "Soita tai lähetä Lifecare-viesti." in html
    # a professionals-only number is shown with its badge, as on the service page
    assert "044 999 9999" in html and "Vain ammattilaisille" in html
    # the answer names whose practice it is
    assert "Käytäntö: Heinola" in html
    assert "Mediapaja Torppa" in html
    # the ended kuntakokeilu offering is not offered in 2025
    assert "Kuntakokeilu Heinola" not in html
    assert "Kysy seuraavaksi" in html
    assert 'href="#id_disability_0"' in html  # a yes/no question links to its first radio
    assert "Johtuuko kuntoutustarve työtapaturmasta" in html


def test_organiser_path_shows_the_threshold_of_the_year(client):
    html = client.post(
        URL,
        {
            "reference_date": "2026-02-01",
            "rehabilitation_cause": "illness_or_injury",
            "work_disability_threat": "true",
            "age": "50",
        },
    ).content.decode()
    assert "vähintään 41\u00a0143,38 (vuoden 2024 taso, uusin tiedossa oleva" in html


def test_htmx_post_returns_only_the_result_partial(client):
    response = client.post(URL, {"age": "20"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Etsivä nuorisotyö" in html


def test_bad_input_names_the_field_in_finnish(client):
    html = client.post(
        URL, {"work_ability_score": "12", "reference_date": "2025-06-01"}
    ).content.decode()
    assert "Työkykypistemäärä (0–10): Arvo on liian suuri." in html
    html = client.post(
        URL, {"age": "30", "birth_date": "2000-01-01", "reference_date": "2025-06-01"}
    ).content.decode()
    assert "Ikä: Ikä ei vastaa syntymäaikaa." in html
    html = client.post(URL, {"age": "kolme"}).content.decode()
    assert "Ikä:" in html and 'role="alert"' in html


def test_triggers_asked_with_none_ticked_means_none(client):
    html = client.post(
        URL, {"work_ability_score": "9", "triggers_asked": "true", "reference_date": "2025-06-01"}
    ).content.decode()
    assert "Työkyvyn tarkempi selvittäminen: ei tarvetta." in html


def test_nothing_is_written_to_the_database(client, heinola_catalogue):
    # given a full evaluation; when posted; then every query is a read
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            URL, {"age": "24", "municipality": "Heinola", "reference_date": "2025-06-01"}
        )
    assert response.status_code == 200 and len(queries) > 0
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)


def test_swedish_ui(client):
    html = client.get("/sv/tyokykymittari/tarkistin/").content.decode()
    assert 'lang="sv"' in html


def test_every_ui_string_is_translated():
    # given the compiled catalogues; then every Finnish source string has sv and en text
    import gettext
    import re
    from pathlib import Path

    locale = Path(__file__).parents[1] / "locale"
    po = (locale / "sv" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    msgids = [
        "".join(re.findall(r'"(.*)"', block))
        for block in re.findall(r'^msgid ((?:".*"\n)+)', po, re.M)
    ]
    msgids = [m.replace('\\"', '"') for m in msgids if m]
    assert len(msgids) > 100
    for lang in ("sv", "en"):
        catalogue = gettext.translation("django", locale, languages=[lang])
        untranslated = [
            m for m in msgids if catalogue.gettext(m) == m and m not in ("Kela", "Ohjaamo")
        ]
        assert untranslated == [], lang


def test_english_page_is_translated(client):
    html = client.post("/en/tyokykymittari/tarkistin/", {"age": "20"}).content.decode()
    assert "Work ability meter" in html and "Ask next" in html and "Age" in html


def test_the_organiser_comes_with_the_regions_kela_contacts(client, heinola_offering):
    # given Kela's rehabilitation in Heinola's catalogue
    kela = heinola_offering("kela-kuntoutus-ph", "kela-kuntoutus", "Kelan kuntoutus, Päijät-Häme")
    ContactChannel.objects.create(service=kela, kind="phone", value="020 692 235")
    # when an earnings record too short for pension rehabilitation is checked
    html = client.post(
        URL,
        {
            "reference_date": "2025-06-01",
            "municipality": "Heinola",
            "rehabilitation_cause": "illness_or_injury",
            "work_disability_threat": "true",
            "age": "50",
            "years_in_profession": "2",
            "earnings_last_5_years_eur": "10000",
        },
    ).content.decode()
    # then the organiser is Kela, with its local service and contact
    assert "Järjestäjä: <strong>Kela</strong>" in html
    assert "Kelan kuntoutus, Päijät-Häme" in html and "020 692 235" in html


def test_without_a_threat_the_organiser_says_establish_it_first(client):
    html = client.post(
        URL,
        {
            "reference_date": "2025-06-01",
            "age": "45",
            "work_disability_threat": "false",
            "rehabilitation_cause": "illness_or_injury",
        },
    ).content.decode()
    assert "selvitä ensin työkyvyttömyyden uhka (lääkäri, B-lausunto)" in html
