"""End to end in a real headless Chromium: htmx live result, plain POST without JS, axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tukiverkko.core.tests.browser import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_live_result_updates_on_change(live_server, browser: Browser):
    page = browser.new_page()
    # given the empty page
    page.goto(f"{live_server.url}/tyokykymittari/")
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


def test_plain_post_without_javascript(live_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/tyokykymittari/")
    page.fill("#id_work_ability_score", "12")
    page.click(".tkm-form button[type=submit]")
    expect(page.locator("[role=alert]").first).to_contain_text(
        "Työkykypistemäärä (0–10): Arvo on liian suuri."
    )
    assert "/tyokykymittari/" in page.url and "12" not in page.url  # no client data in the URL
    context.close()


@pytest.mark.parametrize("path", ["/tyokykymittari/", "/sv/tyokykymittari/"])
def test_no_serious_accessibility_violations(live_server, browser: Browser, path):
    page = browser.new_page()
    page.goto(f"{live_server.url}{path}")
    assert serious_violations(page) == []
    page.close()
