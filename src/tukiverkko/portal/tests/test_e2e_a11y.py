"""Issue 12's accessibility on every portal page: WCAG 2.1 AA with no serious or critical axe
violation, at 320 px (narrower than the 360-px phone) and at 1280 px, at 200 % zoom with text
spacing, by keyboard alone — in Finnish, Swedish and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext

from tukiverkko.core.tests.browser import check_page
from tukiverkko.portal import actions
from tukiverkko.portal.tests.story import maija

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = ["", "suunnitelma/", "suostumukset/", "loki/", "arviot/", "arviot/was/", "palaute/"]


def _client_context(browser: Browser, url: str) -> tuple[BrowserContext, int, int]:
    story = maija()
    _row, code = actions.issue_login_code(client=story.case.client, by=story.nurse)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/oma/kirjaudu/")
    page.get_by_label("Kirjautumiskoodi").fill(code)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url(f"{url}/oma/")
    page.close()
    return context, story.consent.pk, story.pending.pk


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_every_portal_page_in_three_languages(live_server, browser, language) -> None:
    context, consent_id, pending_id = _client_context(browser, live_server.url)
    try:
        found: list[str] = []
        for path in [
            *PAGES,
            f"suostumukset/{consent_id}/peru/",
            f"suostumukset/{pending_id}/vahvista/",
        ]:
            found += check_page(context, f"{live_server.url}/{language}oma/{path}")
        assert found == []
    finally:
        context.close()


def test_the_login_page(live_server, browser) -> None:
    context = browser.new_context()
    try:
        assert check_page(context, f"{live_server.url}/oma/kirjaudu/") == []
    finally:
        context.close()
