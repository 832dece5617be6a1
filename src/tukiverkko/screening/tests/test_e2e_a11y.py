"""Issue 18 on the screening pages: every instrument and checklist at 320 px and 1280 px, at
200 % zoom with WCAG text spacing, and an instrument answered by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tukiverkko.core.tests.browser import check_page, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def answer_phq9_by_keyboard(page: Page) -> None:
    # Tab reaches each item's first answer ("Ei lainkaan", 0 points); Space chooses it
    for item in range(1, 10):
        tab_to(page, f"input[name=q{item}]")
        page.keyboard.press("Space")
    expect(page.locator("#result")).to_contain_text("0 / 27")


@pytest.mark.parametrize(
    ("path", "walk"),
    [
        ("/seulonta/", None),
        ("/seulonta/phq9/", answer_phq9_by_keyboard),
        ("/seulonta/gad7/", None),
        ("/seulonta/audit/", None),
        ("/seulonta/audit_c/", None),
        ("/seulonta/wai/", None),
        ("/seulonta/odi/", None),
        ("/seulonta/was/", None),
        ("/seulonta/heratteet/", None),
        ("/seulonta/riskitekijat/", None),
        ("/en/seulonta/odi/", None),
    ],
)
def test_screening_pages(context, live_server, path, walk) -> None:
    assert check_page(context, live_server.url + path, walk=walk) == []
