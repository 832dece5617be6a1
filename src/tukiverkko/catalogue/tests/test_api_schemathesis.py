"""Property-based run of the catalogue API against its own OpenAPI document, in-process.

Schemathesis generates requests from /api/v1/openapi.json and sends them straight to the WSGI
application (no server, no network). Every response must be no 5xx and must conform to the
documented status codes, content types and schemas. Bounded and derandomised: the same
examples run every time.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue
from tukiverkko.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag="catalogue"
)


@pytest.fixture
def catalogue(tmp_path):
    load_rich_catalogue(tmp_path)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_catalogue_api_conforms_to_its_openapi(case, catalogue, keep_test_connection):
    case.call_and_validate()
