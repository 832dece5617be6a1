"""The Työkykymittari page (seed [000]): the two-step tool for any professional, with the local
services of the professional's municipality."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tukiverkko.catalogue.models import ContactChannel

pytestmark = pytest.mark.django_db
URL = "/tyokykymittari/"


@pytest.fixture
def heinola(heinola_offering):
    offering = heinola_offering
    nurse = offering(
        "heinola-tth",
        "tyottomien-terveystarkastus",
        "Työttömien terveydenhoitaja, Heinola",
        how_to_refer_fi="Lähete Lifecare-viestillä.",
    )
    ContactChannel.objects.create(service=nurse, kind="phone", value="03 123 4567")
    offering("heinola-tkk", "tyokykykoordinaattori", "Työkykykoordinaattori, Heinola")
    offering("heinola-fysio", "fysioterapia", "Fysioterapian keskitetty ajanvaraus")


def test_get_shows_the_first_question_only(client):
    html = client.get(URL).content.decode()
    assert reverse("rules:tyokykymittari") == URL
    assert "Millä numerolla asiakas arvioi tämänhetkistä työkykyään" in html
    assert 'id="id_score_0"' in html and 'id="id_score_10"' in html
    assert 'hx-post="/tyokykymittari/"' in html
    # the later questions appear once the one before them is answered
    assert "id_needs_0" not in html and "id_unemployed_0" not in html
    assert 'href="/tyokykymittari/tarkistin/"' in html


def test_without_the_score_the_page_waits_for_it(client):
    html = client.post(URL, {"municipality": ""}).content.decode()
    assert "Vastaa ensin kysymykseen asteikolla 0–10." in html and "id_needs_0" not in html


def test_a_high_score_needs_no_investigation(client):
    html = client.post(URL, {"score": "9"}).content.decode()
    assert "Ei tarvetta selvittelyille." in html
    assert "id_needs_0" in html  # a need stated wins over the score (decision 0043)


def test_a_low_score_asks_the_second_question(client):
    html = client.post(URL, {"score": "5"}).content.decode()
    assert "Kysy, millainen haaste toimintakyvyssä on ja onko siihen saatu hoitoa" in html
    assert "id_treated_0" in html and "id_needs_0" in html
    assert "id_has_occupational_health_care_0" not in html


def test_occupational_health_care_is_where_the_employed_go(client):
    html = client.post(
        URL, {"score": "6", "needs": ["rehabilitation"], "has_occupational_health_care": "true"}
    ).content.decode()
    assert "Asiakkaalla on työterveyshuolto: ohjaa sinne." in html
    assert "id_unemployed_0" not in html


def test_an_unemployed_client_goes_to_the_local_nurse_and_coordinator(client, heinola):
    # given a professional in Heinola and an unemployed client with a need, no OH
    data = {
        "municipality": "Heinola",
        "score": "4",
        "needs": ["further_investigation"],
        "has_occupational_health_care": "false",
        "unemployed": "true",
    }
    # when posted as a plain form
    html = client.post(URL, data).content.decode()
    # then the seed's instruction, the nurse-first rule and the local services with contacts
    assert "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria" in html
    assert "Aina terveydenhoitajan tai työkykykoordinaattorin kartoitus ennen" in html
    assert "Työttömien terveydenhoitaja, Heinola" in html and "03 123 4567" in html
    assert "Lähete Lifecare-viestillä." in html
    assert "Työkykykoordinaattori, Heinola" in html
    assert "https://paijat-sote.fi/" in html
    # and the seed's other options, each with what the catalogue has in Heinola
    assert "Muut vaihtoehdot" in html and "Fysioterapian keskitetty ajanvaraus" in html
    assert "Palveluluettelossa ei ole tätä palvelua kunnassa Heinola." in html  # no OT here


def test_without_a_municipality_the_page_asks_for_one(client):
    html = client.post(
        URL,
        {
            "score": "4",
            "needs": ["sick_leave"],
            "has_occupational_health_care": "false",
            "unemployed": "false",
        },
    ).content.decode()
    assert "Ei työterveyshuoltoa eikä työtön: konsultoi työkykykoordinaattoria." in html
    assert "Valitse kunta, niin näet paikalliset palvelut" in html


def test_no_need_and_a_need_together_is_refused_in_finnish(client):
    html = client.post(URL, {"score": "4", "needs": ["none", "sick_leave"]}).content.decode()
    assert 'role="alert"' in html and "ei molempia" in html


def test_htmx_gets_the_partial_and_nothing_is_written(client, heinola):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            URL,
            {"municipality": "Heinola", "score": "3", "needs": ["sick_leave"]},
            HTTP_HX_REQUEST="true",
        )
    html = response.content.decode()
    assert "<html" not in html and "Muut vaihtoehdot" in html
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)


def test_english_and_swedish_pages(client):
    html = client.post("/en/tyokykymittari/", {"score": "5"}).content.decode()
    assert "Work ability meter" in html and "Ask what the challenge in functional capacity" in html
    html = client.post("/sv/tyokykymittari/", {"score": "9"}).content.decode()
    assert "Inget behov av utredningar." in html


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Heinola", ["Työttömien terveydenhoitaja, Heinola", "Työkykykoordinaattori, Heinola"]),
        ("Turku", ["Työttömän terveystarkastus, Varha", "Työttömien terveyspiste, Turku"]),
        ("Rovaniemi", ["lapha.fi/fi/tyottomien-terveystarkastukset"]),
        ("Pori", ["satakunnanhyvinvointialue.fi"]),
    ],
)
def test_every_seed_region_shows_local_services_with_contacts(client, place, expected):
    # given the real catalogue; when an unemployed client's need is found in that municipality
    call_command("load_catalogue", stdout=StringIO(), stderr=StringIO())
    html = client.post(
        URL,
        {
            "municipality": place,
            "score": "4",
            "needs": ["rehabilitation"],
            "has_occupational_health_care": "false",
            "unemployed": "true",
        },
    ).content.decode()
    # then the referral shows the municipality's own services and how to reach them
    assert (
        "Palveluluettelossa ei ole tätä palvelua kunnassa" not in html.split("Muut vaihtoehdot")[0]
    )
    for text in expected:
        assert text in html, (place, text)
    assert 'class="contacts"' in html
