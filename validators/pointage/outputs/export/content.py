"""What an exported table says: the texts of its cells, formatted the French way.

One `ExportedTable` per recognised table: its header texts, and its rows (header
row excluded, entirely empty rows left out) as display texts. Money columns read
`29 275,00 €`, quantities `3 354`, text stays as written (trimmed), empty stays empty.
A column empty on every row is left out (`omitted` names it for the export's notes).

A number never breaks across two lines: its spaces (thousands, before `€`) are
no-break spaces, in a number cell and in a text (`un projet de 64 273,09 €`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from operator import itemgetter

from pointage.base.addresses import column_letter
from pointage.base.formatting import format_money, format_quantity
from pointage.base.numbers import Number, parse_number
from pointage.tables.table import TOTAL, Table

# A float quantity keeps at most this many decimals (0.1 + 0.2 shows `0,3`).
_QUANTITY_DECIMALS = Decimal("0.000001")
NO_BREAK = "\u00a0"
# A space inside a number written in a text: between digit groups (`64 273,09`), before
# its unit (`15 000 €`, `12 %`).
# (Led by the space itself, the pattern is searched three times faster.)
_SPACE_IN_NUMBER = re.compile(r" (?<=\d )(?=\d{3}(?!\d)|[€%])")


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False  # a number: right-aligned


@dataclass(frozen=True)
class ExportedRow:
    cells: tuple[Cell, ...]
    total: bool = False  # a TOTAL / SOUS-TOTAL row: bold


@dataclass(frozen=True)
class ExportedTable:
    sheet: str
    range: str
    headers: tuple[str, ...]
    rows: tuple[ExportedRow, ...]
    # Columns left out because empty on every row: (letter, header text).
    omitted: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Block:
    """One table of an export document, with the lines printed above it."""

    table: ExportedTable
    headings: tuple[str, ...] = ()  # the sheet's title rows above the table, in order
    warning: str | None = None  # red line above the table (exported despite erreurs)


@dataclass(frozen=True)
class Mention:
    """What the document says besides its tables: the lines under them (none when the
    officer leaves them out), and what its properties keep."""

    lines: tuple[str, ...]
    description: str  # the stamp with the workbook's whole fingerprint
    sha256: str


def exported_table(table: Table) -> ExportedTable:
    columns = range(table.first_col, table.last_col + 1)
    money = {table.roles[r] for r in table.kind.money if r in table.roles}
    quantities = {table.roles[r] for r in table.kind.quantities if r in table.roles}
    headers = tuple(display_text(table.sheet.value(table.header_row, c)) for c in columns)
    # A column repeats its values (a duration, a territory, an amount): each distinct
    # value is formatted once. The type is part of the key: True == 1, but TRUE shows
    # VRAI. (An empty cell may be None or "": both show "".)
    sheet = table.sheet
    formats: list[tuple[int, bool, bool, dict[tuple[type, object], Cell]]] = [
        (c - sheet.origin_col, c in money, c in quantities, {}) for c in columns
    ]
    rows = []
    for row in table.rows:
        values = sheet.row(row.index)
        width = len(values)
        cells = []
        for index, is_money, is_quantity, seen in formats:
            v = values[index] if 0 <= index < width else None
            key = (v.__class__, v)
            cell = seen.get(key)
            if cell is None:
                cell = seen[key] = cell_of(v, is_money, is_quantity)
            cells.append(cell)
        rows.append(ExportedRow(tuple(cells), total=row.kind == TOTAL))
    return _without_empty_columns(table, headers, rows, [seen for *_, seen in formats])


def _without_empty_columns(
    table: Table, headers: tuple[str, ...], rows: list[ExportedRow], seen: list[dict]
) -> ExportedTable:
    """The table less its columns empty on every line. A column that holds only the
    total rows' labels (`TOTAL` under OPÉRATION) is empty too: each label moves to the
    next column kept, when that cell of its row is empty; else the column stays."""
    dropped = _columns_left_out(rows, seen)
    left_out = dropped.columns
    if not rows or not left_out or len(left_out) == len(headers):
        return ExportedTable(table.sheet_name, table.range, headers, tuple(rows))
    kept = [i for i in range(len(headers)) if i not in set(left_out)]
    pick = itemgetter(*kept)
    cells = [dropped.moved.get(n, r.cells) for n, r in enumerate(rows)]
    picked = [(pick(c),) for c in cells] if len(kept) == 1 else [pick(c) for c in cells]
    omitted = tuple((column_letter(table.first_col + i), " ".join(headers[i].split())) for i in left_out)
    return ExportedTable(
        table.sheet_name,
        table.range,
        tuple(headers[i] for i in kept),
        tuple(ExportedRow(c, r.total) for c, r in zip(picked, rows)),
        omitted,
    )


@dataclass(frozen=True)
class _LeftOut:
    """The columns an export leaves out, and what that moves."""

    columns: list[int]  # indexes in the table, in order
    moved: dict[int, tuple[Cell, ...]]  # the total rows' cells once their label moved, by row number


def _columns_left_out(rows: list[ExportedRow], seen: list[dict]) -> _LeftOut:
    """The blank columns, and those holding only total rows' labels when every label
    can move right (else they stay)."""
    blank = [i for i, values in enumerate(seen) if not any(c.text for c in values.values())]
    # The lines first: the first one with a text ends the search.
    labels = [
        i
        for i, values in enumerate(seen)
        if i not in blank
        and not any(r.cells[i].text for r in rows if not r.total)
        and not any(c.numeric for c in values.values())
    ]
    left_out = sorted(blank + labels)
    moved = _moved_labels(rows, set(left_out)) if labels else {}
    if moved is None:  # a label has nowhere to go: its column stays
        return _LeftOut(blank, {})
    return _LeftOut(left_out, moved)


def _moved_labels(rows: list[ExportedRow], left_out: set[int]) -> dict[int, tuple[Cell, ...]] | None:
    """The cells of the total rows whose label moves out of a left-out column, by row
    number; None when a label finds no empty cell to its right."""
    moved = {}
    for n, row in enumerate(rows):
        if not row.total:
            continue
        cells, label = list(row.cells), None
        for i, cell in enumerate(cells):
            if i in left_out:
                if cell.text:
                    if label is not None:
                        return None
                    label = cell
            elif label is not None:
                if cell.text:
                    return None
                cells[i], label = label, None
                moved[n] = tuple(cells)
        if label is not None:
            return None
    return moved


def cell_of(value: object, money: bool = False, quantity: bool = False) -> Cell:
    """The display of one cell; `money`/`quantity`: the cell is in such a column."""
    if money or quantity:
        parsed = parse_number(value)
        if isinstance(parsed, Number):
            if money:
                return Cell(format_money(parsed.cents, NO_BREAK), numeric=True)
            return Cell(_quantity(parsed.value), numeric=True)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        parsed = parse_number(value)
        if isinstance(parsed, Number):
            return Cell(_quantity(parsed.value), numeric=True)
    text = display_text(value)
    return Cell(_SPACE_IN_NUMBER.sub(NO_BREAK, text) if " " in text else text)


def display_text(value: object) -> str:
    """Text of a non-numeric cell as Excel shows it in a French workbook."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _quantity(value: Decimal) -> str:
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        value = value.quantize(_QUANTITY_DECIMALS)
    return format_quantity(value, NO_BREAK)
