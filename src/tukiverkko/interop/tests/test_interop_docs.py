"""docs/interop.md names every interop command, CSV column and catalogue endpoint."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from tukiverkko.catalogue.csv_io import COLUMNS, TEXTS

DOC = (settings.BASE_DIR / "docs" / "interop.md").read_text("utf-8")
OPENAPI = json.loads((settings.BASE_DIR / "docs" / "api" / "openapi.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "command",
    ["export-hsds", "export-csv", "import-csv", "export-openapi", "export-ptv", "import-ptv"],
)
def test_command_is_documented(command):
    assert f"tukiverkko {command}" in DOC


TEXT_COLUMNS = {f"{t}_{lang}" for t in TEXTS for lang in ("fi", "sv", "en")}


@pytest.mark.parametrize("column", [c for c in COLUMNS if c not in TEXT_COLUMNS])
def test_csv_column_is_documented(column):
    assert f"`{column}`" in DOC


@pytest.mark.parametrize("text", TEXTS)
def test_csv_text_columns_are_documented(text):
    # as `what_fi` … or `why_*`
    assert f"`{text}_fi`" in DOC or f"`{text}_*`" in DOC


@pytest.mark.parametrize(
    "path",
    [
        path
        for path, ops in OPENAPI["paths"].items()
        if any("catalogue" in op.get("tags", []) for op in ops.values())
    ],
)
def test_catalogue_endpoint_is_documented(path):
    assert f"GET {path}`" in DOC
