"""Maija's own view end to end in headless Chromium (issue 12's walk): the nurse hands her a
one-time code from her client page; Maija logs in with it, reads her plan, fills in the work
ability score, which the nurse then sees on the case; she revokes her consent, and the
employment expert no longer sees what it covered; her log shows every read made. The HTTP twin
(also on PostgreSQL) is test_flow_http."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.core.tests.browser import logged_in, serious_violations
from tukiverkko.portal.tests.story import maija

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def as_user(browser: Browser, url: str, user) -> Page:
    return logged_in(browser, url, user).new_page()


def test_maija_reads_her_plan_assesses_herself_and_revokes_a_consent(live_server, browser):
    story = maija()
    url = live_server.url
    client_id = story.case.client_id
    # the nurse hands out a code from Maija's page
    nurse = as_user(browser, url, story.nurse)
    nurse.goto(f"{url}/asiakkaat/{client_id}/")
    nurse.get_by_role("button", name="Anna asiakkaalle kirjautumiskoodi omiin tietoihin").click()
    code = nurse.get_by_label("Kirjautumiskoodi").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    # Maija logs in on her own phone
    context = browser.new_context(viewport={"width": 360, "height": 780})
    me = context.new_page()
    me.goto(f"{url}/oma/")
    expect(me.get_by_role("heading", level=1)).to_have_text("Kirjaudu omiin tietoihisi")
    me.get_by_label("Kirjautumiskoodi").fill(code)
    me.get_by_role("button", name="Kirjaudu").click()
    expect(me.get_by_role("heading", level=1)).to_have_text("Hei Maija!")
    expect(me.get_by_role("region", name="Kuka hoitaa asiaasi")).to_contain_text("044 123 4567")
    assert serious_violations(me) == []
    # she reads her plan and marks her own task done
    me.get_by_role("link", name="Suunnitelmani").click()
    expect(me.locator("main")).to_contain_text("Työkokeilu alkaa")
    task = me.get_by_role("article", name="Hakee työkokeilupaikkaa")
    task.get_by_label("Olen tehnyt tämän").check()
    task.get_by_role("button", name="Tallenna").click()
    expect(me.locator("main")).to_contain_text("Tallennettu.")
    # she fills in the work ability score
    me.get_by_role("link", name="Itsearviointi").click()
    me.get_by_role("link", name=re.compile("WAS")).click()
    me.locator("main form fieldset").first.get_by_label("7", exact=True).check()
    me.get_by_role("button", name="Lähetä arviointi").click()
    expect(me.locator("main")).to_contain_text("Arviointisi on tallennettu")
    # the nurse sees it on the case; so does the expert, under the consent
    nurse.goto(f"{url}/asiakkaat/{client_id}/")
    expect(nurse.locator("main")).to_contain_text("asiakas itse")
    expert = as_user(browser, url, story.expert)
    expert.goto(f"{url}/asiakkaat/{client_id}/")
    expect(expert.get_by_role("cell", name="asiakas itse")).to_have_count(1)
    # Maija revokes the consent
    me.get_by_role("link", name="Suostumukseni").click()
    me.get_by_role("link", name="Peru tämä suostumus").click()
    me.get_by_role("button", name="Kyllä, peru suostumus").click()
    expect(me.locator("main")).to_contain_text("Suostumus on peruttu heti.")
    # the expert no longer sees what it covered
    expert.reload()
    expect(expert.get_by_role("cell", name="asiakas itse")).to_have_count(0)
    # and her log shows every read of her data, one line each
    me.get_by_role("link", name="Kuka on katsonut tietojani").click()
    reads = me.get_by_role("region", name="Tietojesi lukemiset").get_by_role("listitem")
    expect(reads).to_have_count(AccessLogEntry.objects.filter(client_id=client_id).count())
    expect(reads.filter(has_text="Eero T.")).not_to_have_count(0)
    expect(reads.filter(has_text="Tiina T., Päijät-Hämeen hyvinvointialue")).not_to_have_count(0)
    assert serious_violations(me) == []
    context.close()
