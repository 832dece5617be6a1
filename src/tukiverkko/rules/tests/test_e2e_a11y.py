"""Issue 18 on the Työkykymittari: 320 px, 200 % zoom with text spacing, and the live result
reached by keyboard alone (the htmx result is an aria-live region)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tukiverkko.core.tests.browser import check_page, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that changes an answer, and wait until htmx has sent it and swapped the
    form back in (focus returns to the same field), as a keyboard user would before going on."""
    settled = page.evaluate("window.tkmSettled || 0")
    page.keyboard.press(key)
    page.wait_for_function("(n) => (window.tkmSettled || 0) > n", arg=settled)


def choose(page: Page, first_option: str, steps: int) -> None:
    """Tab into a radio group (focus lands on its first option) and move with the arrow keys,
    which is how a keyboard user checks a radio button."""
    tab_to(page, first_option)
    for _ in range(steps):
        press_and_wait(page, "ArrowRight")
    chosen = first_option.removesuffix("_0") + f"_{steps}"
    expect(page.locator(chosen)).to_be_checked()
    expect(page.locator(chosen)).to_be_focused()


def score_by_keyboard(page: Page) -> None:
    # the two-step tool of seed [000]: 0-10, then challenge and need, then where to refer;
    # each answer is sent on change (htmx) and the next question appears
    page.evaluate(
        "document.body.addEventListener('htmx:afterSettle',"
        " () => { window.tkmSettled = (window.tkmSettled || 0) + 1 })"
    )
    choose(page, "#id_score_0", 4)
    expect(page.locator("#id_needs_0")).to_be_visible()
    choose(page, "#id_treated_0", 2)  # not treated
    tab_to(page, "#id_needs_1")  # the needs are checkboxes: Space ticks one
    press_and_wait(page, "Space")  # rehabilitation
    expect(page.locator("#id_needs_1")).to_be_checked()
    choose(page, "#id_has_occupational_health_care_0", 2)  # no
    choose(page, "#id_unemployed_0", 1)  # yes
    expect(page.locator("#tkm-next")).to_contain_text(
        "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria"
    )


@pytest.mark.parametrize(
    ("path", "walk"), [("/tyokykymittari/", score_by_keyboard), ("/sv/tyokykymittari/", None)]
)
def test_tyokykymittari(context, live_server, path, walk) -> None:
    assert check_page(context, live_server.url + path, walk=walk) == []
