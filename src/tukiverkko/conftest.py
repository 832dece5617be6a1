"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from tukiverkko.core.tests.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run."""
    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # inside one unless told; set only while the browser lives, then put back.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # An assertion waits up to 15 s for the page to show what it expects (Playwright's default is
    # 5 s): under the CI's load — coverage, a worker per core, the live server in the same
    # process — an htmx answer took longer than 5 s. What is expected is unchanged.
    expect.set_options(timeout=15_000)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (no cookies, Finnish), closed after the test."""
    context = browser.new_context(locale="fi-FI")
    yield context
    context.close()


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """For requests sent straight to the WSGI application (the schemathesis runs): keep the
    test's database connection open between them, as django.test.Client does — PostgreSQL would
    otherwise lose the test's transaction when Django closes "old" connections at the end of a
    request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
