"""Issue 18 on the home page and the API docs page (Swagger UI, core/swagger.html): 320 px,
200 % zoom with text spacing, and an API operation opened by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tukiverkko.core.tests.browser import check_page, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_an_operation_by_keyboard(page: Page) -> None:
    tab_to(page, "button.opblock-summary-control")
    page.keyboard.press("Enter")
    expect(page.locator("button.opblock-summary-control").first).to_have_attribute(
        "aria-expanded", "true"
    )


@pytest.mark.parametrize(
    ("path", "walk"), [("/", None), ("/api/v1/docs", open_an_operation_by_keyboard)]
)
def test_home_and_api_docs(context, live_server, path, walk) -> None:
    assert check_page(context, live_server.url + path, walk=walk) == []
