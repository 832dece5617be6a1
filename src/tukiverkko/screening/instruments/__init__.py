"""The scored screening instruments (pure Python, no Django).

``INSTRUMENTS`` maps the contract's instrument ids (instrument-result.schema.json) to their
definitions; ``score(instrument_id, answers)`` validates and scores in one call.
"""

from __future__ import annotations

from collections.abc import Mapping

from tukiverkko.screening.instruments.audit import AUDIT, AUDIT_C
from tukiverkko.screening.instruments.base import (
    AnswerError,
    Instrument,
    InstrumentResult,
    Problem,
)
from tukiverkko.screening.instruments.gad7 import GAD7
from tukiverkko.screening.instruments.odi import ODI
from tukiverkko.screening.instruments.phq9 import PHQ9
from tukiverkko.screening.instruments.wai import WAI
from tukiverkko.screening.instruments.was import WAS

INSTRUMENTS: Mapping[str, Instrument] = {
    instrument.id: instrument for instrument in (WAS, WAI, PHQ9, GAD7, AUDIT, AUDIT_C, ODI)
}

__all__ = [
    "INSTRUMENTS",
    "AnswerError",
    "Instrument",
    "InstrumentResult",
    "Problem",
    "answers_from_form",
    "score",
]


def score(instrument_id: str, answers: Mapping[str, object]) -> InstrumentResult:
    """Score one answer set; KeyError for an unknown instrument, AnswerError for bad answers."""
    return INSTRUMENTS[instrument_id].score(answers)


def answers_from_form(instrument: Instrument, post: Mapping[str, str]) -> dict[str, object]:
    """Form values (the screening page's, a case's assessment form) → the answers mapping; a
    non-number stays a string for the validator, an empty value is left out."""
    answers: dict[str, object] = {}
    for item in instrument.items:
        raw = (post.get(item.id) or "").strip()
        if raw:
            answers[item.id] = int(raw) if raw.lstrip("-").isdigit() else raw
    for name in instrument.extras:
        raw = (post.get(name) or "").strip()
        if raw:
            answers[name] = raw
    return answers
