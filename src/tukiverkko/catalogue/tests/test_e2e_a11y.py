"""Issue 18 on the catalogue's pages: every page type at 320 px and 1280 px (no sideways
scrolling, axe), at 200 % zoom with WCAG text spacing, and its main flow by keyboard alone
(core.tests.browser.check_page)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.catalogue.tests.webdata import freshen_verifications, load_web_catalogue
from tukiverkko.core.tests.browser import check_page, choose, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(browser: Browser, tmp_path: Path) -> Iterator[BrowserContext]:
    load_web_catalogue(tmp_path)
    freshen_verifications()
    context = browser.new_context(locale="fi-FI")
    yield context
    context.close()


def search_by_keyboard(page: Page) -> None:
    tab_to(page, "input[name=q]")
    page.keyboard.type("kuntoutuksen")
    expect(page.locator("#results .results-count")).to_have_text("2 palvelua")
    tab_to(page, "#results a[href='/palvelut/kuntoutustutkimusyksikko/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuntoutustutkimusyksikkö")


def filter_by_keyboard(page: Page) -> None:
    tab_to(page, "select[name=access_route]")
    choose(page, "doctor_referral")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".results-count")).to_have_text("1 palvelu")


def choose_municipality_by_keyboard(page: Page) -> None:
    tab_to(page, "select#kunta")
    choose(page, "Testilä")
    tab_to(page, "form.inline-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"kunta=Testil"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Testilä")


def download_guide_by_keyboard(page: Page) -> None:
    tab_to(page, "a[href$='/pdf/']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("pikaopas-testila-")


def open_actor_by_keyboard(page: Page) -> None:
    tab_to(page, ".tile h3 a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/palvelut/[a-z0-9-]+/$"))


@pytest.mark.parametrize(
    ("path", "walk"),
    [
        ("/", None),
        ("/palvelut/", search_by_keyboard),
        ("/palvelut/?q=kuntoutuksen", filter_by_keyboard),
        ("/palvelut/?q=ty%C3%B6kyvyn&age=abc", None),  # with an error message
        ("/palvelut/testila-tyokykykoordinaattori/", None),
        ("/palvelut/kuntakokeilu-testila/", None),  # an ended service with its successor
        ("/sv/palvelut/verkostotiimi-koekyla/", None),  # "voimassaolo tarkistamatta", sv texts
        ("/palvelut/toimijat/testimaan-hyvinvointialue/", None),
        ("/palvelut/verkosto/testimaa/", choose_municipality_by_keyboard),
        ("/palvelut/pikaopas/testila/", download_guide_by_keyboard),
        ("/sv/palvelut/pikaopas/koekyla/", open_actor_by_keyboard),
        ("/en/palvelut/", None),
    ],
)
def test_public_catalogue_pages(catalogue, live_server, path, walk) -> None:
    assert check_page(catalogue, live_server.url + path, walk=walk) == []


def download_csv_by_keyboard(page: Page) -> None:
    tab_to(page, "a[href$='/yllapito/csv/lataa/']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


@pytest.mark.parametrize(
    ("path", "walk"),
    [
        ("/palvelut/yllapito/tarkistamatta/", None),
        ("/palvelut/yllapito/kaannokset/?kieli=sv", None),
        ("/palvelut/yllapito/csv/", download_csv_by_keyboard),
    ],
)
def test_editor_pages(browser, live_server, tmp_path, path, walk) -> None:
    # given a catalogue editor
    load_web_catalogue(tmp_path)
    editor = logged_in(browser, live_server.url, a_professional(role=Role.CATALOGUE_EDITOR))
    # then
    try:
        assert check_page(editor, live_server.url + path, walk=walk) == []
    finally:
        editor.close()
