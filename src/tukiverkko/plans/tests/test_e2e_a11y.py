"""Issue 18's checks on the plan's pages (decision 0152): the plan page, its edit form and the
diff between two versions — at 320 px, 200 % zoom with text spacing, and by keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to
from tukiverkko.plans.tests.factories import a_plan_with_goals

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(browser: Browser, live_server) -> Iterator[tuple[BrowserContext, int]]:
    user = a_professional("koordinaattori", role=Role.WORK_ABILITY_COORDINATOR)
    plan = a_plan_with_goals(by=user)  # two versions
    context = logged_in(browser, live_server.url, user)
    yield context, plan.case_id
    context.close()


def _to_the_diff(page: Page) -> None:
    # from the plan page to its versions, and the compare form sent by keyboard
    tab_to(page, "a[href$='/versiot/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suunnitelman versiot")
    tab_to(page, "form[action$='/vertaa/'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suunnitelman muutokset")


@pytest.mark.parametrize(
    ("path", "walk"),
    [("", _to_the_diff), ("muokkaa/", None), ("vertaa/", None), ("tulosta/", None)],
)
def test_plan_pages_at_320_px_and_by_keyboard(coordinator, live_server, path, walk) -> None:
    context, case_id = coordinator
    url = f"{live_server.url}/asiakkaat/asiakkuus/{case_id}/suunnitelma/{path}"
    assert check_page(context, url, walk=walk) == []
