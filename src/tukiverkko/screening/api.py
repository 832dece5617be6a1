"""/api/v1/screening/: list and describe the instruments, score one answer set.

The same pure functions as the ``score`` command and the pages. Nothing is stored or logged.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Schema

from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, Instrument

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


class ProblemOut(Schema):
    item: str
    code: str
    message: str


class ProblemsOut(Schema):
    detail: list[ProblemOut]


class NotFoundOut(Schema):
    detail: str


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


@router.get(
    "/{instrument}",
    response={200: InstrumentOut, 404: NotFoundOut},
    summary="Describe one instrument: items (Finnish), allowed answers, bands, source",
)
def describe_instrument(request: HttpRequest, instrument: str) -> tuple[int, dict[str, Any]]:
    found = INSTRUMENTS.get(instrument)
    if found is None:
        return 404, {"detail": f"unknown instrument {instrument!r}"}
    return 200, _describe(found)


@router.post(
    "/{instrument}/score",
    response={200: InstrumentResultOut, 404: NotFoundOut, 422: ProblemsOut},
    summary="Score one answer set (JSON object item id → integer; AUDIT/AUDIT-C also sex)",
)
def score_instrument(
    request: HttpRequest, instrument: str, answers: Body[dict[str, Any]]
) -> tuple[int, dict[str, Any]]:
    found = INSTRUMENTS.get(instrument)
    if found is None:
        return 404, {"detail": f"unknown instrument {instrument!r}"}
    try:
        result = found.score(answers)
    except AnswerError as exc:
        return 422, {
            "detail": [{"item": p.item, "code": p.code, "message": p.message} for p in exc.problems]
        }
    return 200, result.to_dict()
