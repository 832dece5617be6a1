"""A cross-table computed in the database: a grouped COUNT per cell (one query; no client row
reaches Python), its margins summed — or, when a margin's distinct clients cannot be told from
its cells, counted in the same query per row, per column and in all — then suppressed
(monitoring.suppression). Decision 0353."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Expression, F, QuerySet

from tukiverkko.monitoring.suppression import margin_clients, suppress, with_margins

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


Counts = dict[tuple[str, Any, Any], tuple[int, int]]
_KINDS = ("cell", "row", "column", "all")


def _sql(qs: QuerySet[Any], client: str) -> tuple[str, Any, Any]:
    base = qs.annotate(_client=F(client)).order_by().values("_row", "_col", "_client")
    sql, params = base.query.get_compiler(using=qs.db).as_sql()
    return sql, params, connections[qs.db]


def _cells(qs: QuerySet[Any], client: str) -> dict[tuple[Any, Any], tuple[int, int]]:
    """One grouped query: each cell's rows and distinct clients (every cell found, also of keys
    the table does not list, for the margins count every row)."""
    sql, params, conn = _sql(qs, client)
    q = conn.ops.quote_name
    row, col, who = q("_row"), q("_col"), q("_client")
    # the SQL is Django's compiled query (its values are parameters) and quoted constant names
    grouped = (
        f"SELECT {row}, {col}, COUNT(*), COUNT(DISTINCT {who}) "  # noqa: S608
        f"FROM ({sql}) base GROUP BY {row}, {col}"
    )
    with conn.cursor() as cursor:
        cursor.execute(grouped, params)
        return {(r, c): (n, k) for r, c, n, k in cursor.fetchall()}


def _counted(qs: QuerySet[Any], client: str) -> Counts:
    """One query: the rows of ``qs`` computed once, then counted per cell, per row, per column
    and in all, each with its distinct clients (a client in two cells is one in their row).
    Keys: ``(kind, row, column)`` with ``None`` where the kind has no row or column."""
    sql, params, conn = _sql(qs, client)
    q = conn.ops.quote_name
    row, col, who = q("_row"), q("_col"), q("_client")
    counts = f"COUNT(*), COUNT(DISTINCT {who})"
    # PostgreSQL inlines a CTE named more than once only when told; it must not recompute one
    materialized = "MATERIALIZED " if conn.vendor == "postgresql" else ""
    union = (
        f"WITH base AS {materialized}({sql}) "  # noqa: S608
        f"SELECT 0, {row}, {col}, {counts} FROM base GROUP BY {row}, {col} "
        f"UNION ALL SELECT 1, {row}, NULL, {counts} FROM base GROUP BY {row} "
        f"UNION ALL SELECT 2, NULL, {col}, {counts} FROM base GROUP BY {col} "
        f"UNION ALL SELECT 3, NULL, NULL, {counts} FROM base"
    )
    with conn.cursor() as cursor:
        cursor.execute(union, params)
        found = cursor.fetchall()
    return {(_KINDS[kind], r, c): (n, k) for kind, r, c, n, k in found}


def _summed(cells: dict[tuple[Any, Any], tuple[int, int]]) -> Counts | None:
    """The margins from the cells: rows summed, and clients on the right side of the threshold
    (``suppression.margin_clients``) — or ``None`` if some margin's clients must be counted."""
    lines: dict[tuple[str, Any, Any], list[tuple[int, int]]] = {}
    for (r, c), counts in cells.items():
        lines.setdefault(("cell", r, c), []).append(counts)
        lines.setdefault(("row", r, None), []).append(counts)
        lines.setdefault(("column", None, c), []).append(counts)
        lines.setdefault(("all", None, None), []).append(counts)
    out: Counts = {}
    for key, found in lines.items():
        clients = margin_clients([k for _n, k in found])
        if clients is None:
            return None
        out[key] = (sum(n for n, _k in found), clients)
    return out


def counts(qs: QuerySet[Any], client: str) -> Counts:
    """The table's counts: from one grouped query when its cells settle every margin's side of
    the threshold (at a region's size, nearly always), else from the query counting each margin's
    distinct clients too. Either way, the same cells are hidden."""
    return _summed(_cells(qs, client)) or _counted(qs, client)


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
    is filtered on: either may hold a window or an aggregate (the query groups the rows of
    ``qs`` as a subquery). ``clients`` is compared with the suppression threshold only, and its
    margins may be any count on the same side of it (``counts``)."""
    found = counts(qs.annotate(_row=row, _col=column), client)
    if callable(rows):
        rows = rows([r for kind, r, _c in found if kind == "row"])
    zero = (0, 0)

    def grids(index: int) -> list[list[int]]:
        body = [[found.get(("cell", r.key, c.key), zero)[index] for c in columns] for r in rows]
        return with_margins(
            body,
            [found.get(("row", r.key, None), zero)[index] for r in rows],
            [found.get(("column", None, c.key), zero)[index] for c in columns],
            found.get(("all", None, None), zero)[index],
        )

    values, clients = grids(0), grids(1)
    return Table(
        rows=list(rows),
        columns=list(columns),
        values=values,
        hidden=suppress(values, clients),
        **table,
    )
