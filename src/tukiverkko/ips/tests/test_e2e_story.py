"""The IPS story end to end in a real headless Chromium, by the pages' links, labels and
buttons (the same story without a browser, and on PostgreSQL: test_story_http).

A client with a social-care decision enters IPS; the coach records the profile; a consent for
one employer is recorded; the contact with that employer is logged as a disclosure, and a
contact with another employer is refused; a fidelity review of the Varha IPS service is entered
and its band shows on the catalogue page.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.core.tests.browser import logged_in, serious_violations
from tukiverkko.ips.fidelity import scale
from tukiverkko.ips.tests.story import (
    EMPLOYER,
    OTHER_EMPLOYER,
    RESTRICTIONS,
    SKILLS,
    VARHA_IPS,
    WISHES,
    ips_world,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def as_user(browser: Browser, url: str, user) -> Page:
    return logged_in(browser, url, user).new_page()


def today() -> str:
    day = timezone.localdate()
    return f"{day.day}.{day.month}.{day.year}"


def test_the_ips_story_in_chromium(live_server, browser):
    w = ips_world()
    url, case = live_server.url, w.case
    ips_page = f"{url}/ips/asiakkuus/{case.pk}/"

    # The social worker: from the client page to the IPS page; entry refused without the
    # decision, then the decision and the entry.
    page = as_user(browser, url, w.social_worker)
    page.goto(f"{url}/asiakkaat/{case.client_id}/")
    page.get_by_role("link", name="Työhönvalmennus", exact=True).click()
    page.get_by_role("link", name="Aloita työhönvalmennus").click()
    page.get_by_label("Työhönvalmentaja").select_option(str(w.coach.pk))
    page.get_by_label("Palvelu").select_option(str(w.service.pk))
    page.get_by_role("button", name="Aloita jakso").click()
    expect(page.get_by_role("alert")).to_contain_text("Sosiaalihuollon päätös")
    page.goto(ips_page)
    page.get_by_role("link", name="Kirjaa palvelupäätös").click()
    page.get_by_label("Päätöksen numero").fill("SOS-2026-1")
    page.get_by_label("Päätöspäivä").fill(today())
    page.get_by_role("button", name="Tallenna päätös").click()
    expect(page.locator("main")).to_contain_text("Päätös SOS-2026-1")
    page.get_by_role("link", name="Aloita työhönvalmennus").click()
    page.get_by_label("Työhönvalmentaja").select_option(str(w.coach.pk))
    page.get_by_label("Palvelu").select_option(str(w.service.pk))
    page.get_by_role("button", name="Aloita jakso").click()
    expect(page.locator("main")).to_contain_text("palveluun hakeutuminen")
    assert serious_violations(page) == []

    # The coach: to profiling, the profile.
    page = as_user(browser, url, w.coach)
    page.goto(ips_page)
    page.get_by_label("Uusi vaihe").select_option("profiling")
    page.get_by_role("button", name="Siirrä vaihe").click()
    expect(page.locator("dl.facts")).to_contain_text("osaamisen kartoitus")
    page.get_by_role("link", name="Kirjaa ammatillinen profiili").click()
    page.get_by_label("Osaaminen ja vahvuudet").fill(SKILLS)
    page.get_by_label("Asiakkaan toiveet työstä").fill(WISHES)
    page.get_by_label("Rajoitteet, jotka työssä on huomioitava").fill(RESTRICTIONS)
    page.get_by_role("button", name="Tallenna profiili").click()
    expect(page.locator("#profile-h + h3 + ul")).to_contain_text("kassatyö")

    # The consent for one employer.
    page.get_by_role("link", name="Kirjaa suostumus").click()
    page.get_by_label("Vastaanottaja: työnantaja (nimi, valinnainen)").fill(EMPLOYER[0])
    page.get_by_label("Työnantajan Y-tunnus").fill(EMPLOYER[1])
    page.get_by_label("työllisyys").check()
    page.get_by_label("yhteydenotto työnantajaan (tuettu työllistyminen)").check()
    page.get_by_label("Suostumuksen muoto").select_option("regional_form")
    page.get_by_label("Miten asiakas vahvisti").select_option("handwritten")
    page.get_by_label("Asiakirjan tunniste", exact=False).fill("VARHA-SUOST-7")
    page.get_by_label("Voimassa alkaen (p.k.vvvv)").fill(today())
    page.get_by_role("button", name="Tallenna suostumus").click()
    expect(page.locator("body")).to_contain_text("Suostumus kirjattu.")

    # The rapid job search: the employer contact, logged as a disclosure; another refused.
    page.goto(ips_page)
    page.get_by_label("Uusi vaihe").select_option("job_search")
    page.get_by_role("button", name="Siirrä vaihe").click()
    for name, business_id in (EMPLOYER, OTHER_EMPLOYER):
        page.goto(ips_page)
        page.get_by_role("link", name="Kirjaa yhteydenotto työnantajaan").click()
        page.get_by_label("Työnantaja", exact=True).fill(name)
        page.get_by_label("Y-tunnus").fill(business_id)
        page.get_by_label("Päivä", exact=True).fill(today())
        page.get_by_label("Yhteydenoton tapa").select_option("visit")
        page.get_by_label("Tulos").select_option("interview")
        page.get_by_role("button", name="Kirjaa yhteydenotto").click()
        if name == EMPLOYER[0]:
            expect(page.locator("body")).to_contain_text("luovutus työnantajalle lokitettu")
            expect(
                page.get_by_role("table", name="Työnhaun yhteydenotot työnantajiin")
            ).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("Kone Oyj (1927400-1) ei voi ottaa yhteyttä")
    assert DisclosureLogEntry.objects.filter(what__startswith="ips_employer_contact:").count() == 1

    # The catalogue editor's review of the Varha IPS service; its band on the catalogue page.
    page = as_user(browser, url, w.editor)
    page.goto(f"{url}/ips/laatu/{w.service.pk}/")
    page.get_by_role("link", name="Kirjaa uusi laatuarviointi").click()
    page.get_by_label("Arviointipäivä").fill(today())
    page.get_by_label("Arvioijat").fill("Arvioijat A ja B")
    for item in scale().items:
        page.locator(f"#id_score_{item.code}").select_option("5")
    page.get_by_role("button", name="Tallenna laatuarviointi").click()
    expect(page.locator("main")).to_contain_text("Yhteensä 125/125 pistettä")
    page.goto(f"{url}/palvelut/{VARHA_IPS}/")
    expect(page.get_by_role("region", name="IPS-25-laatuarviointi")).to_contain_text(
        "Erinomainen (115–125)"
    )
    assert serious_violations(page) == []
