import json

import jsonschema
from django.test import Client
from hypothesis import HealthCheck, given, settings

from tukiverkko.contracts import schema
from tukiverkko.screening.api import answers_schema
from tukiverkko.screening.instruments import INSTRUMENTS
from tukiverkko.screening.tests.builders import with_total
from tukiverkko.screening.tests.strategies import any_instrument_answers

VALIDATOR = jsonschema.Draft202012Validator(schema("instrument-result"))


def post(client: Client, instrument: str, body: object) -> tuple[int, object]:
    response = client.post(
        f"/api/v1/screening/{instrument}/score",
        data=json.dumps(body),
        content_type="application/json",
    )
    return response.status_code, response.json()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=any_instrument_answers())
def test_api_scores_any_valid_answers_per_contract(
    client: Client, case: tuple[str, dict[str, object]]
) -> None:
    # given any valid answers / when posted / then 200 and a contract-valid result
    instrument, answers = case
    status, body = post(client, instrument, answers)
    assert status == 200
    VALIDATOR.validate(body)
    assert isinstance(body, dict)
    assert body["instrument"] == instrument


def test_api_keeps_integer_scores_integers(client: Client) -> None:
    status, body = post(client, "was", {"score": 6})
    assert status == 200
    assert body == {
        "instrument": "was",
        "score": 6,
        "max_score": 10,
        "band": "needs_assessment",
        "interpretation": body["interpretation"],  # type: ignore[index]
        "flags": [],
        "source": INSTRUMENTS["was"].source,
        "details": {"research_band": "moderate"},
    }
    assert isinstance(body["score"], int)  # type: ignore[index]


def test_openapi_documents_each_instrument_with_its_answers_schema(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for instrument in INSTRUMENTS:
        assert f"/api/v1/screening/{instrument}" in paths
        body = paths[f"/api/v1/screening/{instrument}/score"]["post"]["requestBody"]
        assert body["content"]["application/json"]["schema"] == answers_schema(
            INSTRUMENTS[instrument]
        )


@settings(max_examples=200, deadline=None)
@given(any_instrument_answers())
def test_every_valid_answer_set_fits_the_documented_answers_schema(
    case: tuple[str, dict[str, object]],
) -> None:
    instrument, answers = case
    jsonschema.validate(answers, answers_schema(INSTRUMENTS[instrument]))


def test_the_answers_schema_rejects_what_the_api_rejects() -> None:
    schema = answers_schema(INSTRUMENTS["odi"])
    three_missing = {f"s{i}": 1 for i in range(1, 8)}
    assert not jsonschema.Draft202012Validator(schema).is_valid(three_missing)
    assert not jsonschema.Draft202012Validator(answers_schema(INSTRUMENTS["was"])).is_valid({})


def test_api_bad_answers_are_422_naming_every_item(client: Client) -> None:
    # given a string, an out-of-range value and an unknown id
    answers = with_total("gad7", 3) | {"q1": "2", "q2": 9, "extra": 1}
    # when posted / then 422 with each item, its code and a plain message
    status, body = post(client, "gad7", answers)
    assert status == 422
    assert [(p["field"], p["code"]) for p in body["errors"]] == [  # type: ignore[index]
        ("extra", "unknown"),
        ("q1", "not_integer"),
        ("q2", "not_allowed"),
    ]


def test_api_unknown_instrument_is_404(client: Client) -> None:
    response = client.post("/api/v1/screening/beck/score", "{}", content_type="application/json")
    assert response.status_code == 404
    assert client.get("/api/v1/screening/beck").status_code == 404


def test_api_bad_json_and_nulls_are_422_naming_the_problem(client: Client) -> None:
    bad = client.post("/api/v1/screening/was/score", "{", content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["code"] == "bad_json"
    # the API wants a left-out ODI section omitted, not null
    status, body = post(client, "odi", {f"s{i}": 1 for i in range(1, 10)} | {"s10": None})
    assert status == 422
    assert body == {
        "type": "about:blank",
        "title": "Virheellinen arvo",
        "status": 422,
        "detail": "Tarkista kentät: Kohta 10.",
        "errors": [
            {
                "location": "body",
                "field": "s10",
                "code": "not_integer",
                "message": "Kohta 10: valitse jokin annetuista vaihtoehdoista.",
                "label": "Kohta 10",
            }
        ],
    }


def test_api_non_object_body_is_422(client: Client) -> None:
    status, _ = post(client, "was", [6])
    assert status == 422


def test_api_lists_and_describes_instruments(client: Client) -> None:
    listing = client.get("/api/v1/screening/").json()
    assert [i["id"] for i in listing] == list(INSTRUMENTS)
    audit = client.get("/api/v1/screening/audit").json()
    assert audit["extras"] == {"sex": ["male", "female"]}
    assert audit["items"][8]["options"] == [
        {"value": 0, "label": "Ei"},
        {"value": 2, "label": "On, mutta ei viimeisen vuoden aikana"},
        {"value": 4, "label": "Kyllä, viimeisen vuoden aikana"},
    ]
    assert client.get("/api/v1/screening/odi").json()["max_missing"] == 2
