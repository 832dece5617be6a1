"""Issue 18 on the consent form: 320 px, 200 % zoom with text spacing, and a consent recorded
by keyboard alone (Space ticks the boxes, Enter sends the form)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def record_by_keyboard(page: Page) -> None:
    tab_to(page, "input[name=organisations]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=categories]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=purposes]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=evidence_reference]")  # the signed Y100's number (issue 8)
    page.keyboard.type("Y100 nro 1")
    tab_to(page, "input[name=valid_from]")
    page.keyboard.press("Control+a")
    page.keyboard.type(f"{timezone.localdate():%-d.%-m.%Y}")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Suostumus kirjattu.")


def test_consent_form(browser: Browser, live_server) -> None:
    # given a coordinator with a client
    user = a_professional(role=Role.WORK_ABILITY_COORDINATOR)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, user)
    context = logged_in(browser, live_server.url, user)
    url = f"{live_server.url}/suostumukset/asiakas/{case.client_id}/uusi/"
    # then
    try:
        assert check_page(context, url, walk=record_by_keyboard) == []
    finally:
        context.close()
