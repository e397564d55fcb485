"""Fills written in batches: one action per rectangle of adjacent cells."""

from __future__ import annotations

from pointage.base.addresses import a1

# xlwings' Range.set_colors takes at most this many cells per call.
MAX_CELLS = 10_000


def rectangles(colors: dict[tuple[int, int], str | None]):
    """Group 0-based cells into rectangles: runs of adjacent columns in a row, then
    runs with the same columns in consecutive rows. Yields (first_row, first_col, matrix)."""
    runs: list[tuple[int, int, list[str | None]]] = []
    for row, col in sorted(colors):
        if runs and runs[-1][0] == row and runs[-1][1] + len(runs[-1][2]) == col:
            runs[-1][2].append(colors[(row, col)])
        else:
            runs.append((row, col, [colors[(row, col)]]))
    blocks: dict[tuple[int, int], tuple[int, list[list[str | None]]]] = {}
    done: list[tuple[int, int, list[list[str | None]]]] = []
    for row, first_col, fills in runs:
        key = (first_col, len(fills))
        block = blocks.get(key)
        if block and block[0] + len(block[1]) == row and (len(block[1]) + 1) * len(fills) <= MAX_CELLS:
            block[1].append(fills)
            continue
        if block:
            done.append((block[0], first_col, block[1]))
        blocks[key] = (row, [fills])
    done.extend((row, first_col, matrix) for (first_col, _), (row, matrix) in blocks.items())
    return sorted(done)


def paint(sheet, colors: dict[tuple[int, int], str | None]) -> int:
    """Set each cell's fill (`#RRGGBB`, or None for no fill); returns the writes made."""
    writes = 0
    for row, col, matrix in rectangles(colors):
        last = a1(row + len(matrix) - 1, col + len(matrix[0]) - 1)
        target = sheet.range(f"{a1(row, col)}:{last}")
        distinct = {c for line in matrix for c in line}
        if len(distinct) == 1:
            target.color = distinct.pop()
        else:
            target.set_colors(matrix)
        writes += 1
    return writes
