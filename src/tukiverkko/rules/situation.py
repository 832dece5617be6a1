"""Validate one ClientSituation against its contract and normalise it for the rules.

Validation uses jsonschema on the fixed contract (``client-situation.schema.json``); on top of
it two things the schema cannot say: ``age`` must agree with ``birth_date`` at the reference
date, and a birth date cannot be after it. ``reference_date`` defaults to today in
Europe/Helsinki.

The normalised facts add fields the rules read but nobody types in (:data:`DERIVED`): ``age``
from the birth date, the exact age in whole months (``age_exact``, years) and the latest
possible birth year (``birth_year_latest``) — the population interpreter derives the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from tukiverkko.contracts import schema

HELSINKI = ZoneInfo("Europe/Helsinki")
SCHEMA = schema("client-situation")
PROPERTIES: dict[str, Any] = SCHEMA["properties"]


@cache
def _validator() -> Any:
    """The contract's validator, built on first use: population screening never needs it,
    and importing jsonschema is a tenth of the screen command's start-up."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(SCHEMA, format_checker=FormatChecker())


#: Derived fact → the ClientSituation field to ask for when it is missing.
DERIVED: dict[str, str] = {"age_exact": "birth_date", "birth_year_latest": "age"}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: ``code`` is stable (for translated messages), ``reason`` plain."""

    field: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class SituationError(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Situation:
    """A valid situation: the facts (``age`` filled in from ``birth_date``) and its date."""

    facts: dict[str, Any]
    reference_date: dt.date


def today() -> dt.date:
    return dt.datetime.now(HELSINKI).date()


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_at(birth: dt.date, day: dt.date) -> int:
    """Whole months of age on ``day``."""
    return (day.year - birth.year) * 12 + day.month - birth.month - (day.day < birth.day)


def validate(data: Any, default_date: dt.date | None = None) -> Situation:
    """The normalised situation, or :class:`SituationError` naming every bad field."""
    if not isinstance(data, dict):
        raise SituationError([FieldError("(root)", "type", "expected a JSON object")])
    errors = [
        FieldError(name, "unknown_field", "unknown field")
        for name in data
        if name not in PROPERTIES
    ]
    for error in _validator().iter_errors(data):
        if error.validator == "additionalProperties":
            continue  # reported above, one per field
        field = str(error.absolute_path[0]) if error.absolute_path else "(root)"
        errors.append(FieldError(field, str(error.validator), error.message))
    if errors:
        raise SituationError(sorted(errors, key=lambda e: e.field))
    facts = dict(data)
    day = dt.date.fromisoformat(facts.pop("reference_date")) if "reference_date" in facts else None
    day = day or default_date or today()
    if "birth_date" in facts:
        birth = dt.date.fromisoformat(facts["birth_date"])
        if birth > day:
            raise SituationError(
                [FieldError("birth_date", "after_reference_date", "is after reference_date")]
            )
        age = age_at(birth, day)
        if "age" in facts and facts["age"] != age:
            raise SituationError(
                [
                    FieldError(
                        "age",
                        "birth_date_mismatch",
                        f"{facts['age']} does not match birth_date (age {age} on {day})",
                    )
                ]
            )
        facts["age"] = age
        facts["birth_date"] = birth
        facts["age_exact"] = months_at(birth, day) / 12
    if "age" in facts:
        facts["birth_year_latest"] = (
            facts["birth_date"].year if "birth_date" in facts else day.year - facts["age"]
        )
    return Situation(facts, day)
