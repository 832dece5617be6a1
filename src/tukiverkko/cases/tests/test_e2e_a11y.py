"""Issue 18 on the professionals' client pages, by URL and role (so the tests survive moving the
templates): my clients, a client page with each of its action forms, the new-client and
caseload forms — at 320 px, 200 % zoom with text spacing, and by keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.accounts.models import Role
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional
from tukiverkko.core.tests.browser import check_page, logged_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(browser: Browser, live_server) -> Iterator[tuple[BrowserContext, int]]:
    user = a_professional("koordinaattori", role=Role.WORK_ABILITY_COORDINATOR)
    # A contact line as long as real ones get: it must wrap, not run over the next label.
    case = a_case_in_phase(
        Phase.JOINT_PLAN,
        user,
        first="Maija-Liisa",
        last="Meikäläinen-Virtanen",
    )
    client = case.client
    client.email = "maija-liisa.meikalainen-virtanen@esimerkkiorganisaatio.example.fi"
    client.phone = "+358 40 123 4567"
    client.address = "Pitkäpellontie 123 B 45, 18100 Heinola"
    client.save()
    context = logged_in(browser, live_server.url, user)
    yield context, client.pk
    context.close()


def _reveal_and_write_by_keyboard(page: Page) -> None:
    # the henkilötunnus: the button is replaced by the code, focus follows it (core/a11y.js)
    tab_to(page, "#hetu button")
    page.keyboard.press("Enter")
    expect(page.locator("#hetu")).to_contain_text("kirjattiin lokiin")
    expect(page.locator("#hetu")).to_be_focused()
    # a journal entry: the closed form opens with Enter, loads, and focus lands on its first
    # field (decision 0337); typed and saved by keyboard
    tab_to(page, "#journal-form > summary")
    page.keyboard.press("Enter")
    expect(page.locator("#journal-form select[name=category]")).to_be_focused()
    expect(page.locator("#journal-form")).to_have_attribute("open", "")
    tab_to(page, "textarea[name=text]")
    page.keyboard.type("Työkokeilu sovittu näppäimistöllä.")
    tab_to(page, "form[action$='/kirjaus/'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Työkokeilu sovittu näppäimistöllä.")
    # a quick-guide step marked done: opened with Space, the first step is chosen, Space on
    # the button sends it
    tab_to(page, "#checklist-form > summary")
    page.keyboard.press("Space")
    expect(page.locator("#checklist-form select[name=step]")).to_be_focused()
    tab_to(page, "form[action$='/pikaopas/'] button[type=submit]")
    page.keyboard.press("Space")
    expect(page.locator(".checklist li.done").first).to_be_visible()


def test_client_page_by_keyboard_and_at_320_px(coordinator, live_server) -> None:
    context, client_id = coordinator
    url = f"{live_server.url}/asiakkaat/{client_id}/"
    assert check_page(context, url, walk=_reveal_and_write_by_keyboard) == []


def _open_the_client(page: Page) -> None:
    tab_to(page, "main table a[href*='/asiakkaat/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maija-Liisa")


@pytest.mark.parametrize(
    ("path", "walk"),
    [
        ("/asiakkaat/", _open_the_client),
        ("/asiakkaat/uusi/", None),
        ("/asiakkaat/siirra-asiakkuudet/", None),
    ],
)
def test_professional_pages_at_320_px_and_by_keyboard(coordinator, live_server, path, walk) -> None:
    context, _client_id = coordinator
    assert check_page(context, live_server.url + path, walk=walk) == []
