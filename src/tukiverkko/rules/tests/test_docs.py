"""docs/rules.md documents every command, endpoint and service type (STYLE 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tukiverkko.rules.definitions import RULES

DOC = (Path(__file__).parents[4] / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "needle",
    [
        "tukiverkko recommend --input",
        "--format text",
        "tukiverkko screen",
        "--reference-date",
        "--chunk-size",
        "--no-progress",
        ".errors.csv",
        "/tyokykymittari/",
        "POST /api/v1/rules/recommend",
        "GET /api/v1/rules/service-types",
        "benchmarks/rules_population.py",
    ],
)
def test_interface_is_documented(needle):
    assert needle in DOC


@pytest.mark.parametrize("slug", [r.slug for r in RULES])
def test_every_service_type_is_documented(slug):
    assert f"`{slug}`" in DOC
