"""export-openapi writes the whole API's document; the committed copy never drifts from it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from tukiverkko.interop.management.commands.export_openapi import openapi_text

pytestmark = pytest.mark.django_db


def test_openapi_is_served_and_the_committed_copy_has_not_drifted(client):
    # given the document the running API serves
    served = client.get("/api/v1/openapi.json").json()
    committed = (settings.BASE_DIR / "docs" / "api" / "openapi.json").read_text("utf-8")
    # then the committed file is exactly what export-openapi writes, and what is served.
    # Regenerate with:  tukiverkko export-openapi docs/api/openapi.json
    assert committed == openapi_text()
    assert json.loads(committed)["paths"] == served["paths"]


def test_export_openapi_writes_the_file_or_standard_output(tmp_path):
    # when
    out = StringIO()
    call_command("export_openapi", str(tmp_path / "api" / "openapi.json"), stdout=out)
    stdout = StringIO()
    call_command("export_openapi", "-", stdout=stdout)
    # then both are the document
    assert (tmp_path / "api" / "openapi.json").read_text("utf-8") == openapi_text()
    assert stdout.getvalue() == openapi_text()
    assert "OpenAPI written to" in out.getvalue()
