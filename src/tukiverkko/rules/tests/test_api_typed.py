"""The rules API answers with the typed Recommendation (contracts/recommendation.py) — and the
type leaves the engine's answer as it is: nothing dropped, nothing added."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tukiverkko.rules.engine import recommend
from tukiverkko.rules.situation import validate

SITUATIONS = [
    {"reference_date": "2024-06-01"},
    {"age": 22, "reference_date": "2024-06-01"},
    {"age": 45, "work_ability_score": 4, "reference_date": "2025-03-01"},
]


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_api_answer_is_exactly_the_engines(client: Client, situation: dict[str, object]):
    # when the same situation is asked of the API and of the engine
    response = client.post(
        "/api/v1/rules/recommend", json.dumps(situation), content_type="application/json"
    )
    # then the typed answer is the engine's, key for key
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(recommend(validate(situation))))


def test_the_openapi_document_publishes_the_recommendation(client: Client):
    schema = client.get("/api/v1/openapi.json").json()
    ok = schema["paths"]["/api/v1/rules/recommend"]["post"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Recommendation"
    }
    assert set(schema["components"]["schemas"]["Recommendation"]["required"]) == {
        "reference_date",
        "work_ability",
        "services",
        "routes",
        "next_questions",
    }
