"""The referral pages in real Chromium (axe-core, 320 px, 200 % zoom with text spacing, the
keyboard): the form on a case, the referral page with its history and buttons, the inbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.core.tests.browser import check_page, logged_in, tab_to
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import World, a_referral_in, a_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world() -> World:
    return a_world()


@pytest.fixture
def receiver(browser: Browser, live_server, world) -> Iterator[tuple[BrowserContext, Referral]]:
    referral = a_referral_in(Status.RECEIVED, world)
    context = logged_in(browser, live_server.url, world.receiver)
    yield context, referral
    context.close()


@pytest.fixture
def sender(browser: Browser, live_server, world) -> Iterator[BrowserContext]:
    context = logged_in(browser, live_server.url, world.sender)
    yield context
    context.close()


def _accept_by_keyboard(page: Page) -> None:
    tab_to(page, "form[action$='/hyvaksy/'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".where")).to_contain_text("odottaa aloitusta")


def test_the_referral_page_by_keyboard_and_at_320_px(receiver, live_server) -> None:
    context, referral = receiver
    url = f"{live_server.url}/lahetteet/{referral.pk}/"
    assert check_page(context, url, walk=_accept_by_keyboard) == []


def test_the_inbox_at_320_px(receiver, live_server) -> None:
    context, _referral = receiver
    assert check_page(context, f"{live_server.url}/lahetteet/") == []


def test_the_referral_form_at_320_px(sender, live_server, world) -> None:
    url = f"{live_server.url}/lahetteet/asiakkuus/{world.case.pk}/uusi/"
    assert check_page(sender, url) == []
