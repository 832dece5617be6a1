"""Kleene's three-valued logic, node by node, in both interpreters."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl
import pytest

from tukiverkko.rules.expr import (
    Const,
    Contains,
    Context,
    Default,
    F,
    If,
    InScope,
    Known,
    NonEmpty,
    Not,
    P,
    all_of,
    any_of,
    evaluate,
    params_used,
)
from tukiverkko.rules.parameters import default
from tukiverkko.rules.population import compile_expr

VALUES = [True, False, None]
DAY = dt.date(2025, 6, 1)


def both(expr, facts):
    one = evaluate(expr, Context(facts, DAY, default()))
    frame = pl.DataFrame(
        [{"reference_date": DAY, **facts}],
        schema={
            "reference_date": pl.Date,
            "a": pl.Boolean,
            "b": pl.Boolean,
            "n": pl.Int64,
            "s": pl.String,
            "t": pl.List(pl.String),
            "municipality": pl.String,
            "d": pl.Date,
        },
    )
    many = frame.select(compile_expr(expr, default()).alias("x"))["x"][0]
    return one, many


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, VALUES)))
def test_and_or_not_follow_kleene_in_both_interpreters(a, b):
    facts = {"a": a, "b": b}
    expected_and = False if False in (a, b) else (None if None in (a, b) else True)
    expected_or = True if True in (a, b) else (None if None in (a, b) else False)
    assert both(all_of(F("a"), F("b")), facts) == (expected_and, expected_and)
    assert both(any_of(F("a"), F("b")), facts) == (expected_or, expected_or)
    expected_not = None if a is None else not a
    assert both(Not(F("a")), facts) == (expected_not, expected_not)


@pytest.mark.parametrize(
    ("expr", "facts", "expected"),
    [
        (F("n").lt(3), {"n": 2}, True),
        (F("n").le(3), {"n": 4}, False),
        (F("n").gt(3), {"n": None}, None),
        (F("n").ge(P("typ.young_age_limit")), {"n": 25}, True),
        (F("n").eq(3), {"n": 3}, True),
        (F("s").isin("x"), {"s": None}, None),
        (F("s").isin("x"), {"s": "x"}, True),
        (Contains(F("t"), "x"), {"t": ["x"]}, True),
        (Contains(F("t"), "x"), {"t": None}, None),
        (NonEmpty(F("t")), {"t": []}, False),
        (Known(F("n")), {"n": None}, False),
        (Default(F("a"), True), {"a": None}, True),
        (any_of(F("a"), Const(None)), {"a": False}, None),
        # if-then-else: an unknown condition leaves the answer known only where both agree
        (If(F("a"), F("b"), Const(True)), {"a": True, "b": False}, False),
        (If(F("a"), F("b"), Const(True)), {"a": False, "b": False}, True),
        (If(F("a"), F("b"), Const(True)), {"b": True}, True),
        (If(F("a"), F("b"), Const(True)), {"b": False}, None),
        (If(F("a"), Const(None), Const(None)), {}, None),
        (If(Known(F("n")), F("n").lt(3), F("b")), {"n": 2, "b": False}, True),
        # a practice's scope: the municipality, whatever its case; unknown without one
        (InScope("heinola"), {"municipality": " HEINOLA"}, True),
        (InScope("heinola"), {"municipality": "Turku"}, False),
        (InScope("varsinais-suomi"), {"municipality": "Turku"}, True),
        (InScope("heinola"), {}, None),
        # a parameter looked up at another date (the birth cohort), unknown without it
        (
            F("n").lt(P("old_age_pension.lowest_age", at="d")),
            {"n": 63, "d": dt.date(1955, 6, 1)},
            True,
        ),
        (
            F("n").lt(P("old_age_pension.lowest_age", at="d")),
            {"n": 64, "d": dt.date(1958, 6, 1)},
            False,
        ),
        (
            F("n").lt(P("old_age_pension.lowest_age", at="d")),
            {"n": 64, "d": dt.date(1970, 6, 1)},
            None,
        ),
        (F("n").lt(P("old_age_pension.lowest_age", at="d")), {"n": 63}, None),
    ],
)
def test_nodes_agree_across_interpreters(expr, facts, expected):
    blank = {"a": None, "b": None, "n": None, "s": None, "t": None, "municipality": None, "d": None}
    assert both(expr, {**blank, **facts}) == (
        expected,
        expected,
    )


def test_params_used_finds_every_parameter():
    expr = any_of(F("n").ge(P("a.b")), Not(F("n").isin("x")), Default(F("n").lt(P("c.d")), False))
    assert params_used(expr) == {"a.b", "c.d"}
    assert params_used(If(F("a"), F("n").lt(P("e.f", at="d")), Const(True))) == {"e.f"}


def test_fields_of_new_nodes():
    assert InScope("heinola").fields() == {"municipality"}
    assert P("x.y", at="birth_date").fields() == {"birth_date"}
    assert If(F("a"), F("b"), F("n")).fields() == {"a", "b", "n"}
