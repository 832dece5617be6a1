"""One error shape for the whole API (RFC 9457), in the caller's language."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tukiverkko.api.v1 import api

pytestmark = pytest.mark.django_db


def problem(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    assert body["type"] == "about:blank"
    assert body["status"] == response.status_code
    return body


@pytest.mark.parametrize(
    ("method", "path", "data", "status"),
    [
        ("get", "/api/v1/services", {"age": "-1"}, 422),  # a bad query parameter
        ("get", "/api/v1/services/olematon", {}, 404),  # nothing there
        ("get", "/api/v1/clients/", {}, 401),  # not logged in
        ("get", "/api/v1/audit/clients/1/access-log", {}, 401),
        ("post", "/api/v1/rules/recommend", {"age": 500}, 400),  # a bad situation
        ("post", "/api/v1/screening/was/score", {"score": 11}, 422),  # a bad answer
    ],
)
def test_every_refusal_is_a_problem_document(
    client: Client, method: str, path: str, data: dict[str, Any], status: int
) -> None:
    # when
    if method == "get":
        response = client.get(path, data)
    else:
        response = client.post(path, json.dumps(data), content_type="application/json")
    # then
    assert response.status_code == status
    body = problem(response)
    assert body["title"] and body["detail"]


def test_a_bad_parameter_is_named_with_its_label_in_the_callers_language(client: Client) -> None:
    # when the same bad age is sent in Finnish (no preference), Swedish and English
    answers = {
        lang: problem(client.get("/api/v1/services", {"age": "200"}, HTTP_ACCEPT_LANGUAGE=lang))
        for lang in ("fi", "sv", "en")
    }
    # then the field is named the same way for programs, and for people in each language
    for body in answers.values():
        assert [(e["location"], e["field"], e["code"]) for e in body["errors"]] == [
            ("query", "age", "less_than_equal")
        ]
    assert answers["fi"]["errors"][0]["message"] == "Asiakkaan ikä: enintään 120."
    assert answers["sv"]["errors"][0]["message"] == "Klientens ålder: högst 120."
    assert answers["en"]["errors"][0]["message"] == "Client's age: at most 120."
    assert answers["en"]["title"] == "Invalid value"


def test_the_openapi_document_declares_every_4xx_as_a_problem() -> None:
    # given the document / then each error response is application/problem+json with Problem
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if str(status).startswith("4"):
                    assert list(response["content"]) == ["application/problem+json"], (path, method)
                    schema = response["content"]["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}, (path, method)


def test_operation_ids_follow_the_routers_tag_not_the_module() -> None:
    # given the clients router, which lives in the cases app / then its ids say "clients"
    ids = {
        op["operationId"]
        for ops in api.get_openapi_schema()["paths"].values()
        for op in ops.values()
    }
    assert "tukiverkko_clients_api_client_detail" in ids
    assert not any(i.startswith("tukiverkko_cases_") for i in ids)
