"""Property-based run of /api/v1/plans/ against its own OpenAPI document, in-process (as the
catalogue's): a logged-in professional with a plan, every generated request answered without a
5xx and as documented (status codes, content types, schemas). Bounded and derandomised."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client as HttpClient
from django.urls import reverse
from hypothesis import HealthCheck, settings

from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.plans.tests.factories import a_plan_with_goals
from tukiverkko.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(tag="plans")


@pytest.fixture
def session() -> dict[str, str]:
    """A professional's session and CSRF cookies, with a plan (the generated ids hit it or a
    404; the unsafe methods pass the CSRF check and reach the actions)."""
    worker = a_professional()
    a_plan_with_goals(by=worker)
    http = HttpClient()
    http.force_login(worker)
    http.get(reverse("cases:mine"))
    return {name: str(morsel.value) for name, morsel in http.cookies.items()}


@pytest.fixture
def keep_test_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_plans_api_conforms_to_its_openapi(case, session, keep_test_connection):
    token = session[django_settings.CSRF_COOKIE_NAME]
    case.call_and_validate(
        cookies=session, headers={"X-CSRFToken": token, "Referer": "https://localhost/"}
    )
