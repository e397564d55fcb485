"""What an exported table says: the texts of its cells, formatted the French way.

One `ExportedTable` per recognised table: its header texts, and its rows (header
row excluded, entirely empty rows left out) as display texts. Money columns read
`29 275,00 €`, quantities `3 354`, text stays as written (trimmed), empty stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from pointage.base.formatting import format_money, format_quantity
from pointage.base.numbers import Number, parse_number
from pointage.tables.table import TOTAL, Table

# A float quantity keeps at most this many decimals (0.1 + 0.2 shows `0,3`).
_QUANTITY_DECIMALS = Decimal("0.000001")


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


@dataclass(frozen=True)
class Block:
    """One table of an export document, with the lines printed around it."""

    table: ExportedTable
    stamp: str
    warning: str | None = None  # red line above the table (exported despite erreurs)


def exported_table(table: Table) -> ExportedTable:
    columns = range(table.first_col, table.last_col + 1)
    money = {table.roles[r] for r in table.kind.money if r in table.roles}
    quantities = {table.roles[r] for r in table.kind.quantities if r in table.roles}
    headers = tuple(display_text(table.sheet.value(table.header_row, c)) for c in columns)
    # A column repeats its values (a duration, a territory, an amount): each distinct
    # value is formatted once. The type is part of the key: True == 1, but TRUE shows
    # VRAI. (An empty cell may be None or "": both show "".)
    sheet = table.sheet
    formats = [(c - sheet.origin_col, c in money, c in quantities, {}) for c in columns]
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
    return ExportedTable(table.sheet_name, table.range, headers, tuple(rows))


def cell_of(value: object, money: bool = False, quantity: bool = False) -> Cell:
    """The display of one cell; `money`/`quantity`: the cell is in such a column."""
    if money or quantity:
        parsed = parse_number(value)
        if isinstance(parsed, Number):
            if money:
                return Cell(format_money(parsed.cents), numeric=True)
            return Cell(_quantity(parsed.value), numeric=True)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        parsed = parse_number(value)
        if isinstance(parsed, Number):
            return Cell(_quantity(parsed.value), numeric=True)
    return Cell(display_text(value))


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
    return format_quantity(value)
