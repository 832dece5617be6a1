from __future__ import annotations

from typing import Any

import pytest

from tukiverkko.rules.engine import recommend
from tukiverkko.rules.situation import validate


def _recommend(**facts: Any) -> dict[str, Any]:
    facts.setdefault("reference_date", "2025-06-01")
    return recommend(validate(facts))


def _status(slug: str, **facts: Any) -> str:
    services = {s["service_type"]: s for s in _recommend(**facts)["services"]}
    return str(services[slug]["status"])


@pytest.fixture
def recommend_for():
    return _recommend


@pytest.fixture
def status_for():
    return _status
