"""A recognised table: its kind, its columns by role, its rows by kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pointage.addresses import a1, range_a1
from pointage.headers import TableKind
from pointage.numbers import NotANumber, Number, parse_number
from pointage.snapshot import SheetSnapshot
from pointage.text import is_blank, words

DETAIL, TOTAL, NOTE = "detail", "total", "note"

_TOTAL_LABEL = re.compile(r"^(?:SOUS\s*)?TOTAL\b")


@dataclass
class Row:
    index: int  # absolute, 0-based
    kind: str  # DETAIL, TOTAL or NOTE
    label: str = ""  # first text of the row (a total's `TOTAL GÉNÉRAL`, a structure)

    @property
    def is_grand_label(self) -> bool:
        return "GENERAL" in words(self.label)


@dataclass
class Table:
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
    _numbers: dict[tuple[int, int], Number | NotANumber | None] = field(
        default_factory=dict, repr=False
    )
    _columns: dict[str, list[object]] = field(default_factory=dict, repr=False)

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    @property
    def range(self) -> str:
        return range_a1(self.header_row, self.first_col, self.last_row, self.last_col)

    @property
    def usable(self) -> bool:
        """Rules skip a table that lacks a required column (F004 says why)."""
        return not self.missing

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
                found = self.sheet.column([r.index for r in self.rows], col)
            self._columns[role] = found
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
        cached = self._numbers.get((index, col), False)
        if cached is False:
            cached = self._numbers[(index, col)] = parse_number(raw)
        return cached

    def number_value(self, row: Row | int, role: str) -> Number | None:
        parsed = self.number(row, role)
        return parsed if isinstance(parsed, Number) else None

    def detail_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == DETAIL]

    def header_text(self, role: str) -> str:
        return self.headers.get(self.roles[role], role)


def classify_rows(table: Table, body: list[int]) -> None:
    """Sort the body rows of a table into detail, total and note rows (classeur.md)."""
    sheet = table.sheet
    previous_kind = None
    for index in body:
        cells = sheet.cells(index, table.first_col, table.last_col)
        if all(is_blank(v) for v in cells):
            continue
        first_text = next(
            (v.strip() for v in cells if isinstance(v, str) and v.strip()), ""
        )
        label = table.text(index, "label") if table.has("label") else ""
        if not table.kind.has_totals:
            kind = DETAIL
        elif _TOTAL_LABEL.match(words(first_text)):
            kind, label = TOTAL, first_text
        elif table.kind.name in ("imputation", "plan"):
            kind = DETAIL
        else:
            has_label = not is_blank(table.value(index, "label"))
            has_description = not is_blank(table.value(index, "description"))
            has_amount = not is_blank(table.value(index, "amount"))
            if not has_label and not has_description and has_amount and previous_kind == DETAIL:
                # Seed 001, thématique 4: a block closed by a bare amount.
                kind = TOTAL
            elif has_label or has_amount:
                kind = DETAIL
            else:
                kind = NOTE
        table.rows.append(Row(index, kind, label))
        previous_kind = kind
