"""What an article's RÉFÉRENCE or a key figure's COMPOSANTES designate.

A reference names a code opération (its Dépense/Recette, else its Proposition), a
sheet (its last grand total), or cells (`Annexe 2!G12`, `'Volet 1'!G5:G7`, `B4:B6`
on the same sheet). Several are joined with `+`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.quantities import parse_quantity
from pointage.base.addresses import a1, parse_range
from pointage.base.numbers import NotANumber, Number, parse_number
from pointage.base.text import key, label_key
from pointage.tables.kinds import IMPUTATION

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

_CELLS = re.compile(
    r"^(?:(?P<sheet>'[^']+'|[^!]+)!)?(?P<range>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$"
)
_SEPARATORS = re.compile(r"[+;]")


@dataclass
class Resolved:
    value: Decimal
    cells: list[str]  # `Feuille!A1`
    source: str  # French, for messages: `Dépense de C02-566A05`


@dataclass
class Resolution:
    value: Decimal = Decimal(0)
    cells: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def resolve_reference(text: str, ctx: CheckContext, sheet_name: str) -> Resolution:
    """Sum of what each `+`-separated part designates; parts that designate nothing
    are listed in `unresolved`."""
    result = Resolution()
    for part in (p.strip() for p in text.split("+")):
        if not part:
            continue
        found = _code(part, ctx) or _sheet_total(part, ctx) or _cells(part, ctx, sheet_name)
        if found is None:
            result.unresolved.append(part)
            continue
        result.value += found.value
        result.cells.extend(found.cells)
        result.sources.append(found.source)
    return result


def known_references(ctx: CheckContext) -> tuple[list[str], list[str]]:
    """Codes opération and sheet names a reference may use, for error messages."""
    codes = list(dict.fromkeys(line.code for line in ctx.budget_lines if line.code))
    sheets = list(
        dict.fromkeys(t.sheet_name for t in ctx.totalled_tables if ctx.totals_of(t).overall("amount"))
    )
    return codes, sheets


def _code(part: str, ctx: CheckContext) -> Resolved | None:
    wanted = label_key(part)
    lines = [line for line in ctx.budget_lines if line.code and label_key(line.code) == wanted]
    # The délibération's line (the text voted) first, then the rapport's.
    for line in sorted(lines, key=lambda line: line.is_rapport):
        role = line.commitment_role
        # The commitment role is one whose cell holds a number.
        value = line.table.number_value(line.row, role) if role is not None else None
        if role is None or value is None:
            continue
        return Resolved(
            value.value,
            [f"{line.table.sheet_name}!{line.address(role)}"],
            f"{IMPUTATION.labels[role]} de {line.code} ({line.table.sheet_name}!{line.address(role)})",
        )
    return None


def _sheet_total(part: str, ctx: CheckContext) -> Resolved | None:
    wanted = key(part)
    tables = [t for t in ctx.totalled_tables if key(t.sheet_name) == wanted]
    grand = [p for t in tables for level, p in ctx.totals_of(t).levels.get("amount", []) if level == 2]
    if grand:
        name = tables[0].sheet_name
        return Resolved(
            grand[-1].value, [f"{name}!{grand[-1].cell}"], f"total général de {name}!{grand[-1].cell}"
        )
    for table in reversed(tables):
        overall = ctx.totals_of(table).overall("amount")
        if overall is not None:
            value, cells = overall
            name = table.sheet_name
            return Resolved(value, [f"{name}!{c}" for c in cells], f"totaux de {name}")
    return None


def _cells(part: str, ctx: CheckContext, default_sheet: str) -> Resolved | None:
    values = cell_values(part, ctx, default_sheet)
    if values is None:
        return None
    total, cells = values
    return Resolved(total, cells, part)


def cell_values(text: str, ctx: CheckContext, default_sheet: str) -> tuple[Decimal, list[str]] | None:
    """Sum of the numbers of a cell or range reference; None when `text` is not one, or
    names an unknown sheet, or holds a cell that is not a number."""
    match = _CELLS.match(text.strip())
    if match is None:
        return None
    name = (match["sheet"] or default_sheet).strip().strip("'")
    sheet = next((s for s in ctx.workbook.sheets if key(s.name) == key(name)), None)
    if sheet is None:
        return None
    r1, c1, r2, c2 = parse_range(match["range"].replace("$", ""))
    total, cells = Decimal(0), []
    for row in range(r1, r2 + 1):
        for col in range(c1, c2 + 1):
            number = parse_number(sheet.value(row, col))
            if isinstance(number, NotANumber):
                return None
            if isinstance(number, Number):
                total += number.value
                cells.append(f"{sheet.name}!{a1(row, col)}")
    return total, cells


@dataclass
class Components:
    values: list[Decimal]
    cells: list[str]  # when given as a range


def read_components(text: str, ctx: CheckContext, sheet_name: str) -> Components | None:
    """`1 313 + 2 081 + 5 548`, `3,5 ETP ; 4,5 ETP`, or a range reference."""
    in_cells = cell_values(text, ctx, sheet_name)
    if in_cells is not None:
        total, cells = in_cells
        return Components([total], cells)
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    quantities = [q for p in parts if (q := parse_quantity(p.strip())) is not None]
    if not quantities or len(quantities) < len(parts):
        return None
    return Components([q.value for q in quantities], [])
