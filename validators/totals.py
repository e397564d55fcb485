"""What each total row sums, inferred column by column (classeur.md, TOTAL rows).

Walking down a numeric column: a total preceded by detail values since the previous
total is a block total (level 1); a total preceded by none, or labelled GÉNÉRAL, is
a grand total (level 2) that sums the block totals since the previous grand total,
or restates that grand total. Empty cells are transparent, except that a total
row left empty while detail values are pending closes the block without a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.addresses import a1
from pointage.numbers import NotANumber, Number, to_cents
from pointage.settings import unit_key_of
from pointage.tables import DETAIL, TOTAL, Row, Table
from pointage.text import words

if TYPE_CHECKING:
    from pointage.context import CheckContext


@dataclass(slots=True)
class Part:
    """A number a total sums: kept for every detail row, so kept small."""

    row: int
    col: int
    value: Decimal

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)


@dataclass
class TotalCheck:
    level: int  # 1: sums detail rows; 2: sums block totals (or restates a grand total)
    role: str
    column: str  # header text, for messages
    row: Row
    cell: str
    found: Decimal
    parts: list[Part]
    money: bool
    restates: bool = False

    @property
    def expected(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))


@dataclass
class MissingTotal:
    """T003: a block closed by an empty total cell, or a total with nothing above."""

    role: str
    column: str
    row: Row
    cell: str
    parts: list[Part] = field(default_factory=list)
    value: Decimal | None = None  # the total found, when the cell is filled


@dataclass
class TotalsAnalysis:
    checks: list[TotalCheck] = field(default_factory=list)
    missing: list[MissingTotal] = field(default_factory=list)
    # Every filled total cell of each column, with its level, in row order.
    levels: dict[str, list[tuple[int, Part]]] = field(default_factory=dict)

    def overall(self, role: str) -> tuple[Decimal, list[str]] | None:
        """What the table allocates in a column: its last grand total, else the sum of
        its block totals (value and cells), or None when it has no total."""
        totals = self.levels.get(role, [])
        grand = [part for level, part in totals if level == 2]
        if grand:
            return grand[-1].value, [grand[-1].cell]
        blocks = [part for level, part in totals if level == 1]
        if not blocks:
            return None
        return sum((p.value for p in blocks), Decimal(0)), [p.cell for p in blocks]


def analyse_totals(table: Table, ctx: CheckContext) -> TotalsAnalysis:
    analysis = TotalsAnalysis()
    for role in ("amount", "places", "portfolios"):
        if table.has(role):
            _walk(table, role, lambda row, r=role: table.number(row, r), analysis, role == "amount")
    if table.has("description"):
        unit = _description_unit(table.header_text("description"), ctx.units)

        def description_value(row: Row):
            if row.kind == TOTAL:
                # `3 354` or `3 354 places` under PLACES D'ACCOMPAGNEMENT.
                number = table.number(row, "description")
                if isinstance(number, NotANumber):
                    parsed = ctx.description(table, row)
                    total = parsed.total(unit) if parsed else None
                    return Number(total) if total is not None else None
                return number
            parsed = ctx.description(table, row)
            total = parsed.total(unit) if parsed else None
            return Number(total) if total is not None else None

        _walk(table, "description", description_value, analysis, money=False)
    return analysis


def _description_unit(header: str, units: tuple[str, ...]) -> str:
    """`PLACES D'ACCOMPAGNEMENT` -> places; `place` when the header names no unit."""
    header_units = {unit_key_of(w) for w in words(header).split()}
    for unit in units:
        if unit_key_of(unit) in header_units:
            return unit
    return "place"


def _walk(table: Table, role: str, read, analysis: TotalsAnalysis, money: bool) -> None:
    column = table.header_text(role)
    col = table.roles[role]
    pending: list[Part] = []
    pending_invalid = False
    blocks: list[Part] = []
    blocks_invalid = False
    last_grand: Part | None = None
    levels = analysis.levels.setdefault(role, [])
    for row in table.rows:
        if row.kind not in (DETAIL, TOTAL):
            continue
        value = read(row)
        if row.kind == DETAIL:
            if isinstance(value, Number):
                pending.append(Part(row.index, col, value.value))
            elif isinstance(value, NotANumber):
                pending_invalid = True  # F002 reports it; the sum cannot be checked
            continue
        cell = a1(row.index, col)
        if not isinstance(value, Number):
            if pending or pending_invalid:
                # A total row left empty closes its block (T003 for real columns; a
                # formula never calculated is F003's, not an empty cell).
                uncomputed = (row.index, col) in table.sheet.formulas_without_value
                if role != "description" and value is None and not uncomputed:
                    analysis.missing.append(MissingTotal(role, column, row, cell, pending))
                blocks_invalid = True
                pending, pending_invalid = [], False
            continue
        part = Part(row.index, col, value.value)
        is_block = bool(pending or pending_invalid) and not (row.is_grand_label and blocks)
        levels.append((1 if is_block else 2, part))
        if is_block:
            if not pending_invalid:
                analysis.checks.append(TotalCheck(1, role, column, row, cell, value.value, pending, money))
            blocks.append(part)
            pending, pending_invalid = [], False
            continue
        # A grand total: sums the block totals since the previous grand total.
        if pending:
            blocks.extend(pending)  # detail rows left unclosed before TOTAL GÉNÉRAL
            pending = []
        if blocks:
            if not blocks_invalid and not pending_invalid:
                analysis.checks.append(TotalCheck(2, role, column, row, cell, value.value, blocks, money))
        elif last_grand is not None:
            if not blocks_invalid:
                analysis.checks.append(
                    TotalCheck(2, role, column, row, cell, value.value, [last_grand], money, restates=True)
                )
        elif not blocks_invalid:
            # Nothing above it at all (a block closed empty above is T003's already).
            analysis.missing.append(MissingTotal(role, column, row, cell, value=value.value))
        last_grand = part
        blocks, blocks_invalid, pending_invalid = [], False, False


def mismatch(check: TotalCheck, ctx: CheckContext) -> bool:
    if check.money:
        return not ctx.money_equal(to_cents(check.found), to_cents(check.expected))
    return check.found != check.expected
