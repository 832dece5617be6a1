"""The assessment pages in real Chromium: axe-core, 320 px, 200 % zoom with text spacing, and by
keyboard — and the nurse's broad check recorded by keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.assessments import actions
from tukiverkko.assessments.models import HealthCheck, HealthCheckStep
from tukiverkko.assessments.tests.factories import a_nurse
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_case_in_phase
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nurse_case(browser: Browser, live_server) -> Iterator[tuple[BrowserContext, Case, int]]:
    nurse = a_nurse()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, nurse, first="Moona")
    check = actions.open_health_check(case=case, by=nurse, identified_by="client")
    context = logged_in(browser, live_server.url, nurse)
    yield context, case, check.pk
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/asiakkaat/asiakkuus/{case}/arviot/mittari/?mittari=phq9",
        "/asiakkaat/asiakkuus/{case}/arviot/mittari/?mittari=audit",
        "/asiakkaat/asiakkuus/{case}/arviot/palvelutarve/",
        "/asiakkaat/asiakkuus/{case}/arviot/koordinointi/?needs_health_services=on",
        "/asiakkaat/terveystarkastus/{check}/",
    ],
)
def test_assessment_pages_at_320_px_and_by_keyboard(nurse_case, live_server, path) -> None:
    context, case, check = nurse_case
    url = live_server.url + path.format(case=case.pk, check=check)
    assert check_page(context, url) == []


def _nurse_check_by_keyboard(page: Page) -> None:
    tab_to(page, "input[name=checked_on]")
    page.keyboard.type("1.12.2026")
    tab_to(page, "textarea[name=summary]")
    page.keyboard.type("Uniongelmia, selkäkipua.")
    tab_to(page, "input[name=mental_health_and_substance_assessed]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=further_assessment_needed]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Uniongelmia, selkäkipua.")


def test_the_nurses_check_by_keyboard(nurse_case, live_server) -> None:
    context, _case, check = nurse_case
    page = context.new_page()
    page.goto(f"{live_server.url}/asiakkaat/terveystarkastus/{check}/")
    _nurse_check_by_keyboard(page)
    row = HealthCheck.objects.get(pk=check)
    assert row.step == HealthCheckStep.NURSE_CHECKED
    assert row.further_assessment_needed is True
