"""What Pointage knows of a workbook: one read per sheet, nothing else afterwards.

A snapshot is built by an adapter (file on disk, live Excel book) and is the only
thing table detection and rules ever see.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from pointage.base.excel_errors import EXCEL_ERRORS, ExcelError
from pointage.base.formula_text import moved

__all__ = [
    "EXCEL_ERRORS",
    "ExcelError",
    "ListObject",
    "PivotFrame",
    "ReadingGap",
    "SheetSnapshot",
    "WorkbookSnapshot",
]

# (result column, ((sign, column), …)): a column computed on each row as a signed sum of
# other columns of the row (an Excel Table's calculated column `[@Projeté]-[@Réel]`).
RowSum = tuple[int, tuple[tuple[int, int], ...]]


@dataclass(frozen=True)
class ListObject:
    """An Excel Table: its header row is the table's header row. What its own part says
    besides (readers that cannot tell leave the defaults): whether its last row is a
    totals row, the columns that row sums, and its calculated columns that are signed
    sums of other columns of the same row."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    totals_row: bool = False
    summed_cols: tuple[int, ...] = ()
    row_sums: tuple[RowSum, ...] = ()
    # (column, name) of each of its columns, as its part names them.
    columns: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class PivotFrame:
    """A pivot table as its definition places it (all absolute, 0-based): its frame,
    where its values start, and, when the definition lists its rows, the depth of each
    row's item (0 outermost) and the grand total rows. `tree` is True when every row
    item is an item or a grand total (no subtotal rows of their own): each row then
    sums the rows one level deeper under it. `column_total` is the column of a grand
    total over the column items (the sum of the value columns left of it), if any."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int
    first_data_row: int
    first_data_col: int
    depths: tuple[tuple[int, int], ...] = ()
    grand_rows: tuple[int, ...] = ()
    tree: bool = False
    column_total: int | None = None


@dataclass
class SheetSnapshot:
    """Cell values of one sheet, with what the values alone do not say.

    `values` is a dense block whose top-left cell is (`origin_row`, `origin_col`),
    0-based; formulas appear as their cached values, error cells as `ExcelError`.
    """

    name: str
    values: list[list[object]]
    origin_row: int = 0
    origin_col: int = 0
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    # cell -> (first row, last row) its `SUM`/`SUBTOTAL(9, …)` of one column adds.
    sums: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # cell -> (column, first row, last row) of a SUM of one column that `sums` does not
    # hold: another column's rows (`E3 = SUM(B2:B5)`, a total beside the lines), or a
    # whole column (`SUM(E:E)`, last row 1048575).
    column_sums: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    # cell -> (first column, last column) of a SUM of its own row's cells left of it
    # (`I25 = SUM(C25:H25)`, a row total), when the reader knows them.
    row_sums: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # cell -> (column, first row, last row) of each Excel Table column its SUM/SUBTOTAL
    # adds by name (`SUBTOTAL(109,Logement[Réel],Transport[Réel])`): the tables' lines.
    table_sums: dict[tuple[int, int], tuple[tuple[int, int, int], ...]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    list_objects: list[ListObject] = field(default_factory=list)
    pivots: list[PivotFrame] = field(default_factory=list)
    # The cells holding an ExcelError, when the reader knows them (None: look at the values).
    error_cells: frozenset[tuple[int, int]] | None = None
    # cell -> its formula's text (without `=`), for the formulas that add (`+`, SUM,
    # SUBTOTAL) and those without a cached value, when the reader knows them.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # cell -> the first cell of the shared formula it holds (Excel writes the text once,
    # in that cell): its text is moved there only when asked for (`formula`).
    shared_formulas: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # The formulas without a cached value that Pointage evaluated (`recalculation.py`).
    computed: frozenset[tuple[int, int]] = frozenset()

    def formula(self, cell: tuple[int, int]) -> str | None:
        """The text of the formula of `cell`, when the reader kept it (see `formulas`)."""
        text = self.formulas.get(cell)
        if text is None and cell in self.shared_formulas:
            first = self.shared_formulas[cell]
            if first in self.formulas:
                text = moved(self.formulas[first], cell[0] - first[0], cell[1] - first[1])
                self.formulas[cell] = text
        return text

    @property
    def has_formulas(self) -> bool:
        return bool(self.formulas or self.shared_formulas)

    @property
    def row_count(self) -> int:
        return self.origin_row + len(self.values)

    def row(self, row: int) -> list[object]:
        """Values of an absolute row, indexed from `origin_col`."""
        index = row - self.origin_row
        if 0 <= index < len(self.values):
            return self.values[index]
        return []

    def value(self, row: int, col: int) -> object:
        # The hottest function of a check: one call per cell read, kept flat.
        r = row - self.origin_row
        if 0 <= r < len(self.values):
            cells = self.values[r]
            c = col - self.origin_col
            if 0 <= c < len(cells):
                value = cells[c]
                return None if value == "" else value
        return None

    @cached_property
    def _merged_by_first_row(self) -> tuple[list[int], list[tuple[int, int, int, int]]]:
        ordered = sorted(self.merged)
        return [m[0] for m in ordered], ordered

    def merged_starting(self, first: int, last: int) -> list[tuple[int, int, int, int]]:
        """The merged ranges whose first row is in [first, last] (a sheet may hold tens
        of thousands of them; each table looks at its own rows only)."""
        starts, ordered = self._merged_by_first_row
        return ordered[bisect_left(starts, first) : bisect_right(starts, last)]

    @cached_property
    def width(self) -> int:
        """Length of the shortest row: columns before it are in every row."""
        return min(map(len, self.values)) if self.values else 0

    def column(self, rows: list[int], col: int) -> list[object]:
        """Values of column `col` in `rows` (absolute, strictly ascending), empty cells
        as None."""
        values, top, c = self.values, self.origin_row, col - self.origin_col
        if rows and 0 <= c < self.width and top <= rows[0] and rows[-1] < top + len(values):
            # The usual case, one comprehension: the rows (ascending) are all inside.
            first, last = rows[0] - top, rows[-1] - top
            if last - first + 1 == len(rows):  # every row between them: a slice
                return [None if v == "" else v for v in map(itemgetter(c), values[first : last + 1])]
            return [None if (v := values[r - top][c]) == "" else v for r in rows]
        out: list[object] = []
        for row in rows:
            r = row - top
            cells = values[r] if 0 <= r < len(values) else ()
            value = cells[c] if 0 <= c < len(cells) else None
            out.append(None if value == "" else value)
        return out


def record_sum(
    sums: dict[tuple[int, int], tuple[int, int]],
    column_sums: dict[tuple[int, int], tuple[int, int, int]],
    cell: tuple[int, int],
    summed_col: int,
    first: int,
    last: int,
) -> None:
    """File the `SUM` of one column's rows `first..last` written in `cell`, as every
    reader does: its own column's rows above it in `sums`, any other in `column_sums`
    (a range that holds its own cell is a circular reference: neither)."""
    row, col = cell
    if first > last or first < 0:
        return
    if col == summed_col:
        if last < row:
            sums[cell] = (first, last)
        elif row < first:
            column_sums[cell] = (summed_col, first, last)
    else:
        column_sums[cell] = (summed_col, first, last)


@dataclass(frozen=True)
class ReadingGap:
    """Something of the workbook the reader could not read and went on without (a
    damaged Excel Table...): said to the user, never silently dropped (E001)."""

    what: str  # French, for the user
    sheet: str | None = None


@dataclass
class WorkbookSnapshot:
    name: str
    sheets: list[SheetSnapshot]
    gaps: list[ReadingGap] = field(default_factory=list)
    # The sheets Pointage wrote (its defined-name marks say which): never checked.
    own_sheets: frozenset[str] = frozenset()
