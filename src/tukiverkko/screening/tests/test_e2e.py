"""End to end in a real headless Chromium: htmx live score, plain POST, and axe accessibility."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.core.tests.browser import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_phq9_live_score_and_item9_alert(live_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    # given the PHQ-9 page in a browser
    page.goto(f"{live_server.url}/seulonta/phq9/")
    # when the answers are clicked one by one (labels, as a user would), item 9 = 1
    page.get_by_label("Useana päivänä").first.check()
    expect(page.locator("#result")).to_contain_text("Vastattu 1/9")
    for item in range(2, 9):
        page.locator(f"label[for=q{item}-0]").click()
    page.locator("label[for=q9-1]").click()
    # then htmx shows the score and the prominent alert without a page load
    result = page.locator("#result")
    expect(result).to_contain_text("2 / 27")
    expect(page.get_by_role("alert")).to_contain_text("Arvioi itsetuhoisuuden riski välittömästi")
    # and the filled page has no serious accessibility violations
    assert serious_violations(page) == []


def test_plain_post_without_javascript(browser: Browser, live_server) -> None:  # type: ignore[no-untyped-def]
    # given a browser with JavaScript off
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/seulonta/was/")
    # when a score is chosen and the form submitted
    page.locator("label[for=score-8]").click()
    page.get_by_role("button", name="Laske pisteet").click()
    # then the full page answers with the band
    expect(page.locator("#result")).to_contain_text("Ei tarvetta tarkempaan selvittelyyn")
    context.close()
