"""Hypothesis strategies built from the client-situation contract itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from tukiverkko.rules.situation import PROPERTIES, today

DATES = st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31))


def for_property(name: str, spec: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    kind = spec.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(spec.get("minimum", 0), spec.get("maximum", 2000))
    if kind == "number":
        high = spec.get("maximum", 100_000)
        return st.one_of(
            st.integers(int(spec.get("minimum", 0)), int(high)),
            st.floats(spec.get("minimum", 0), high, allow_nan=False),
        )
    if kind == "array":
        return st.lists(st.sampled_from(spec["items"]["enum"]), unique=True)
    if spec.get("format") == "date":
        return DATES.map(dt.date.isoformat)
    if name == "mother_tongue":
        return st.sampled_from(["fi", "sv", "se", "en", "ru", "so"])
    # municipalities of every scope with its own practice, and some outside them all
    return st.sampled_from(
        ["Heinola", "Lahti", "Asikkala", "Hartola", "Rovaniemi", "Turku", "Pori", "Helsinki"]
    )


def _consistent(data: dict[str, Any]) -> dict[str, Any]:
    # age and birth_date together must agree; keep only the birth date then, and no birth
    # date after the reference date.
    if "birth_date" in data:
        data.pop("age", None)
        ref = data.get("reference_date", today().isoformat())
        if data["birth_date"] > ref:
            data.pop("birth_date")
    return data


SITUATIONS: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {}, optional={name: for_property(name, spec) for name, spec in PROPERTIES.items()}
).map(_consistent)

# Dated situations (the batch path needs a reference date per row or a default).
DATED_SITUATIONS = st.tuples(SITUATIONS, DATES).map(
    lambda pair: _consistent({"reference_date": pair[1].isoformat(), **pair[0]})
)
