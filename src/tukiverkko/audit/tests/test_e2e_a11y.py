"""Issue 18 on the data-protection access log: its wide tables scroll in their own labelled,
focusable regions at 320 px; 200 % zoom with text spacing; keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def scroll_the_log_by_keyboard(page: Page) -> None:
    region = page.locator(".scroll-region").first
    tab_to(page, ".scroll-region")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(region).to_be_focused()
    # the rest of the table is reachable (the browser may scroll smoothly: wait for it)
    page.wait_for_function("() => document.querySelector('.scroll-region').scrollLeft > 0")


def test_client_access_log(browser: Browser, live_server) -> None:
    # given a client whose data has been read, and the data protection officer
    nurse = a_professional(role=Role.UNEMPLOYED_HEALTH_NURSE)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse)
    context = logged_in(browser, live_server.url, nurse)
    context.new_page().goto(f"{live_server.url}/asiakkaat/{case.client_id}/")
    context.close()
    officer = logged_in(browser, live_server.url, a_professional(role=Role.DATA_PROTECTION))
    url = f"{live_server.url}/loki/asiakas/{case.client_id}/"
    # then
    try:
        assert check_page(officer, url, walk=scroll_the_log_by_keyboard) == []
    finally:
        officer.close()
