"""Fills written in as few calls as the engine allows.

The two engines count differently. On desktop Excel (COM, AppleScript) `Range.color`
fills a whole range in one call, while `Range.set_colors` sets the cells one by one:
the fills go by rectangles of adjacent cells of the same colour. On the remote engine
every call is one action sent back to Excel, and `set_colors` is one action whatever
the matrix holds, `...` leaving a cell's fill as it is: the cells go in as few
matrices of at most `MAX_CELLS` cells as a sweep down the rows finds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from pointage.base.addresses import a1

if TYPE_CHECKING:
    from xlwings import Range, Sheet

# xlwings' Range.set_colors takes at most this many cells per call.
MAX_CELLS = 10_000

Colors = dict[tuple[int, int], str | None]
Value = TypeVar("Value")


def uniform_rectangles(colors: Mapping[tuple[int, int], Value]) -> list[tuple[int, int, int, int, Value]]:
    """Group 0-based cells into rectangles of one colour: runs of adjacent columns of
    the same colour in a row, then the same runs in consecutive rows.
    Returns (first_row, first_col, last_row, last_col, colour), sorted."""
    runs: list[list] = []  # [row, first_col, last_col, colour]
    for row, col in sorted(colors):
        colour = colors[(row, col)]
        last = runs[-1] if runs else None
        if last and last[0] == row and last[2] + 1 == col and last[3] == colour:
            last[2] = col
        else:
            runs.append([row, col, col, colour])
    open_blocks: dict[tuple[int, int, Value], list[int]] = {}  # key -> [first_row, last_row]
    done: list[tuple[int, int, int, int, Value]] = []
    for row, first_col, last_col, colour in runs:
        key = (first_col, last_col, colour)
        block = open_blocks.get(key)
        if block and block[1] + 1 == row:
            block[1] = row
            continue
        if block:
            done.append((block[0], first_col, block[1], last_col, colour))
        open_blocks[key] = [row, row]
    done.extend((b[0], k[0], b[1], k[1], k[2]) for k, b in open_blocks.items())
    return sorted(done, key=lambda r: r[:4])


def batches(colors: Colors) -> list[tuple[int, int, int, int]]:
    """Cover the cells with rectangles of at most MAX_CELLS cells, few of them: going
    down the rows, a rectangle grows to the next row that has cells as long as the
    rectangle spanning both stays within MAX_CELLS. A row wider than MAX_CELLS is cut
    into pieces. Returns (first_row, first_col, last_row, last_col), in row order."""
    by_row: dict[int, list[int]] = {}
    for row, col in colors:
        by_row.setdefault(row, []).append(col)
    done: list[tuple[int, int, int, int]] = []
    current: tuple[int, int, int, int] | None = None
    for row in sorted(by_row):
        cols = by_row[row]
        low, high = min(cols), max(cols)
        if current is not None:
            first_row, first_col, _, last_col = current
            first_col, last_col = min(first_col, low), max(last_col, high)
            if (row - first_row + 1) * (last_col - first_col + 1) <= MAX_CELLS:
                current = (first_row, first_col, row, last_col)
                continue
            done.append(current)
            current = None
        *whole, (first, last) = _pieces(sorted(cols))
        done.extend((row, piece_first, row, piece_last) for piece_first, piece_last in whole)
        current = (row, first, row, last)
    if current is not None:
        done.append(current)
    return done


def _pieces(cols: list[int]) -> list[tuple[int, int]]:
    """Sorted columns cut into (first, last) pieces at most MAX_CELLS columns wide."""
    pieces = [[cols[0], cols[0]]]
    for col in cols[1:]:
        if col - pieces[-1][0] >= MAX_CELLS:
            pieces.append([col, col])
        else:
            pieces[-1][1] = col
    return [(first, last) for first, last in pieces]


def batched_engine(sheet: Sheet) -> bool:
    """True when each call is an action of its own whatever its size (remote engine)."""
    return sheet.book.app.engine.name == "remote"


def paint(sheet: Sheet, colors: Colors) -> int:
    """Set each cell's fill (`#RRGGBB`, or None for no fill) and no other cell's;
    returns the calls made."""
    if not colors:
        return 0
    if not batched_engine(sheet):
        rectangles = uniform_rectangles(colors)
        for first_row, first_col, last_row, last_col, colour in rectangles:
            _area(sheet, first_row, first_col, last_row, last_col).color = colour
        return len(rectangles)
    areas = batches(colors)
    for first_row, first_col, last_row, last_col in areas:
        matrix = [
            [colors.get((row, col), ...) for col in range(first_col, last_col + 1)]
            for row in range(first_row, last_row + 1)
        ]
        target = _area(sheet, first_row, first_col, last_row, last_col)
        first = matrix[0][0]
        if len({c for line in matrix for c in line}) == 1 and first is not ...:  # every cell, one colour
            target.color = first
        else:
            target.set_colors(matrix)
    return len(areas)


def _area(sheet: Sheet, first_row: int, first_col: int, last_row: int, last_col: int) -> Range:
    if (first_row, first_col) == (last_row, last_col):
        return sheet.range(a1(first_row, first_col))
    return sheet.range(f"{a1(first_row, first_col)}:{a1(last_row, last_col)}")
