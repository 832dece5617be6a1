"""/api/v1/screening/: list and describe the instruments, score one answer set.

The same pure functions as the ``score`` command and the pages. Nothing is stored or logged.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from tukiverkko.api.errors import FieldProblem, Problem, ProblemError, field_problem, invalid
from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, Instrument
from tukiverkko.screening.instruments import Problem as AnswerProblem
from tukiverkko.screening.messages import item_refs, problem_text

router = Router(tags=["screening"])


class InstrumentResultOut(Schema):
    """contracts/instrument-result.schema.json (+ optional ``details``)."""

    instrument: str
    score: int | float
    max_score: int | float
    band: str
    interpretation: str
    flags: list[str]
    source: str
    details: dict[str, int | float | str] | None = None


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    id: str
    text: str
    options: list[OptionOut]


class BandOut(Schema):
    slug: str
    range: str
    label: str
    interpretation: str


class InstrumentOut(Schema):
    id: str
    name: str
    min_score: int | float
    max_score: int | float
    source: str
    max_missing: int
    extras: dict[str, list[str]]
    items: list[ItemOut]
    bands: list[BandOut]


def _describe(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "min_score": instrument.min_score,
        "max_score": instrument.max_score,
        "source": instrument.source,
        "max_missing": instrument.max_missing,
        "extras": {k: list(v) for k, v in instrument.extras.items()},
        "items": [
            {
                "id": item.id,
                "text": item.label("fi"),
                "options": [{"value": o.value, "label": o.text("fi")} for o in item.options],
            }
            for item in instrument.items
        ],
        "bands": [
            {"slug": b.slug, "range": b.range, "label": b.label, "interpretation": b.interpretation}
            for b in instrument.bands
        ],
    }


@router.get("/", response=list[InstrumentOut], summary="List the screening instruments")
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_describe(instrument) for instrument in INSTRUMENTS.values()]


def answers_schema(instrument: Instrument) -> dict[str, Any]:
    """The JSON Schema of one instrument's answers object (documents the items in OpenAPI)."""
    properties: dict[str, Any] = {
        item.id: {
            "enum": list(item.allowed),
            "description": item.label("fi"),
        }
        for item in instrument.items
    }
    for name, allowed in instrument.extras.items():
        properties[name] = {"enum": list(allowed), "description": "Finnish cut-off by sex."}
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if instrument.optional_items:
        # Sections may be left out (omit the key), at most max_missing of them.
        schema["minProperties"] = len(instrument.items) - instrument.max_missing
    else:
        schema["required"] = [item.id for item in instrument.items]
    return schema


def _item_problem(instrument: Instrument, problem: AnswerProblem) -> FieldProblem:
    """An answer problem as the page words it (screening.messages), for one item."""
    label = _("Kohta %(item)s") % {"item": item_refs(instrument).get(problem.item, problem.item)}
    return field_problem(problem.item, problem.code, problem_text(instrument, problem), label=label)


def _body_problem(code: str, message: str) -> ProblemError:
    return invalid([field_problem("answers", code, message, label=_("Vastaukset"))])


def _score(instrument: Instrument, body: bytes) -> dict[str, Any]:
    # The body is read here, not by ninja, so that every error — bad JSON, not an object, a bad
    # item — has the same 422 problem naming the item.
    try:
        answers = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _body_problem(
            "bad_json", _("Vastaukset: pyynnön runko ei ole kelvollista JSONia.")
        ) from exc
    if not isinstance(answers, dict):
        raise _body_problem(
            "not_object", _("Vastaukset: anna JSON-olio, jossa kohdan tunnus → kokonaisluku.")
        )
    # The API is strict where the command line is lenient: leave an ODI section out by omitting
    # its key, not by sending null.
    nulls = [
        _item_problem(instrument, AnswerProblem(key, "not_integer", None))
        for key, value in answers.items()
        if value is None
    ]
    if nulls:
        raise invalid(nulls)
    try:
        result = instrument.score(answers)
    except AnswerError as exc:
        raise invalid([_item_problem(instrument, p) for p in exc.problems]) from exc
    return result.to_dict()


def _register(instrument: Instrument) -> None:
    """GET /{id} and POST /{id}/score for one instrument, with its own answers schema."""

    def describe_instrument(request: HttpRequest) -> dict[str, Any]:
        return _describe(instrument)

    def score_instrument(request: HttpRequest) -> dict[str, Any]:
        return _score(instrument, request.body)

    router.get(
        f"/{instrument.id}",
        response={200: InstrumentOut},
        summary=f"Describe {instrument.id}: items (Finnish), allowed answers, bands, source",
        operation_id=f"describe_{instrument.id}",
    )(describe_instrument)
    router.post(
        f"/{instrument.id}/score",
        response={200: InstrumentResultOut, 422: Problem},
        summary=f"Score {instrument.id}",
        description=(
            "Body: the answers object, item id → integer (see the schema). 422 names every bad "
            "item. The result follows contracts/instrument-result.schema.json."
        ),
        operation_id=f"score_{instrument.id}",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": answers_schema(instrument)}},
            }
        },
    )(score_instrument)


for _instrument in INSTRUMENTS.values():
    _register(_instrument)
