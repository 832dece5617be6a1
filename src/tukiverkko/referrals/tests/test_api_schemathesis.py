"""Property-based run of the referrals API against its own OpenAPI document, in-process, as a
logged-in sender with a case and a sent referral: no 5xx, and every answer as documented
(statuses, content types, schemas). Bounded and derandomised."""

from __future__ import annotations

import pytest
import schemathesis
from django.test import Client as HttpClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth

from tukiverkko.referrals.models import Status
from tukiverkko.referrals.tests.factories import a_referral_in, a_world
from tukiverkko.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag="referrals"
)
CSRF = "a" * 32


@pytest.fixture
def session(db):
    world = a_world()
    a_referral_in(Status.SENT, world)
    http = HttpClient()
    http.force_login(world.sender)
    return http.cookies["sessionid"].value


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_referrals_api_conforms_to_its_openapi(case, session, keep_test_connection):
    # The session is the test's own cookie, not the document's security scheme: the check that
    # a request without it is refused is the authorisation matrix's (access/tests).
    case.cookies = {"sessionid": session, "csrftoken": CSRF}
    case.call_and_validate(headers={"X-CSRFToken": CSRF}, excluded_checks=[ignored_auth])
