"""Issue 18 on login and logout: 320 px, 200 % zoom with text spacing, and a login by keyboard
alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_by_keyboard(page: Page) -> None:
    tab_to(page, "input[name=username]")
    page.keyboard.type("nappaimisto")
    tab_to(page, "input[name=password]")
    page.keyboard.type("nappaimisto-salasana-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Kirjaudu ulos")).to_be_visible()


def test_login_page(context, live_server) -> None:
    # given a professional with a password
    user = a_professional("nappaimisto", role=Role.SOCIAL_WORKER)
    user.set_password("nappaimisto-salasana-123")
    user.save()
    # then
    url = f"{live_server.url}/tili/kirjaudu/"
    assert check_page(context, url, walk=log_in_by_keyboard) == []


def test_logout_page(browser: Browser, live_server) -> None:
    context = logged_in(browser, live_server.url, a_professional(role=Role.SOCIAL_WORKER))
    try:
        assert check_page(context, f"{live_server.url}/tili/ulos/") == []
    finally:
        context.close()
