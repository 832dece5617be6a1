"""A small expression language for eligibility criteria, and its one-person interpreter.

A criterion is a tree of these nodes over ClientSituation fields and dated parameters. Two
interpreters read the same tree: :func:`evaluate` here (one person, Python values, ``None`` =
unknown) and :func:`tukiverkko.rules.population.compile_expr` (a population, polars
expressions, null = unknown). Both follow Kleene's three-valued logic:

- a comparison with an unknown side is unknown;
- ``and`` is false if any part is false, else unknown if any part is unknown, else true;
- ``or`` is true if any part is true, else unknown if any part is unknown, else false;
- ``not unknown`` is unknown;
- ``if c then a else b`` with ``c`` unknown is ``a`` when ``a`` and ``b`` agree, else unknown
  (the answer cannot depend on the unknown condition) — this is how a regional practice is
  chosen when the municipality is not known.

Polars' ``&``, ``|`` and ``~`` on nullable booleans behave exactly so, which is why one tree can
be compiled instead of written twice.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tukiverkko.rules.parameters import Parameters

CMP: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


class Expr:
    """Base of every node; the methods build comparison nodes (``F("age").lt(29)``)."""

    def fields(self) -> frozenset[str]:
        return frozenset()

    def _cmp(self, op: str, other: Expr | float | str) -> Cmp:
        return Cmp(op, self, other if isinstance(other, Expr) else Const(other))

    def lt(self, other: Expr | float) -> Cmp:
        return self._cmp("<", other)

    def le(self, other: Expr | float) -> Cmp:
        return self._cmp("<=", other)

    def gt(self, other: Expr | float) -> Cmp:
        return self._cmp(">", other)

    def ge(self, other: Expr | float) -> Cmp:
        return self._cmp(">=", other)

    def eq(self, other: Expr | float | str | bool) -> Cmp:
        return self._cmp("==", other)

    def isin(self, *values: str) -> In:
        return In(self, tuple(values))


@dataclass(frozen=True, eq=False)
class Field(Expr):
    """A ClientSituation field (``age`` is derived from ``birth_date`` when only that is given)."""

    name: str

    def fields(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True, eq=False)
class Param(Expr):
    """A legal parameter, looked up at the reference date — or, with ``at``, at the date in
    that field (the lowest old-age pension age is keyed by the birth date of the cohort)."""

    name: str
    at: str | None = None

    def fields(self) -> frozenset[str]:
        return frozenset({self.at}) if self.at else frozenset()


@dataclass(frozen=True, eq=False)
class Const(Expr):
    """A literal; ``Const(None)`` is 'unknown' (used where only a positive fact decides)."""

    value: float | str | bool | None


@dataclass(frozen=True, eq=False)
class Cmp(Expr):
    op: str
    left: Expr
    right: Expr

    def fields(self) -> frozenset[str]:
        return self.left.fields() | self.right.fields()


@dataclass(frozen=True, eq=False)
class In(Expr):
    """Membership of a scalar field's value in a fixed set."""

    item: Expr
    values: tuple[str, ...]

    def fields(self) -> frozenset[str]:
        return self.item.fields()


@dataclass(frozen=True, eq=False)
class Contains(Expr):
    """A list field (``triggers``) contains the value; unknown when the list is unknown."""

    field: Field
    value: str

    def fields(self) -> frozenset[str]:
        return self.field.fields()


@dataclass(frozen=True, eq=False)
class NonEmpty(Expr):
    """A list field has at least one item; unknown when the list is unknown."""

    field: Field

    def fields(self) -> frozenset[str]:
        return self.field.fields()


@dataclass(frozen=True, eq=False)
class Known(Expr):
    """The field has a value — never unknown itself."""

    field: Field

    def fields(self) -> frozenset[str]:
        return self.field.fields()


@dataclass(frozen=True, eq=False)
class Default(Expr):
    """The inner truth value, or ``value`` where it is unknown."""

    inner: Expr
    value: bool

    def fields(self) -> frozenset[str]:
        return self.inner.fields()


@dataclass(frozen=True, eq=False)
class InScope(Expr):
    """The ``municipality`` belongs to a scope of ``data/parameters/scopes.yaml`` (a region or a
    set of municipalities whose own practice a rule follows); unknown without a municipality."""

    scope: str

    def fields(self) -> frozenset[str]:
        return frozenset({"municipality"})


@dataclass(frozen=True, eq=False)
class If(Expr):
    """``then`` where ``cond`` holds, ``otherwise`` where it does not; with ``cond`` unknown, their
    common value if they agree, else unknown."""

    cond: Expr
    then: Expr
    otherwise: Expr

    def fields(self) -> frozenset[str]:
        return self.cond.fields() | self.then.fields() | self.otherwise.fields()


@dataclass(frozen=True, eq=False)
class And(Expr):
    items: tuple[Expr, ...]

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(i.fields() for i in self.items))


@dataclass(frozen=True, eq=False)
class Or(Expr):
    items: tuple[Expr, ...]

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(i.fields() for i in self.items))


@dataclass(frozen=True, eq=False)
class Not(Expr):
    item: Expr

    def fields(self) -> frozenset[str]:
        return self.item.fields()


def F(name: str) -> Field:
    return Field(name)


def P(name: str, at: str | None = None) -> Param:
    return Param(name, at)


def all_of(*items: Expr) -> And:
    return And(tuple(items))


def any_of(*items: Expr) -> Or:
    return Or(tuple(items))


def kleene_and(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def kleene_or(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


@dataclass(frozen=True)
class Context:
    """What one evaluation reads: the normalised situation, its date and the parameters."""

    situation: Mapping[str, Any]
    reference_date: dt.date
    parameters: Parameters


def evaluate(expr: Expr, ctx: Context) -> Any:
    """The value of ``expr`` for one person; ``None`` means unknown."""
    match expr:
        case Field(name):
            return ctx.situation.get(name)
        case Param(name, at):
            day = ctx.reference_date if at is None else ctx.situation.get(at)
            return None if day is None else ctx.parameters.value(name, day)
        case Const(value):
            return value
        case Cmp(op, left, right):
            a, b = evaluate(left, ctx), evaluate(right, ctx)
            return None if a is None or b is None else CMP[op](a, b)
        case In(item, values):
            value = evaluate(item, ctx)
            return None if value is None else value in values
        case Contains(field, value):
            items = evaluate(field, ctx)
            return None if items is None else value in items
        case NonEmpty(field):
            items = evaluate(field, ctx)
            return None if items is None else len(items) > 0
        case Known(field):
            return evaluate(field, ctx) is not None
        case InScope(scope):
            place = ctx.situation.get("municipality")
            return None if place is None else ctx.parameters.in_scope(scope, place)
        case If(cond, then, otherwise):
            test = evaluate(cond, ctx)
            if test is not None:
                return evaluate(then if test else otherwise, ctx)
            a, b = evaluate(then, ctx), evaluate(otherwise, ctx)
            return a if a == b else None
        case Default(inner, value):
            result = evaluate(inner, ctx)
            return value if result is None else result
        case And(items):
            return kleene_and([evaluate(i, ctx) for i in items])
        case Or(items):
            return kleene_or([evaluate(i, ctx) for i in items])
        case Not(item):
            result = evaluate(item, ctx)
            return None if result is None else not result
    raise TypeError(f"not an expression node: {expr!r}")  # pragma: no cover — closed set


def params_used(expr: Expr) -> set[str]:
    """Every parameter name the tree reads (for texts and the population compiler)."""
    match expr:
        case Param(name, _):
            return {name}
        case Cmp(_, left, right):
            return params_used(left) | params_used(right)
        case In(item, _) | Not(item) | Default(item, _):
            return params_used(item)
        case If(cond, then, otherwise):
            return params_used(cond) | params_used(then) | params_used(otherwise)
        case And(items) | Or(items):
            return set().union(*(params_used(i) for i in items))
    return set()
