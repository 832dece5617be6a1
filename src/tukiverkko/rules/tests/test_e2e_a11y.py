"""Issue 18 on the Työkykymittari: 320 px, 200 % zoom with text spacing, and the live result
reached by keyboard alone (the htmx result is an aria-live region)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tukiverkko.core.tests.browser import check_page, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def score_by_keyboard(page: Page) -> None:
    tab_to(page, "#id_age")
    page.keyboard.type("24")
    tab_to(page, "#id_work_ability_score")
    page.keyboard.type("5")
    page.keyboard.press("Tab")  # leaving the field sends it (htmx on change)
    expect(page.locator("#tkm-result")).to_contain_text("Työkyvyn tarkempi selvittäminen: tarpeen.")


@pytest.mark.parametrize(
    ("path", "walk"), [("/tyokykymittari/", score_by_keyboard), ("/sv/tyokykymittari/", None)]
)
def test_tyokykymittari(context, live_server, path, walk) -> None:
    assert check_page(context, live_server.url + path, walk=walk) == []
