"""End to end in a real headless Chromium (Debian's /usr/bin/chromium) against a live server:
live search with an inflected word, filters, keyboard navigation to a service page. Every page
type's axe-core, reflow and keyboard checks: test_e2e_a11y.py (core.tests.browser.check_page)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.catalogue.tests.webdata import freshen_verifications, load_web_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser: Browser, live_server, tmp_path: Path) -> Iterator[Page]:
    load_web_catalogue(tmp_path)
    freshen_verifications()
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_live_search_filters_and_keyboard_to_a_service(page: Page, live_server) -> None:
    # given the search page
    page.goto(live_server.url + "/palvelut/")
    results = page.locator("#results")
    expect(results).to_have_attribute("aria-live", "polite")
    # when an inflected word is typed (htmx updates the results without a page load)
    page.get_by_label("Hakusana").press_sequentially("kuntoutuksen", delay=20)
    # then
    expect(results.locator(".results-count")).to_have_text("2 palvelua")
    expect(results).to_contain_text("Kuntoutustutkimusyksikkö")
    assert page.url.endswith("q=kuntoutuksen") or "q=kuntoutuksen" in page.url
    # when a filter is chosen
    page.get_by_label("Miten palveluun pääsee").select_option("doctor_referral")
    # then
    expect(results.locator(".results-count")).to_have_text("1 palvelu")
    # when a bad age is typed
    page.get_by_label("Asiakkaan ikä").fill("abc")
    expect(results).to_contain_text("Asiakkaan ikä: anna ikä kokonaislukuna")
    page.get_by_label("Asiakkaan ikä").fill("")
    # when the result link is reached by keyboard and followed with Enter
    link = results.get_by_role("link", name="Kuntoutustutkimusyksikkö")
    link.focus()
    page.keyboard.press("Enter")
    # then the service page shows its content
    expect(page).to_have_url(re.compile(r"/palvelut/kuntoutustutkimusyksikko/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuntoutustutkimusyksikkö")
    expect(page.locator("main")).to_contain_text("Lääkärin lähetteellä")
    expect(page.locator("main")).to_contain_text("Tarkistettu 15.1.2023")


def test_network_figure_links_to_the_service_pages(page: Page, live_server) -> None:
    # given the network of one municipality
    page.goto(live_server.url + "/palvelut/verkosto/testimaa/")
    # when an actor's name in the figure is clicked
    page.locator('.net-hit[href="/palvelut/tukirinki/"]').click()
    # then its service page opens
    expect(page.get_by_role("heading", level=1)).to_have_text("Tukirinki")


def test_search_works_without_javascript(browser: Browser, live_server, tmp_path: Path) -> None:
    # given a browser with JavaScript off
    load_web_catalogue(tmp_path)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/palvelut/")
    # when the GET form is submitted
    page.get_by_label("Hakusana").fill("työkyvyn")
    page.get_by_role("button", name="Hae", exact=True).click()
    # then
    expect(page.locator(".results-count")).to_have_text("3 palvelua")
    context.close()


def test_language_switch_keeps_the_same_page(page: Page, live_server) -> None:
    page.goto(live_server.url + "/palvelut/tukirinki/")
    page.get_by_role("button", name="På svenska").click()
    expect(page).to_have_url(re.compile(r"/sv/palvelut/tukirinki/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="Suomeksi").click()
    expect(page).to_have_url(re.compile(r"/palvelut/tukirinki/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
