"""What to ask next: rank the unknown facts by how many open decisions they would settle.

Computed, not listed by hand: for each field the rules read and the situation lacks, try every
value that can matter (each enum value, true/false, both sides of every threshold the rules
compare the field with) and count the open decisions — service statuses, needs_assessment, the
rehabilitation organiser, the health-care route — that become known. A field that settles a
decision whatever the answer ranks before one that settles it only for some answers.

A decision can only change with a field its expression reads, so each field is tried against
the open decisions that read it, not against all of them (the fields of each decision are
computed once).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tukiverkko.rules.decisions import decisions
from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES
from tukiverkko.rules.expr import Cmp, Const, Context, Expr, Field, Param, evaluate
from tukiverkko.rules.routes import DECISION_LISTS, walk
from tukiverkko.rules.situation import PROPERTIES


def _all_exprs() -> list[Expr]:
    exprs: list[Expr] = [NEEDS_ASSESSMENT]
    exprs += [rule.met for rule in RULES]  # every practice and dated criterion of the rule
    exprs += [step.condition for tree in DECISION_LISTS for step in tree.steps]
    return exprs


def _comparisons(expr: Expr) -> list[Cmp]:
    found: list[Cmp] = [expr] if isinstance(expr, Cmp) else []
    for value in vars(expr).values():
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if isinstance(child, Expr):
                found += _comparisons(child)
    return found


@cache
def _bounds(field: str) -> tuple[Expr, ...]:
    """Everything the rules compare the field with (parameters and constants)."""
    return tuple(
        cmp.right
        for cmp in (c for e in _all_exprs() for c in _comparisons(e))
        if isinstance(cmp.left, Field) and cmp.left.name == field
    )


@cache
def _read_by() -> dict[str, frozenset[str]]:
    """Decision key → the fields its expression reads."""
    out = {rule.slug: rule.met.fields() for rule in RULES}
    out["needs_assessment"] = NEEDS_ASSESSMENT.fields()
    for tree in DECISION_LISTS:
        out[tree.id] = frozenset().union(*(step.condition.fields() for step in tree.steps))
    return out


_RULES = {rule.slug: rule for rule in RULES}
_TREES = {tree.id: tree for tree in DECISION_LISTS}


def _known(key: str, ctx: Context) -> bool:
    """Is this decision settled in ``ctx``? (Availability depends on the date only.)"""
    if key in _RULES:
        return evaluate(_RULES[key].met, ctx) is not None
    if key == "needs_assessment":
        return evaluate(NEEDS_ASSESSMENT, ctx) is not None
    return walk(_TREES[key], ctx)[0] is not None


def candidates(field: str, ctx: Context) -> list[Any]:
    """The values of one field worth trying."""
    spec = PROPERTIES[field]
    if "enum" in spec:
        return list(spec["enum"])
    if spec.get("type") == "boolean":
        return [True, False]
    if spec.get("type") == "array":
        return [[], *([item] for item in spec["items"]["enum"])]
    if spec.get("type") in ("integer", "number"):
        values: set[float] = {float(spec.get("minimum", 0))}
        for bound in _bounds(field):
            if isinstance(bound, Param):
                number = ctx.parameters.value(bound.name, ctx.reference_date)
            elif isinstance(bound, Const) and isinstance(bound.value, int | float):
                number = float(bound.value)
            else:  # pragma: no cover — every rule compares a field with a number
                continue
            if number is not None:
                values |= {number - 1, number, number + 1}
        low, high = spec.get("minimum", 0), spec.get("maximum", float("inf"))
        kept = sorted(v for v in values if low <= v <= high)
        return [int(v) for v in kept] if spec["type"] == "integer" else kept
    if field == "mother_tongue":
        return ["fi", "xx"]
    if field == "municipality":
        # One municipality of each scope with its own practice, and one in none of them.
        inside = [sorted(s.municipalities)[0] for s in ctx.parameters.scopes.values()]
        return [*inside, "(muu kunta)"]
    return []


def next_questions(ctx: Context) -> list[str]:
    now = decisions(ctx)
    open_keys = [k for k, v in now.items() if v in (None, "unknown")]
    if not open_keys:
        return []
    read_by = _read_by()
    ranked: list[tuple[int, int, int, str]] = []
    for order, field in enumerate(PROPERTIES):
        keys = [k for k in open_keys if field in read_by[k]]
        if not keys or field in ctx.situation:
            continue
        settled_always = set(keys)
        settled_sometimes: set[str] = set()
        for value in candidates(field, ctx):
            trial = Context({**ctx.situation, field: value}, ctx.reference_date, ctx.parameters)
            settled = {k for k in keys if _known(k, trial)}
            settled_always &= settled
            settled_sometimes |= settled
        if settled_sometimes:
            ranked.append((-len(settled_always), -len(settled_sometimes), order, field))
    return [field for *_, field in sorted(ranked)]
