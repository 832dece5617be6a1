"""A cross-table computed in the database: a grouped COUNT per cell, per row, per column and in
all (four queries, no client row reaches Python), then suppressed (monitoring.suppression)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Expression, F, QuerySet

from tukiverkko.monitoring.suppression import suppress, with_margins

SUPPRESSED = "< 5"
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 240, 480, 28
# Colours of a chart's columns: each at least 3:1 against white (WCAG 1.4.11), told apart by
# the legend and the data table, never by colour alone.
PALETTE = [
    "#1f4e79",
    "#b34700",
    "#2e7d32",
    "#6a1b9a",
    "#8c6d00",
    "#00695c",
    "#ad1457",
    "#37474f",
    "#5d4037",
    "#283593",
]


@dataclass(frozen=True)
class Line:
    key: Any
    label: str


@dataclass
class Table:
    """One indicator: rows × columns of counts with their totals, small cells hidden."""

    slug: str
    title: str
    unit: str  # what a cell counts (asiakkaita, tavoitteita, lähetteitä …)
    row_heading: str
    rows: list[Line]
    columns: list[Line]
    values: list[list[int]]  # (r + 1) × (c + 1), margins last
    hidden: set[tuple[int, int]] = field(default_factory=set)
    note: str = ""

    def shown(self, i: int, j: int) -> str:
        """What the page and the CSV show in a cell (the margins are at index r and c)."""
        return SUPPRESSED if (i, j) in self.hidden else str(self.values[i][j])

    def body(self) -> list[tuple[Line, list[str], str]]:
        c = len(self.columns)
        return [
            (row, [self.shown(i, j) for j in range(c)], self.shown(i, c))
            for i, row in enumerate(self.rows)
        ]

    def totals(self) -> tuple[list[str], str]:
        r, c = len(self.rows), len(self.columns)
        return [self.shown(r, j) for j in range(c)], self.shown(r, c)

    def legend(self) -> list[tuple[Line, str]]:
        return [(col, PALETTE[j % len(PALETTE)]) for j, col in enumerate(self.columns)]

    def chart(self) -> dict[str, Any]:
        """The stacked-bar chart's geometry: each row a bar of its total's shares. A hidden cell,
        or a row whose total is hidden, draws nothing (its text is in the table)."""
        c = len(self.columns)
        bars = []
        for i, row in enumerate(self.rows):
            total = self.values[i][c]
            segments, x = [], 0.0
            for j, col in enumerate(self.columns):
                hidden = (i, j) in self.hidden or (i, c) in self.hidden or total == 0
                width = 0.0 if hidden else BAR_WIDTH * self.values[i][j] / total
                if width:
                    colour = PALETTE[j % len(PALETTE)]
                    segments.append((col, round(LABEL_WIDTH + x, 1), round(width, 1), colour))
                x += width
            bars.append({"row": row, "y": i * ROW_HEIGHT, "segments": segments})
        return {"bars": bars, "height": len(self.rows) * ROW_HEIGHT + 4}


def _grouped(qs: QuerySet[Any], names: Sequence[str], client: str) -> dict[Any, tuple[int, int]]:
    rows = qs.values(*names).annotate(_n=Count("pk"), _k=Count(client, distinct=True)).order_by()
    return {tuple(r[n] for n in names): (r["_n"], r["_k"]) for r in rows}


def crosstab(
    qs: QuerySet[Any],
    *,
    row: Expression | F,
    column: Expression | F,
    client: str,
    rows: Sequence[Line] | Callable[[list[Any]], list[Line]],
    columns: Sequence[Line],
    **table: Any,
) -> Table:
    """Count ``qs``'s rows by ``row`` × ``column`` and the distinct ``client``s behind each
    count. ``columns`` lists every key ``column`` takes, ``rows`` every key ``row`` takes (or
    names them from the keys found): the margins count every row of ``qs``. Neither expression
    is filtered on: either may hold a subquery, and repeating it in WHERE would evaluate it
    again for every row."""
    qs = qs.annotate(_row=row, _col=column)
    by_row = _grouped(qs, ["_row"], client)
    if callable(rows):
        rows = rows([key for (key,) in by_row])
    cells = _grouped(qs, ["_row", "_col"], client)
    by_col = _grouped(qs, ["_col"], client)
    everything = qs.aggregate(_n=Count("pk"), _k=Count(client, distinct=True))

    def grids(index: int) -> list[list[int]]:
        body = [[cells.get((r.key, c.key), (0, 0))[index] for c in columns] for r in rows]
        return with_margins(
            body,
            [by_row.get((r.key,), (0, 0))[index] for r in rows],
            [by_col.get((c.key,), (0, 0))[index] for c in columns],
            everything["_n"] if index == 0 else everything["_k"],
        )

    values, clients = grids(0), grids(1)
    return Table(
        rows=list(rows),
        columns=list(columns),
        values=values,
        hidden=suppress(values, clients),
        **table,
    )
