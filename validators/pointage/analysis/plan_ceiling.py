"""What a plan de financement says beyond its cells: its PLAFOND, and row names."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.quantities import Quantity, parse_quantity
from pointage.base.addresses import a1
from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank, words
from pointage.tables.table import Row, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

# How far above its header a table's PLAFOND line is looked for.
CEILING_SEARCH_ROWS = 20
QUANTITY_ROLES = ("existing", "target", "delta")


@dataclass(frozen=True)
class Ceiling:
    value: Decimal
    cell: str  # A1 of the value
    label: str  # `PLAFOND DEPARTEMENT`


def ceiling(table: Table, ctx: CheckContext) -> Ceiling | None:
    """The PLAFOND written in the rows above the table (classeur.md, section 3), up to
    the table above it on the same sheet; None when absent or left empty."""
    sheet = table.sheet
    above = [
        t.last_row
        for t in ctx.tables
        if t.sheet is sheet and t is not table and t.last_row < table.header_row
    ]
    top = max([sheet.origin_row - 1, table.header_row - CEILING_SEARCH_ROWS - 1, *above])
    for index in range(table.header_row - 1, top, -1):
        cells = sheet.row(index)
        for offset, value in enumerate(cells):
            if not (isinstance(value, str) and words(value).startswith("PLAFOND")):
                continue
            for col in range(sheet.origin_col + offset + 1, sheet.origin_col + len(cells)):
                raw = sheet.value(index, col)
                if is_blank(raw):
                    continue
                number = parse_number(raw)
                if isinstance(number, Number):
                    return Ceiling(number.value, a1(index, col), value.strip())
                return None
            return None
    return None


def quantity(table: Table, row: Row, role: str) -> Quantity | None:
    value = table.value(row, role)
    return None if is_blank(value) else parse_quantity(value)


def row_name(table: Table, row: Row) -> str:
    """What a plan row is about: its first text left of the figures (`ETP
    d'accompagnement (CD, PE...)`), shortened for messages."""
    figures = [table.roles[r] for r in (*QUANTITY_ROLES, "amount") if table.has(r)]
    last = min(figures) if figures else table.last_col + 1
    for col in range(table.first_col, last):
        value = table.sheet.value(row.index, col)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= 80 else text[:77].rstrip() + "…"
    return row.label or f"Ligne {row.index + 1}"
