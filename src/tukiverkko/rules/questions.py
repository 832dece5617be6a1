"""What to ask next: rank the unknown facts by how many open decisions they would settle.

Computed, not listed by hand: for each field the rules read and the situation lacks, try every
value that can matter (each enum value, true/false, both sides of every threshold the rules
compare the field with) and count the open decisions — service statuses, needs_assessment, the
rehabilitation organiser, the health-care route — that become known. A field that settles a
decision whatever the answer ranks before one that settles it only for some answers.
"""

from __future__ import annotations

from typing import Any

from tukiverkko.rules.decisions import decisions
from tukiverkko.rules.definitions import NEEDS_ASSESSMENT, RULES
from tukiverkko.rules.expr import Cmp, Const, Context, Expr, Field, Param
from tukiverkko.rules.routes import DECISION_LISTS
from tukiverkko.rules.situation import PROPERTIES


def _all_exprs() -> list[Expr]:
    exprs: list[Expr] = [NEEDS_ASSESSMENT]
    exprs += [c.expr for rule in RULES for c in rule.criteria]
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
        for cmp in (c for e in _all_exprs() for c in _comparisons(e)):
            if isinstance(cmp.left, Field) and cmp.left.name == field:
                bound = cmp.right
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
    return ["fi", "xx"] if field == "mother_tongue" else []


def next_questions(ctx: Context) -> list[str]:
    now = decisions(ctx)
    open_keys = [k for k, v in now.items() if v in (None, "unknown")]
    if not open_keys:
        return []
    read = frozenset().union(*(e.fields() for e in _all_exprs()))
    ranked: list[tuple[int, int, int, str]] = []
    for order, field in enumerate(PROPERTIES):
        if field not in read or field in ctx.situation:
            continue
        settled_always = set(open_keys)
        settled_sometimes: set[str] = set()
        for value in candidates(field, ctx):
            trial = Context({**ctx.situation, field: value}, ctx.reference_date, ctx.parameters)
            after = decisions(trial)
            settled = {k for k in open_keys if after[k] not in (None, "unknown")}
            settled_always &= settled
            settled_sometimes |= settled
        if settled_sometimes:
            ranked.append((-len(settled_always), -len(settled_sometimes), order, field))
    return [field for *_, field in sorted(ranked)]
