"""Edges of the engine that the caseworker examples do not reach."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from tukiverkko.rules import batch
from tukiverkko.rules.engine import recommend
from tukiverkko.rules.explain import as_text
from tukiverkko.rules.situation import validate


def test_a_number_field_without_bounds_accepts_any_number(monkeypatch: pytest.MonkeyPatch):
    # given a numeric field the contract bounds on neither side (none does today; a new one may)
    monkeypatch.setitem(batch.PROPERTIES, "x_free", {"type": "number"})
    monkeypatch.setitem(batch.SCHEMA, "x_free", pl.Float64)
    value, bad, reason = batch._parse("x_free", pl.String)
    # when a negative number, a large one and a word are read
    frame = pl.DataFrame({"x_free": ["-5", "1e9", "kolme"]}).select(
        value.alias("value"), bad.alias("bad")
    )
    # then only the word is refused, and the reason says there is no bound
    assert frame["bad"].to_list() == [False, False, True]
    assert frame["value"].to_list()[:2] == [-5.0, 1e9]
    assert reason == "not a number in -∞–∞"


def test_the_text_asks_nothing_more_when_there_is_nothing_to_ask():
    # given a recommendation with no questions left
    answer: dict[str, Any] = recommend(validate({"age": 30, "reference_date": "2025-06-01"}))
    assert answer["next_questions"]
    text_with = as_text(answer)
    answer["next_questions"] = []
    # when / then the text lists no questions, and says everything else as before
    text_without = as_text(answer)
    assert "Kysy seuraavaksi:" in text_with
    assert "Kysy seuraavaksi:" not in text_without
    assert text_with.startswith(text_without.rstrip("\n"))
