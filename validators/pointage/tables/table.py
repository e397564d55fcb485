"""A recognised table: its kind, its columns by role, its rows by kind."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from pointage.base.addresses import a1, column_letter, range_a1
from pointage.base.numbers import NotANumber, Number, exact_values, parse_number
from pointage.base.text import is_blank, words
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.kinds import TableKind

DETAIL, TOTAL, NOTE = "detail", "total", "note"
TOTAL_BY_LABEL, TOTAL_BY_BARE_AMOUNT = "libellé", "montant seul sous les lignes"
TOTAL_BY_FORMULA = "formule SOMME des lignes au-dessus"
TOTAL_BESIDE = "formule SOMME à côté des lignes"
# A note row that repeats the total right above it.
ECHO = "répète le total juste au-dessus"

_TOTAL_LABEL = re.compile(r"^(?:SOUS\s*)?TOTAL\b")
# From this many headers naming its columns, a table is surely of its kind: a missing
# required column is then an error (F004); below, the table is not recognised.
SURE_SCORE = 3


@dataclass(slots=True)
class Row:
    index: int  # absolute, 0-based
    kind: str  # DETAIL, TOTAL or NOTE
    label: str = ""  # first text of the row (a total's `TOTAL GÉNÉRAL`, a structure)
    # How a total row was recognised (TOTAL_BY_LABEL, TOTAL_BY_BARE_AMOUNT), for the report.
    how: str = ""

    @property
    def is_grand_label(self) -> bool:
        return "GENERAL" in words(self.label)


@dataclass(frozen=True, slots=True)
class SideTotal:
    """A total written beside the lines, outside the table's columns: `Total peinture`
    in D9 and `=SUM(B8:B10)` in E9, or `Total marchandises | =SUM(E:E)` right of an
    Excel Table. Its formula says which column it totals and near which rows; what it
    should be is the sum of the detail rows of the blocks those rows are in."""

    row: int
    col: int
    label: str
    label_col: int
    summed_col: int
    first: int
    last: int


@dataclass(frozen=True)
class Table:
    """What detection read of a table, never changed after it is built (frozen): what
    an analysis finds of it lives in the analysis's result (`TotalsAnalysis`…). Its
    lists are built with it; only its caches of values read fill as they are asked."""

    sheet: SheetSnapshot
    kind: TableKind
    header_row: int
    first_col: int
    last_col: int
    last_row: int
    roles: dict[str, int]
    headers: dict[int, str]
    missing: list[str]
    rows: list[Row] = field(default_factory=list)
    # Every row of the header (a header may span two rows); the first is `header_row`.
    header_rows: list[int] = field(default_factory=list)
    # How many headers name a column of the kind (3 or more: the kind is sure).
    score: int = 0
    # absolute column -> what its header means (`lexicon.LEXICON`), roles or not.
    meanings: dict[int, str] = field(default_factory=dict)
    # Money columns beyond the kind's roles (`Montant TVA`, `Montant TTC`…): their
    # totals are checked too, under the role `extra_role(col)`.
    extra_money: list[str] = field(default_factory=list)
    # Why the totals of this table are not checked (French), when detection found their
    # reading doubtful (what the analysis finds is `TotalsAnalysis.skipped`).
    totals_skipped: str = ""
    # The level of each of `rows` (0 the highest) when the sheet gives it (a column of
    # level words, the indentation, codes): a table only its outline shows.
    outline_levels: list[int | None] | None = None  # None: a total row closing the tree
    # Its header repeats the header of the table just above (`CODE | STRUCTURE | Nature |
    # Montant` again after a title row): a sub-table of that one, reported with it.
    repeats_header_above: bool = False
    # No header row at all (a list of postes closed by `Total | =SUM(B1:B12)`): the
    # table starts right under `header_row`, which is only the row above it.
    headerless: bool = False
    side_totals: list[SideTotal] = field(default_factory=list)
    # Totals of Excel Tables' columns summed by their names, outside those tables
    # (`Coût réel total | =SUBTOTAL(109,Logement[Réel],Transport[Réel])`): (row, column,
    # ((summed column, first line, last line), …)).
    table_totals: list[tuple[int, int, tuple[tuple[int, int, int], ...]]] = field(default_factory=list)
    # The columns its header names by a year (`2023 | 2024 | 2025`): amounts.
    year_columns: list[int] = field(default_factory=list)
    # A pivot table's rows by the depth of their item (0 outermost), when its definition
    # lists them: each row sums the rows one level deeper under it (`analysis/pivot_totals.py`).
    pivot_depths: dict[int, int] | None = None
    # Columns the workbook itself computes on each row as a signed sum of others (an
    # Excel Table's calculated column, a pivot's grand-total column), as (result column,
    # ((sign, column), …)): identities it states, an empty cell counting as 0.
    row_sums: list[tuple[int, tuple[tuple[int, int], ...]]] = field(default_factory=list)
    _numbers: dict[tuple[int, int], Number | NotANumber | None] = field(default_factory=dict, repr=False)
    _columns: dict[str, list[object]] = field(default_factory=dict, repr=False)
    _exact: dict[str, list] = field(default_factory=dict, repr=False)
    _non_details: list[int] | None = field(default=None, repr=False)
    _indexes: list[int] | None = field(default=None, repr=False)

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    @property
    def top_row(self) -> int:
        """The first row of the table: its first header row, or its first line."""
        if self.headerless:
            return self.header_row + 1
        return self.header_rows[0] if self.header_rows else self.header_row

    @property
    def outer_last_col(self) -> int:
        """The last column a person sees as the table's: its totals beside it included."""
        return max([self.last_col, *(s.col for s in self.side_totals)])

    @property
    def range(self) -> str:
        return range_a1(self.top_row, self.first_col, self.last_row, self.outer_last_col)

    @property
    def money_roles(self) -> list[str]:
        return [r for r in self.kind.money if r in self.roles] + self.extra_money

    @property
    def usable(self) -> bool:
        """Rules skip a table that lacks a required column (F004 says why)."""
        return not self.missing

    @property
    def sure_of_kind(self) -> bool:
        """Enough headers name columns of its kind (SURE_SCORE) to say what it lacks."""
        return self.score >= SURE_SCORE

    def has(self, role: str) -> bool:
        return role in self.roles

    def value(self, row: Row | int, role: str) -> object:
        col = self.roles.get(role)
        if col is None:
            return None
        return self.sheet.value(row if isinstance(row, int) else row.index, col)

    def text(self, row: Row | int, role: str) -> str:
        value = self.value(row, role)
        return "" if value is None else str(value).strip()

    def column(self, role: str) -> list[object]:
        """Values of `role` in the order of `rows` (None for an empty cell or a missing
        column): the loops over every row read lists, not cells one by one."""
        found = self._columns.get(role)
        if found is None:
            col = self.roles.get(role)
            if col is None:
                found = [None] * len(self.rows)
            else:
                if self._indexes is None:
                    object.__setattr__(self, "_indexes", [r.index for r in self.rows])
                found = self.sheet.column(self._indexes or [], col)
            self._columns[role] = found
        return found

    def non_detail_positions(self) -> list[int]:
        """The positions in `rows` of the total and note rows, in order, computed once:
        the loops over a big table's rows go from one to the next, the detail rows
        between them read as slices of columns."""
        if self._non_details is None:
            object.__setattr__(
                self, "_non_details", [p for p, row in enumerate(self.rows) if row.kind != DETAIL]
            )
        return self._non_details or []

    def exact_column(self, role: str) -> list[int | Decimal | NotANumber | None]:
        """`column(role)` read as numbers (see `exact_value`), computed once."""
        found = self._exact.get(role)
        if found is None:
            found = self._exact[role] = exact_values(self.column(role))
        return found

    def address(self, row: Row | int, role: str) -> str:
        return a1(row if isinstance(row, int) else row.index, self.roles[role])

    def number(self, row: Row | int, role: str) -> Number | NotANumber | None:
        """The cell of `role` read as a number. Text is parsed once and kept; a real
        number is converted each time (cheap), so that a big table costs no cache."""
        col = self.roles.get(role)
        if col is None:
            return None
        index = row if isinstance(row, int) else row.index
        raw = self.sheet.value(index, col)
        if not isinstance(raw, str):
            return parse_number(raw)
        key = (index, col)
        if key not in self._numbers:
            self._numbers[key] = parse_number(raw)
        return self._numbers[key]

    def number_value(self, row: Row | int, role: str) -> Number | None:
        parsed = self.number(row, role)
        return parsed if isinstance(parsed, Number) else None

    def detail_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == DETAIL]

    def header_text(self, role: str) -> str:
        col = self.roles[role]
        return self.headers.get(col) or column_letter(col)


def rows_outside(sheet: SheetSnapshot, tables: list[Table]) -> list[range]:
    """The runs of the sheet's rows that none of `tables` holds (whatever the columns):
    where the tables that only their structure shows are looked for, so that a sheet
    that is one big table costs nothing more."""
    runs, start = [], sheet.origin_row
    for top, last in sorted((t.top_row, t.last_row) for t in tables if t.sheet is sheet):
        if top > start:
            runs.append(range(start, top))
        start = max(start, last + 1)
    if start < sheet.row_count:
        runs.append(range(start, sheet.row_count))
    return runs


def extra_role(col: int) -> str:
    """The role under which a money column beyond the kind's roles is read."""
    return f"extra:{col}"


class TableFrame(Protocol):
    """What sorting a table's rows reads: a `Table`, or detection's reading of a header
    before the table is built."""

    @property
    def sheet(self) -> SheetSnapshot: ...
    @property
    def kind(self) -> TableKind: ...
    @property
    def header_row(self) -> int: ...
    @property
    def first_col(self) -> int: ...
    @property
    def last_col(self) -> int: ...
    @property
    def roles(self) -> Mapping[str, int]: ...


@dataclass(frozen=True, slots=True)
class Frame:
    """A table's place, kind and columns, read before the table is built (a `TableFrame`)."""

    sheet: SheetSnapshot
    kind: TableKind
    header_row: int
    first_col: int
    last_col: int
    roles: Mapping[str, int]


def classify_rows(frame: TableFrame, body: list[int]) -> list[Row]:
    """The body rows of a table sorted into detail, total and note rows (classeur.md),
    blank rows left out.

    Runs once per row of every table: the first cells and the labels are read as
    columns; a row is read whole only when its first cell holds no text."""
    sheet = frame.sheet
    reader = _RowReader(frame, body)
    label_col = frame.roles.get("label")
    heads = sheet.column(body, frame.first_col) if reader.first >= 0 else [None] * len(body)
    labels = sheet.column(body, label_col) if label_col is not None else [None] * len(body)
    rows: list[Row] = []
    totals: list[int] = []  # where the total rows are in `rows` (for their echoes, below)
    previous_kind: str | None = None
    for index, head, label_value in zip(body, heads, labels):
        row = reader.row(index, head, label_value, previous_kind)
        if row is None:
            continue  # a blank row
        if row.kind == TOTAL:
            totals.append(len(rows))
        rows.append(row)
        previous_kind = row.kind
    return _echoes_to_notes(frame, rows, totals) if reader.has_totals else rows


class _RowReader:
    """Reads the kind of each body row of a table: the columns and formulas it looks at,
    found once per table."""

    def __init__(self, frame: TableFrame, body: list[int]) -> None:
        self.frame, self.sheet = frame, frame.sheet
        sheet = frame.sheet
        self.first = frame.first_col - sheet.origin_col
        self.stop = frame.last_col - sheet.origin_col + 1
        self.has_totals = frame.kind.has_totals
        # A budget or plan table closes its blocks by a total label only.
        self.totals_only_by_label = frame.kind.totals_by_label_only
        self.merged_labels = _merged_labels(frame, body[-1] if body else frame.header_row)
        # A SUM/SUBTOTAL of the rows above in the amount column says the row is a total.
        self.amount_col = frame.roles.get("amount")
        self.sums = sheet.sums if self.amount_col is not None and not frame.kind.is_imputation else {}
        self.description_col = frame.roles.get("description")

    def row(self, index: int, head: object, label_value: object, previous_kind: str | None) -> Row | None:
        """The row at `index` (`head`: its first cell, `label_value`: its label's), None
        when it is blank."""
        if (
            self.merged_labels
            and index in self.merged_labels
            and not _is_total_row(self.frame, index, self.sums)
        ):
            # Under a label merged over several rows: one more row of that label (three
            # grants to one structure), never a bare-amount total.
            return Row(index, DETAIL, self.merged_labels[index])
        cells: list[object] | None = None  # the usual row: a text in the first column
        leading = head.strip() if isinstance(head, str) else ""
        if not leading:
            cells = _cells(self.sheet.row(index), self.first, self.stop)
            first_text = _first_text(cells)
            if first_text is None:
                return None
            leading = first_text
        label = str(label_value).strip() if label_value is not None else ""
        if not self.has_totals:
            return Row(index, DETAIL, label)
        return self._sorted(index, leading, label, cells, previous_kind)

    def _sorted(
        self, index: int, leading: str, label: str, cells: list[object] | None, previous_kind: str | None
    ) -> Row:
        sheet, amount_col = self.sheet, self.amount_col
        summed = self.sums.get((index, amount_col)) if amount_col is not None else None
        if summed is not None and summed[0] > self.frame.header_row:
            return Row(index, TOTAL, leading if is_total_label(leading) else label, TOTAL_BY_FORMULA)
        if is_total_label(leading):
            return Row(index, TOTAL, leading, TOTAL_BY_LABEL)
        if self.totals_only_by_label or label:
            return Row(index, DETAIL, label)  # a named line
        if amount_col is None or is_blank(sheet.value(index, amount_col)):
            return Row(index, NOTE, label)
        if previous_kind == DETAIL and self._bare_amount(index, amount_col, cells):
            # Seed 001, thématique 4: a block closed by a bare amount.
            return Row(index, TOTAL, label, TOTAL_BY_BARE_AMOUNT)
        return Row(index, DETAIL, label)

    def _bare_amount(self, index: int, amount_col: int, cells: list[object] | None) -> bool:
        """Nothing but numbers on the row (no description either): a total of the block."""
        if self.description_col is not None and not is_blank(self.sheet.value(index, self.description_col)):
            return False
        if cells is None:
            cells = _cells(self.sheet.row(index), self.first, self.stop)
        return _only_numbers_besides(cells, amount_col - self.frame.first_col)


def _cells(line: list[object], first: int, stop: int) -> list[object]:
    """The cells of a row within the table's columns (`first`, `stop`: from the
    sheet's first column)."""
    return line[max(first, 0) : stop] if first < len(line) else []


# An echo's amount may be the total recomputed and rounded otherwise: within this share.
ECHO_TOLERANCE = Decimal("0.01")
# Cells an echo repeats besides its amount (the invoice's date, number, supplier).
ECHO_REPEATED = 2


def _echoes_to_notes(frame: TableFrame, rows: list[Row], totals: list[int]) -> list[Row]:
    """A row right under a total that repeats it (the same cells but its first one,
    the same amount give or take a rounding) is an echo of that total, not a line of
    the next block: read as a note, it is summed by no total. `totals`: where the
    total rows are in `rows`."""
    amount = frame.roles.get("amount")
    if amount is None:
        return rows
    for position in totals:
        if position + 1 >= len(rows):
            continue
        total, row = rows[position], rows[position + 1]
        if row.kind != DETAIL or row.index != total.index + 1:
            continue
        if _echoes(frame, total.index, row.index, amount):
            rows[position + 1] = Row(row.index, NOTE, row.label, ECHO)
    return rows


def _echoes(frame: TableFrame, total: int, row: int, amount: int) -> bool:
    sheet = frame.sheet
    found, said = parse_number(sheet.value(row, amount)), parse_number(sheet.value(total, amount))
    if not isinstance(found, Number) or not isinstance(said, Number) or said.value == 0:
        return False
    if abs(found.value - said.value) > abs(said.value) * ECHO_TOLERANCE:
        return False
    columns = [c for c in range(frame.first_col, frame.last_col + 1) if c != amount]
    first = next((c for c in columns if not is_blank(sheet.value(row, c))), None)
    repeated = 0
    for col in columns:
        if col == first:
            continue
        mine, theirs = sheet.value(row, col), sheet.value(total, col)
        if is_blank(mine) and is_blank(theirs):
            continue
        if mine != theirs:
            return False
        repeated += 1
    return repeated >= ECHO_REPEATED


def _is_total_row(frame: TableFrame, index: int, sums: Mapping[tuple[int, int], object]) -> bool:
    """A total label or a SUM formula in the row (checked for the rows under a merged
    label only: `Sous-total Asso A` beside the merged name of the association)."""
    amount_col = frame.roles.get("amount")
    if sums and amount_col is not None and (index, amount_col) in sums:
        return True
    row = frame.sheet.row(index)
    left = frame.sheet.origin_col
    return any(
        isinstance(v, str) and is_total_label(v.strip())
        for v in row[max(frame.first_col - left, 0) : frame.last_col - left + 1]
    )


def _merged_labels(frame: TableFrame, last: int) -> dict[int, str]:
    """Rows covered (below its first row) by a text merged down the label column (or
    the first column of a table without one) -> that text."""
    col = frame.roles.get("label", frame.first_col)
    sheet = frame.sheet
    covered: dict[int, str] = {}
    for r1, c1, r2, c2 in sheet.merged_starting(frame.header_row, last):
        if r2 > r1 and c1 <= col <= c2 and r2 > frame.header_row:
            value = sheet.value(r1, c1)
            if isinstance(value, str) and value.strip() and not is_total_label(value.strip()):
                for row in range(max(r1 + 1, frame.header_row + 1), min(r2, last) + 1):
                    covered[row] = value.strip()
    return covered


# The ASCII letters and digits a total label never starts with (not S, not T).
_NEVER_FIRST_OF_TOTAL = frozenset(string.ascii_letters + string.digits) - frozenset("sStT")


def is_total_label(text: str) -> bool:
    """`TOTAL`, `Sous-total général :`, not `Totalement`. Most first cells start with
    an ASCII letter or a digit: they are not normalised at all, as the letters of an
    ASCII text are its normalised letters: a total starts `SOUS` or `TOTAL`
    (`is_total_label_plain` is the reference a property test compares it with)."""
    first = text[:1]
    if first in _NEVER_FIRST_OF_TOTAL:
        return False
    if first in "sStT":
        head = text[:5]
        if head.isascii():
            upper = head.upper()
            if upper != "TOTAL" and not upper.startswith("SOUS"):
                return False  # `Structure 42`, `Territoire`
    return is_total_label_plain(text)


def is_total_label_plain(text: str) -> bool:
    return _TOTAL_LABEL.match(words(text)) is not None


def _only_numbers_besides(cells: list[object], amount: int | None) -> bool:
    """A bare-amount total row holds numbers only (the amount, other totals): a
    detail row of an accounting list whose tiers is empty still has its date, its
    number and its libellé."""
    return all(
        i == amount
        or value is None
        or value == ""
        or (isinstance(value, (int, float)) and not isinstance(value, bool))
        for i, value in enumerate(cells)
    )


def _first_text(cells: list[object]) -> str | None:
    """The first non-blank text of a row (stripped), "" when the row has only numbers,
    None when the row is blank."""
    filled = False
    for value in cells:
        if value is None or value == "":
            continue
        if isinstance(value, str):
            text = value.strip()
            if text:
                return text
            continue
        filled = True
    return "" if filled else None
