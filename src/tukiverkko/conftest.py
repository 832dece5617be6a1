"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tukiverkko.core.tests.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run."""
    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # inside one unless told; set only while the browser lives, then put back.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """The database as migrated, kept for every transactional test with serialized_rollback.

    Django keeps that copy on the connection object; but once Playwright's sync API runs in the
    thread, Django's connection objects are made anew in another context (asgiref's Local), so
    the copy was lost and every end-to-end test after the first ran without the migrations' rows
    (need areas, access routes). On the class it reaches every connection object.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents  # type: ignore[attr-defined]
