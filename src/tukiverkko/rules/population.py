"""A population at once: the same rule trees compiled to polars expressions.

:func:`compile_expr` is the second interpreter of :mod:`tukiverkko.rules.expr` (the first,
``evaluate``, explains one person). Null is unknown; polars' ``&``, ``|``, ``~``, comparisons
and ``is_in`` propagate nulls in Kleene's way, so the result equals the one-person result row by
row (a property test checks it). Parameters become ``when/then`` chains over the row's
``reference_date``, so one file may mix dates.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

import polars as pl

from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES, ServiceRule
from tukiverkko.rules.expr import (
    And,
    Cmp,
    Const,
    Contains,
    Default,
    Expr,
    Field,
    If,
    In,
    InScope,
    Known,
    NonEmpty,
    Not,
    Or,
    Param,
)
from tukiverkko.rules.parameters import Parameters, Validity
from tukiverkko.rules.routes import DECISION_LISTS, DecisionList
from tukiverkko.rules.situation import PROPERTIES

REF = pl.col("reference_date")

POLARS_CMP: dict[str, Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def dtype_of(field: str) -> pl.DataType:
    spec = PROPERTIES[field]
    kind = spec.get("type")
    if kind == "integer":
        return pl.Int64()
    if kind == "number":
        return pl.Float64()
    if kind == "boolean":
        return pl.Boolean()
    if kind == "array":
        return pl.List(pl.String())
    if spec.get("format") == "date":
        return pl.Date()
    return pl.String()


SCHEMA: dict[str, pl.DataType] = {name: dtype_of(name) for name in PROPERTIES}


def param_expr(name: str, parameters: Parameters, at: str | None = None) -> pl.Expr:
    """The parameter's value on each row's reference date — or on the date in column ``at`` —
    null before its first value, where that date is unknown, or where the value is."""
    day = REF if at is None else pl.col(at)
    chain: Any = None
    for item in reversed(parameters.get(name).values):
        cond = pl.lit(item.valid_from) <= day
        value = pl.lit(item.value, dtype=pl.Float64())
        chain = pl.when(cond).then(value) if chain is None else chain.when(cond).then(value)
    return chain.otherwise(pl.lit(None, dtype=pl.Float64()))  # type: ignore[no-any-return]


def compile_expr(expr: Expr, parameters: Parameters) -> pl.Expr:
    """The polars expression computing ``expr`` for every row."""

    def go(node: Expr) -> pl.Expr:
        return compile_expr(node, parameters)

    match expr:
        case Field(name):
            return pl.col(name)
        case Param(name, at):
            return param_expr(name, parameters, at)
        case Const(value):
            return pl.lit(value, dtype=pl.Boolean()) if value is None else pl.lit(value)
        case Cmp(op, left, right):
            return POLARS_CMP[op](go(left), go(right))
        case In(item, values):
            return go(item).is_in(list(values))
        case Contains(field, value):
            return go(field).list.contains(value)
        case NonEmpty(field):
            return go(field).list.len() > 0
        case Known(field):
            return go(field).is_not_null()
        case InScope(scope):
            names = sorted(parameters.scope(scope).municipalities)
            return pl.col("municipality").str.strip_chars().str.to_lowercase().is_in(names)
        case If(cond, then, otherwise):
            test, a, b = go(cond), go(then), go(otherwise)
            return (
                pl.when(test)
                .then(a)
                .when(~test)
                .then(b)
                .when(a.eq_missing(b))
                .then(a)
                .otherwise(pl.lit(None, dtype=pl.Boolean()))
            )
        case Default(inner, value):
            return go(inner).fill_null(value)
        case And(items):
            return reduce(operator.and_, (go(i) for i in items))
        case Or(items):
            return reduce(operator.or_, (go(i) for i in items))
        case Not(item):
            return ~go(item)
    raise TypeError(f"not an expression node: {expr!r}")  # pragma: no cover — closed set


def available_expr(validity: Validity | None) -> pl.Expr:
    cond = pl.lit(True)
    if validity is not None and validity.valid_from is not None:
        cond = cond & (pl.lit(validity.valid_from) <= REF)
    if validity is not None and validity.valid_to is not None:
        cond = cond & (pl.lit(validity.valid_to) >= REF)
    return cond


def status_expr(rule: ServiceRule, parameters: Parameters) -> pl.Expr:
    met = compile_expr(rule.met, parameters)
    return (
        pl.when(~available_expr(parameters.validity.get(rule.slug)))
        .then(pl.lit("not_available"))
        .when(met.is_null())
        .then(pl.lit("unknown"))
        .when(met)
        .then(pl.lit("eligible"))
        .otherwise(pl.lit("not_eligible"))
        .alias(rule.slug)
    )


def decision_expr(tree: DecisionList, parameters: Parameters) -> pl.Expr:
    """First step met decides; an unknown step before it leaves the outcome null."""
    chain: Any = None
    for step in tree.steps:
        cond = compile_expr(step.condition, parameters)
        if chain is None:
            chain = pl.when(cond.is_null()).then(pl.lit(None, dtype=pl.String()))
        else:
            chain = chain.when(cond.is_null()).then(pl.lit(None, dtype=pl.String()))
        chain = chain.when(cond).then(pl.lit(step.outcome))
    return chain.otherwise(None).alias(tree.id)  # type: ignore[no-any-return]


def output_columns(parameters: Parameters) -> list[pl.Expr]:
    return [
        compile_expr(NEEDS_ASSESSMENT, parameters).alias("needs_assessment"),
        *(status_expr(rule, parameters) for rule in RULES),
        *(decision_expr(tree, parameters) for tree in DECISION_LISTS),
    ]


def with_age(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The derived facts of :data:`tukiverkko.rules.situation.DERIVED`, as the one-person path
    derives them: ``age`` from the birth date where only that is known, the exact age in whole
    months (``age_exact``, years) and the latest possible birth year."""
    birth = pl.col("birth_date")
    earlier_in_year = (
        (REF.dt.month().cast(pl.Int32) * 100 + REF.dt.day().cast(pl.Int32))
        < (birth.dt.month().cast(pl.Int32) * 100 + birth.dt.day().cast(pl.Int32))
    ).cast(pl.Int32)
    computed = (REF.dt.year() - birth.dt.year() - earlier_in_year).cast(pl.Int64)
    months = (
        (REF.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32)) * 12
        + REF.dt.month().cast(pl.Int32)
        - birth.dt.month().cast(pl.Int32)
        - (REF.dt.day() < birth.dt.day()).cast(pl.Int32)
    )
    frame = frame.with_columns(
        pl.coalesce(pl.col("age"), computed).alias("age"),
        (months.cast(pl.Float64) / 12).alias("age_exact"),
    )
    return frame.with_columns(
        pl.coalesce(
            birth.dt.year().cast(pl.Int64), REF.dt.year().cast(pl.Int64) - pl.col("age")
        ).alias("birth_year_latest")
    )


def evaluate_frame(
    frame: pl.DataFrame, parameters: Parameters, default_date: dt.date
) -> pl.DataFrame:
    """Typed situations (columns as :data:`SCHEMA`, missing ones allowed) → ``needs_assessment``
    and one status column per service type, plus the two routes; other columns pass through
    only if named in ``keep``."""
    missing = [pl.lit(None, dtype=t).alias(n) for n, t in SCHEMA.items() if n not in frame.columns]
    lazy = frame.lazy().with_columns(missing)
    lazy = lazy.with_columns(REF.fill_null(pl.lit(default_date)))
    lazy = with_age(lazy)
    keep = [c for c in frame.columns if c not in SCHEMA]
    return lazy.select(*keep, *output_columns(parameters)).collect()
