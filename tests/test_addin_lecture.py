"""Reading a live book on desktop Excel, where every question is a call into Excel:
merged areas found by halving the used range, not row by row, and hidden lines read
through xlwings' `rows` / `columns` (a Range has no `hidden`). Excel is played by a
small model that answers as COM does (MergeCells True, False or None for a mix) and
counts the calls."""

from __future__ import annotations

import random
from collections import Counter

from pointage.addin.read_book import read_sheet


class Sheet:
    """A desktop sheet: its values from A1, merged areas and hidden lines (1-based)."""

    def __init__(self, rows: int, cols: int, merged=(), hidden_rows=(), hidden_cols=()):
        self.name = "Annexe"
        self.size = (rows, cols)
        self.merged = list(merged)
        self.hidden = {"rows": set(hidden_rows), "columns": set(hidden_cols)}
        self.calls: Counter[str] = Counter()
        self.tables: list = []

    @property
    def used_range(self) -> Range:
        return Range(self, 1, 1, *self.size)

    def range(self, first, last=None) -> Range:
        return Range(self, *first, *(last or first))

    def area_of(self, row: int, col: int):
        return next((a for a in self.merged if a[0] <= row <= a[2] and a[1] <= col <= a[3]), None)


class Range:
    def __init__(self, sheet: Sheet, first_row: int, first_col: int, last_row: int, last_col: int):
        self.sheet, self.row, self.column = sheet, first_row, first_col
        self.last = (last_row, last_col)
        self.shape = (last_row - first_row + 1, last_col - first_col + 1)

    def cells(self):
        return [
            (r, c) for r in range(self.row, self.last[0] + 1) for c in range(self.column, self.last[1] + 1)
        ]

    def options(self, **_):
        return self

    @property
    def value(self):
        self.sheet.calls["value"] += 1
        return [
            [f"{r}:{c}" for c in range(self.column, self.last[1] + 1)]
            for r in range(self.row, self.last[0] + 1)
        ]

    @property
    def merge_cells(self):
        """True when every cell is in a merged area, False when none is, None for a mix
        (the areas do not overlap)."""
        self.sheet.calls["merge_cells"] += 1
        (r1, c1), (r2, c2) = (self.row, self.column), self.last
        merged = sum(
            max(0, min(r2, a[2]) - max(r1, a[0]) + 1) * max(0, min(c2, a[3]) - max(c1, a[1]) + 1)
            for a in self.sheet.merged
        )
        return None if 0 < merged < self.shape[0] * self.shape[1] else merged > 0

    @property
    def merge_area(self):
        self.sheet.calls["merge_area"] += 1
        area = self.sheet.area_of(self.row, self.column)
        return Range(self.sheet, *area) if area else self

    @property
    def rows(self):
        return Lines(self, "rows")

    @property
    def columns(self):
        return Lines(self, "columns")

    def __iter__(self):
        return iter([Range(self.sheet, r, c, r, c) for r, c in self.cells()])


class Lines:
    """`Range.rows` / `Range.columns`: xlwings on Windows asks each line's visibility
    in turn and stops at the first that differs (one call each)."""

    def __init__(self, rng: Range, axis: str):
        self.rng, self.axis = rng, axis

    def _numbers(self) -> range:
        if self.axis == "rows":
            return range(self.rng.row, self.rng.last[0] + 1)
        return range(self.rng.column, self.rng.last[1] + 1)

    def __len__(self) -> int:
        return len(self._numbers())

    def __iter__(self):
        r1, c1, (r2, c2) = self.rng.row, self.rng.column, self.rng.last
        if self.axis == "rows":
            return iter([Range(self.rng.sheet, r, c1, r, c2) for r in self._numbers()])
        return iter([Range(self.rng.sheet, r1, c, r2, c) for c in self._numbers()])

    @property
    def hidden(self):
        hidden = self.rng.sheet.hidden[self.axis]
        first = None
        for number in self._numbers():
            self.rng.sheet.calls["hidden"] += 1
            if first is None:
                first = number in hidden
            elif (number in hidden) != first:
                return None
        return first


def test_merged_areas_of_a_long_sheet_cost_a_few_calls():
    sheet = Sheet(10_000, 7, merged=[(1, 1, 1, 6), (100, 5, 300, 5), (5000, 2, 5000, 3)])
    snapshot = read_sheet(sheet)
    assert snapshot.merged == [(0, 0, 0, 5), (99, 4, 299, 4), (4999, 1, 4999, 2)]
    # Row by row, it was 10 000 calls and more (each cell of a row holding a merge).
    assert sheet.calls["merge_cells"] + sheet.calls["merge_area"] <= 150
    assert sheet.calls["value"] == 1


def test_merged_areas_found_by_halving_are_those_of_each_cell():
    rng = random.Random(26)
    for _ in range(40):
        rows, cols = rng.randint(1_000, 2_000), rng.randint(1, 9)
        taken: set[tuple[int, int]] = set()
        areas = []
        for _ in range(rng.randint(0, 6)):
            r1, c1 = rng.choice((1, 2, rng.randint(1, rows))), rng.randint(1, cols)
            r2, c2 = min(rows, r1 + rng.randint(0, 4)), min(cols, c1 + rng.randint(0, 3))
            cells = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
            if len(cells) > 1 and not cells & taken:
                taken |= cells
                areas.append((r1, c1, r2, c2))
        sheet = Sheet(rows, cols, merged=areas)
        expected = sorted((r1 - 1, c1 - 1, r2 - 1, c2 - 1) for r1, c1, r2, c2 in areas)
        assert read_sheet(sheet).merged == expected
        # Row by row, it was at least one call per row as soon as one area was there.
        assert sheet.calls["merge_cells"] + sheet.calls["merge_area"] < rows / 2


def test_hidden_rows_and_columns_are_asked_line_by_line_when_some_are():
    sheet = Sheet(20, 5, hidden_rows={5, 7}, hidden_cols={3})
    snapshot = read_sheet(sheet)
    assert (snapshot.hidden_rows, snapshot.hidden_cols) == ({4, 6}, {2})
    everything = Sheet(4, 2, hidden_rows={1, 2, 3, 4})
    assert read_sheet(everything).hidden_rows == {0, 1, 2, 3}
    assert read_sheet(Sheet(4, 2)).hidden_rows == set()
