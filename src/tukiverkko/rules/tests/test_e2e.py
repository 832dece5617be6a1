"""End to end in a real headless Chromium: the Työkykymittari walked as seed [000] draws it
(with htmx and without JavaScript), the checker's live result, and axe on every state."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from tukiverkko.core.tests.browser import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What the referral shows in each seed region's municipality (the real catalogue).
LOCAL = {
    "Heinola": ["Työttömien terveydenhoitaja, Heinola", "Työkykykoordinaattori, Heinola"],
    "Turku": ["Työttömän terveystarkastus, Varha", "Kunnallissairaalantie 20"],
    "Rovaniemi": ["Työttömän terveystarkastus (terveydenhoitaja), Lappi", "lapha.fi"],
    "Pori": [
        "Työkykytiimit ja sote-keskusten moniammatilliset tiimit",
        "satakunnanhyvinvointialue.fi",
    ],
}


@pytest.fixture
def catalogue():
    call_command("load_catalogue", stdout=StringIO(), stderr=StringIO())


def walk_the_flow(page: Page, place: str) -> None:
    """Seed [000]: 0–10 → challenge and need → occupational health care? → unemployed?"""
    # the municipality's own request (sent 200 ms after the change) swaps the form: answer on the
    # form it brings back (a check made while it is on its way lands on the form it replaces, as
    # a person's would). Wait for that answer itself — a page's "networkidle" is reached once
    # and stays reached, so it does not wait for a request that starts later.
    with page.expect_response(lambda r: r.request.method == "POST" and "/tyokykymittari/" in r.url):
        page.select_option("#id_municipality", place)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    page.check("#id_score_4")
    expect(page.locator("#id_needs_0")).to_be_visible()  # step 2 appears
    assert serious_violations(page) == []
    page.check("#id_treated_2")  # ei: not treated
    page.check("#id_needs_1")  # rehabilitation
    expect(page.locator("#id_has_occupational_health_care_0")).to_be_visible()
    page.check("#id_has_occupational_health_care_2")  # ei
    expect(page.locator("#id_unemployed_0")).to_be_visible()
    page.check("#id_unemployed_1")  # kyllä


def test_the_mittari_walks_the_seeds_flow_with_local_contacts(
    live_server, browser: Browser, catalogue
):
    page = browser.new_page()
    for place, expected in LOCAL.items():
        # given the tool, in each of the seeds' regions
        page.goto(f"{live_server.url}/tyokykymittari/")
        next_step = page.locator("#tkm-next")
        expect(next_step).to_contain_text("Vastaa ensin kysymykseen asteikolla 0–10.")
        # when the professional answers the questions in turn (htmx, no submit)
        walk_the_flow(page, place)
        # then the seed's instruction and the municipality's services with their contacts
        expect(next_step).to_contain_text(
            "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria"
        )
        for text in expected:
            expect(next_step).to_contain_text(text)
        expect(next_step.locator(".contacts").first).to_be_visible()
        expect(next_step).to_contain_text("Muut vaihtoehdot")
        assert "/tyokykymittari/" in page.url and "?" not in page.url  # nothing in the URL
        assert serious_violations(page) == [], place
    page.close()


def test_the_mittari_works_without_javascript(live_server, browser: Browser, catalogue):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/tyokykymittari/")
    # step by step, each submit shows the next question (axe needs JavaScript: it runs on the
    # same pages in the htmx test)
    page.select_option("#id_municipality", "Heinola")
    page.click("#id_score_6")
    page.click(".tkm-form button[type=submit]")
    page.click("#id_needs_0")  # sick leave
    page.click(".tkm-form button[type=submit]")
    page.click("#id_has_occupational_health_care_1")  # kyllä
    page.click(".tkm-form button[type=submit]")
    expect(page.locator("#tkm-next")).to_contain_text(
        "Asiakkaalla on työterveyshuolto: ohjaa sinne."
    )
    expect(page.locator("#tkm-next")).to_contain_text("Fysioterapian keskitetty ajanvaraus")
    context.close()


def test_the_mittari_at_320_px_has_no_sideways_scroll(live_server, browser: Browser, catalogue):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(f"{live_server.url}/tyokykymittari/")
    walk_the_flow(page, "Heinola")
    expect(page.locator("#tkm-next")).to_contain_text("Työttömien terveydenhoitaja, Heinola")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    page.close()


def test_checker_live_result_updates_on_change(live_server, browser: Browser):
    page = browser.new_page()
    # given the empty checker
    page.goto(f"{live_server.url}/tyokykymittari/tarkistin/")
    result = page.locator("#tkm-result")
    expect(result).to_contain_text("Täytä tiedot")
    # when the professional types an age and a low score (no submit)
    page.fill("#id_age", "24")
    page.fill("#id_work_ability_score", "5")
    page.locator("#id_work_ability_score").blur()
    # then the result updates in place
    expect(result).to_contain_text("Työkyvyn tarkempi selvittäminen: tarpeen.")
    expect(result).to_contain_text("Etsivä nuorisotyö: täyttyy")
    assert serious_violations(page) == []
    page.close()


def test_checker_plain_post_without_javascript(live_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/tyokykymittari/tarkistin/")
    page.fill("#id_work_ability_score", "12")
    page.click(".tkm-form button[type=submit]")
    expect(page.locator("[role=alert]").first).to_contain_text(
        "Työkykypistemäärä (0–10): Arvo on liian suuri."
    )
    assert "12" not in page.url  # no client data in the URL
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/tyokykymittari/",
        "/sv/tyokykymittari/",
        "/en/tyokykymittari/",
        "/tyokykymittari/tarkistin/",
    ],
)
def test_no_serious_accessibility_violations(live_server, browser: Browser, path):
    page = browser.new_page()
    page.goto(f"{live_server.url}{path}")
    assert serious_violations(page) == []
    page.close()
