"""Every figure the workbook holds, by value: what a figure quoted in the délibération's
text is looked up in. A number cell; a text cell's quantity (`3030 places`) or amounts
(`FSE - 100000€`); each component of a key figure (`135 000 + 4 125 892 + 618 750`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.quantities import parse_quantity
from pointage.analysis.quoted_figures import amounts_in
from pointage.analysis.references import read_components
from pointage.base.addresses import a1, sheet_reference
from pointage.base.numbers import Number, parse_number
from pointage.tables.table import DETAIL

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext


@dataclass(frozen=True)
class HeldFigure:
    sheet: str
    cell: str
    unit_key: str | None  # a text cell's unit (`places`); None for a number

    @property
    def address(self) -> str:
        return sheet_reference(self.sheet, self.cell)


@dataclass
class WorkbookFigures:
    by_value: dict[Decimal, list[HeldFigure]]
    sheets: list[str]  # the sheets looked in, for the messages

    def holding(self, value: Decimal, unit_key: str | None = None) -> list[HeldFigure]:
        """The cells holding `value` (a count in another unit does not match)."""
        held = self.by_value.get(value.normalize(), [])
        return [h for h in held if unit_key is None or h.unit_key in (None, unit_key)]


def workbook_figures(ctx: CheckContext) -> WorkbookFigures:
    by_value: dict[Decimal, list[HeldFigure]] = defaultdict(list)
    sheets = []
    for sheet in ctx.workbook.sheets:
        if sheet.name in ctx.workbook.own_sheets:
            continue
        sheets.append(sheet.name)
        for r, values in enumerate(sheet.values, start=sheet.origin_row):
            for c, value in enumerate(values, start=sheet.origin_col):
                for number, unit in _figures_of(value):
                    by_value[number.normalize()].append(HeldFigure(sheet.name, a1(r, c), unit))
    for table in ctx.key_figures:
        for row in table.rows:
            text = table.text(row, "components")
            if row.kind != DETAIL or not text:
                continue
            components = read_components(text, ctx, table.sheet_name)
            if components is None or components.cells:
                continue
            for value in components.values:
                by_value[value.normalize()].append(
                    HeldFigure(table.sheet_name, table.address(row, "components"), None)
                )
    return WorkbookFigures(dict(by_value), sheets)


def _figures_of(value: object) -> list[tuple[Decimal, str | None]]:
    if value is None or isinstance(value, bool):
        return []
    if not isinstance(value, str):
        number = parse_number(value)
        return [(number.value, None)] if isinstance(number, Number) else []
    quantity = parse_quantity(value)
    if quantity is not None:
        return [(quantity.value, quantity.unit_key)]
    return [(value, None) for _, value, _ in amounts_in(value)]
