"""Small-cell suppression of a table with row and column totals (decision 0351).

Pure: no Django. A table is given *with its margins*: ``values`` and ``clients`` are
(r + 1) × (c + 1) grids whose last column holds the row totals, whose last row holds the column
totals, and whose corner is the grand total. ``clients`` counts the distinct clients behind each
cell (it is what the threshold is about); ``values`` is what the page shows (clients, cases,
goals, actions or referrals).

1. Primary suppression: a cell (a total too) behind 1–4 clients is hidden. A zero is shown: it
   says that no client is in the cell, which tells nothing of anybody.
2. Secondary suppression: a hidden cell must not be recoverable from the shown cells and the
   totals. Negate the margins (the corner keeps its sign) and every line of the grid sums to
   zero: the cells are the edges of a bipartite graph between its rows and columns, and the
   equations are that graph's incidence. A hidden cell is determined by the shown ones exactly
   when it is a *bridge* of the graph of hidden cells (no cycle of hidden cells runs through
   it). While some hidden cell is a bridge, one more shown non-zero cell is hidden: the
   smallest that closes a cycle (both its row and its column are joined to the bridge by hidden
   cells), else the smallest that touches those rows and columns, else the smallest anywhere.

Every hidden cell is then on a cycle of hidden non-zero cells: adding +1, −1 alternately round
the cycle gives another table, of non-negative counts, with the same shown cells and totals and
a different value in the hidden cell (``tests/test_suppression.py`` builds that table).
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 5

Cell = tuple[int, int]
Grid = Sequence[Sequence[int]]


def primary(clients: Grid, threshold: int = THRESHOLD) -> set[Cell]:
    """The cells behind 1 … threshold − 1 clients."""
    return {(i, j) for i, row in enumerate(clients) for j, n in enumerate(row) if 0 < n < threshold}


def _connected_without(cell: Cell, hidden: set[Cell]) -> bool:
    """Is there a path of hidden cells (other than ``cell``) from its row to its column?"""
    start, goal = ("r", cell[0]), ("c", cell[1])
    seen = {start}
    frontier = [start]
    while frontier:
        side, index = frontier.pop()
        for i, j in hidden:
            if (i, j) == cell:
                continue
            if side == "r" and i == index:
                nxt = ("c", j)
            elif side == "c" and j == index:
                nxt = ("r", i)
            else:
                continue
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False


def recoverable(hidden: set[Cell]) -> set[Cell]:
    """The hidden cells that the shown cells and the totals determine (the bridges)."""
    return {cell for cell in hidden if not _connected_without(cell, hidden)}


def _shown_nonzero(values: Grid, hidden: set[Cell]) -> list[Cell]:
    return [
        (i, j)
        for i, row in enumerate(values)
        for j, v in enumerate(row)
        if v > 0 and (i, j) not in hidden
    ]


def suppress(values: Grid, clients: Grid, threshold: int = THRESHOLD) -> set[Cell]:
    """The cells to hide: primary, and secondary until none of them is recoverable."""
    if len(values) != len(clients) or any(
        len(a) != len(b) for a, b in zip(values, clients, strict=True)
    ):
        raise ValueError("values and clients must be grids of the same shape")
    hidden = primary(clients, threshold)
    while bridges := sorted(recoverable(hidden)):
        part = _component(bridges[0], hidden)
        shown = _shown_nonzero(values, hidden)
        closing = [c for c in shown if ("r", c[0]) in part and ("c", c[1]) in part]
        touching = [c for c in shown if ("r", c[0]) in part or ("c", c[1]) in part]
        candidates = closing or touching or shown
        if not candidates:  # only zeros left: the hidden non-zero cells already form cycles
            break
        hidden.add(min(candidates, key=lambda c: (values[c[0]][c[1]], c)))
    return hidden


def _component(cell: Cell, hidden: set[Cell]) -> set[tuple[str, int]]:
    """The rows and columns joined to ``cell``'s by hidden cells."""
    part = {("r", cell[0]), ("c", cell[1])}
    grew = True
    while grew:
        grew = False
        for i, j in hidden:
            if (("r", i) in part) != (("c", j) in part):
                part |= {("r", i), ("c", j)}
                grew = True
    return part


def margin_clients(cell_clients: Sequence[int], threshold: int = THRESHOLD) -> int | None:
    """For a line of cells (a row, a column, the whole table) given the distinct clients behind
    each, a number on the same side of the threshold as the line's own distinct clients, or
    ``None`` when only counting them can tell. A client may be in several cells, so the line's
    clients lie between the largest cell's and the cells' sum: no clients at all is 0; a cell of
    ``threshold`` or more makes the line as many (shown); a sum under ``threshold`` makes the line
    1 … threshold − 1 (hidden). ``primary`` decides on it as on the exact count."""
    if not cell_clients or max(cell_clients) >= threshold:
        return max(cell_clients, default=0)
    if sum(cell_clients) < threshold:
        return sum(cell_clients)
    return None


def with_margins(
    cells: Grid, row_totals: Sequence[int], col_totals: Sequence[int], total: int
) -> list[list[int]]:
    """The (r + 1) × (c + 1) grid of ``cells`` with its margins."""
    grid = [[*row, row_totals[i]] for i, row in enumerate(cells)]
    grid.append([*col_totals, total])
    return grid
