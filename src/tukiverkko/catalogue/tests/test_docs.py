"""Every catalogue page is documented in docs/catalogue.md (STYLE 17: docs are tested)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tukiverkko.catalogue import urls

DOC = Path(__file__).resolve().parents[4] / "docs" / "catalogue.md"


@pytest.mark.parametrize("name", [p.name for p in urls.urlpatterns if p.name])
def test_every_catalogue_url_is_documented(name):
    assert f"`catalogue:{name}`" in DOC.read_text(encoding="utf-8"), f"document catalogue:{name}"


def test_the_benchmark_command_is_documented():
    assert "benchmarks/catalogue_search.py" in DOC.read_text(encoding="utf-8")
