"""The task pages in real Chromium (axe-core, 320 px, 200 % zoom with text spacing, the
keyboard): my tasks, and marking one done with a note by the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tukiverkko.core.tests.browser import check_page, logged_in, tab_to
from tukiverkko.followup import jobs
from tukiverkko.followup.models import Task
from tukiverkko.followup.tests.factories import a_planned_case, a_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner(browser: Browser, live_server) -> Iterator[tuple[BrowserContext, Task]]:
    worker = a_worker()
    a_planned_case(worker, review_in=-1, first="Olli")
    a_planned_case(worker, review_in=5, first="Tuuli")
    jobs.run_reminders()
    context = logged_in(browser, live_server.url, worker)
    yield context, Task.objects.open().order_by("due").first()
    context.close()


def test_my_tasks_at_320_px(owner, live_server) -> None:
    context, _task = owner
    assert check_page(context, f"{live_server.url}/tehtavat/") == []


def _mark_by_keyboard(page: Page) -> None:
    tab_to(page, "#id_note")
    page.keyboard.type("Arvioitu puhelimessa asiakkaan kanssa.")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Tehtäväni")


def test_marking_a_task_done_by_keyboard_and_at_320_px(owner, live_server) -> None:
    context, task = owner
    url = f"{live_server.url}/tehtavat/{task.pk}/tehty/"
    assert check_page(context, url, walk=_mark_by_keyboard) == []
    task.refresh_from_db()
    assert task.closed_how == "marked"
