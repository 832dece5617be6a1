from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tukiverkko.contracts import schema
from tukiverkko.rules.definitions import RULES


def test_recommend_endpoint_answers_the_contract(client):
    response = client.post(
        "/api/v1/rules/recommend",
        json.dumps({"age": 22, "reference_date": "2024-06-01"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    Draft202012Validator(schema("recommendation")).validate(response.json())


def test_recommend_endpoint_names_the_bad_field(client):
    response = client.post(
        "/api/v1/rules/recommend", json.dumps({"age": 500, "x": 1}), content_type="application/json"
    )
    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("age", "maximum"),
        ("x", "unknown_field"),
    }


def test_service_types(client):
    assert client.get("/api/v1/rules/service-types").json() == [r.slug for r in RULES]
