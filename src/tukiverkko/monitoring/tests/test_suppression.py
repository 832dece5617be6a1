"""Small-cell suppression (monitoring.suppression): every cell behind 1–4 clients is hidden, and
no hidden cell can be recovered from the shown cells and the row and column totals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukiverkko.monitoring.suppression import (
    THRESHOLD,
    Cell,
    margin_clients,
    primary,
    recoverable,
    suppress,
    with_margins,
)


def _table(cells: list[list[int]]) -> list[list[int]]:
    rows = [sum(row) for row in cells]
    cols = [sum(col) for col in zip(*cells, strict=True)]
    return with_margins(cells, rows, cols, sum(rows))


def _published(grid: list[list[int]], hidden: set[Cell]) -> list[list[int | None]]:
    return [
        [None if (i, j) in hidden else v for j, v in enumerate(row)] for i, row in enumerate(grid)
    ]


def _consistent(grid: list[list[int]]) -> bool:
    """Every row's cells sum to its total, every column's to its total."""
    r, c = len(grid) - 1, len(grid[0]) - 1
    return all(sum(grid[i][:c]) == grid[i][c] for i in range(r + 1)) and all(
        sum(grid[i][j] for i in range(r)) == grid[r][j] for j in range(c + 1)
    )


def _cycle_through(cell: Cell, hidden: set[Cell]) -> list[Cell]:
    """A cycle of hidden cells through ``cell`` (row → column → row …), found by search."""
    start, goal = ("r", cell[0]), ("c", cell[1])
    paths: dict[tuple[str, int], list[Cell]] = {start: []}
    frontier = [start]
    while frontier:
        side, index = frontier.pop(0)
        for i, j in sorted(hidden - {cell}):
            if side == "r" and i == index:
                nxt = ("c", j)
            elif side == "c" and j == index:
                nxt = ("r", i)
            else:
                continue
            if nxt not in paths:
                paths[nxt] = [*paths[(side, index)], (i, j)]
                frontier.append(nxt)
    assert goal in paths, f"no cycle through {cell}"
    return [cell, *paths[goal]]


def _another_table(grid: list[list[int]], cell: Cell, hidden: set[Cell]) -> list[list[int]]:
    """A table of non-negative counts, with the same shown cells and totals, whose ``cell``
    differs: +1, −1 alternately round a cycle of hidden cells (the margins count against the
    lines they close, so their sign flips; the corner's does not)."""
    r, c = len(grid) - 1, len(grid[0]) - 1
    cycle = _cycle_through(cell, hidden)
    other = [list(row) for row in grid]
    for step, (i, j) in enumerate(cycle):
        margin = (i == r) != (j == c)  # a row or column total, not the corner
        delta = (1 if step % 2 == 0 else -1) * (-1 if margin else 1)
        other[i][j] += delta
    if any(v < 0 for row in other for v in row):  # the other way round the cycle
        other = [
            [2 * a - b for a, b in zip(ra, rb, strict=True)]
            for ra, rb in zip(grid, other, strict=True)
        ]
    return other


counts = st.integers(min_value=0, max_value=30)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda r: st.integers(min_value=1, max_value=5).flatmap(
        lambda c: st.lists(st.lists(counts, min_size=c, max_size=c), min_size=r, max_size=r)
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_small_cell_is_hidden(cells):
    # given a table (one client a count) with its totals
    grid = _table(cells)
    # when it is suppressed
    hidden = suppress(grid, grid)
    # then every cell (totals too) of 1–4 clients is hidden, and no zero is
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if 0 < v < 5:
                assert (i, j) in hidden
            if v == 0:
                assert (i, j) not in hidden


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_hidden_cell_is_recoverable(cells):
    # given a suppressed table
    grid = _table(cells)
    hidden = suppress(grid, grid)
    # then for every hidden cell there is another table of non-negative counts that publishes
    # exactly the same (shown cells and totals) but has another value in that cell
    assert not recoverable(hidden)
    for cell in hidden:
        other = _another_table(grid, cell, hidden)
        assert _consistent(other)
        assert all(v >= 0 for row in other for v in row)
        assert _published(other, hidden) == _published(grid, hidden)
        assert other[cell[0]][cell[1]] != grid[cell[0]][cell[1]]


def test_a_cell_hidden_alone_would_be_recovered_from_its_total():
    # given a row with one small cell: 3 of 23 clients
    grid = _table([[3, 20], [10, 12]])
    # when only the primary cell is hidden, it is its row total minus the rest
    alone = primary(grid)
    assert alone == {(0, 0)}
    assert recoverable(alone) == {(0, 0)}
    assert grid[0][2] - grid[0][1] == 3
    # then suppression hides more: no hidden cell is the difference of shown ones any more
    hidden = suppress(grid, grid)
    assert (0, 0) in hidden and len(hidden) >= 4
    assert not recoverable(hidden)
    other = _another_table(grid, (0, 0), hidden)
    assert _published(other, hidden) == _published(grid, hidden)
    assert other[0][0] != 3


def test_clients_not_values_decide():
    # given 40 actions of 3 clients in one cell
    values = _table([[40, 10], [10, 10]])
    clients = _table([[3, 6], [7, 8]])
    # when suppressed, then the cell of 3 clients is hidden though it counts 40
    assert (0, 0) in suppress(values, clients)


def test_shapes_must_agree():
    # given grids of different shapes, then the function refuses them
    with pytest.raises(ValueError, match="same shape"):
        suppress([[1, 1], [1, 1]], [[1, 1]])


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([], 0),
        ([0, 0], 0),
        ([5, 1], 5),  # a cell of five makes the line at least five: shown
        ([1, 2, 1], 4),  # under five together: at most four, at least one: hidden
        ([3, 3], None),  # three to six: only counting tells
        ([4, 4, 4], None),
    ],
)
def test_a_margins_clients_from_its_cells(cells, expected):
    assert margin_clients(cells) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.integers(0, 12), max_size=8), max_size=6))
def test_margin_clients_falls_on_the_side_of_the_threshold_of_the_distinct_count(cells):
    # given cells of clients (a client may be in several), when the margin is told from the
    # cells' distinct counts, then it is hidden exactly when the exact distinct count would be
    exact = len(set().union(*cells)) if cells else 0
    told = margin_clients([len(c) for c in cells])
    if told is not None:
        assert (0 < told < THRESHOLD) == (0 < exact < THRESHOLD)
        assert (told == 0) == (exact == 0)
