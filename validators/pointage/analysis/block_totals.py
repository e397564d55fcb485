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

from pointage.base.addresses import a1
from pointage.base.numbers import NotANumber, exact_value, to_cents
from pointage.base.text import unit_key_of, words
from pointage.tables.table import DETAIL, TOTAL, TOTAL_BESIDE, Row, SideTotal, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext


@dataclass(slots=True)
class Part:
    """A number a total sums (made only for totals and for the findings)."""

    row: int
    col: int
    value: Decimal

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)


class _Segment:
    """The detail values of a block, as positions in the table's rows: their Parts are
    made only when a finding lists them (a big table would hold one per row)."""

    __slots__ = ("col", "extra", "positions", "read", "rows")

    def __init__(self, read, rows: list[Row], col: int) -> None:
        self.read, self.rows, self.col = read, rows, col
        self.positions: list[tuple[int, int]] = []  # [start, stop) ranges of rows
        self.extra: list[Part] = []  # Parts already made (block totals)

    def parts(self) -> list[Part]:
        made = []
        for start, stop in self.positions:
            for position in range(start, stop):
                row = self.rows[position]
                if row.kind != DETAIL:
                    continue
                value = self.read(position)
                if value is not None and not isinstance(value, NotANumber):
                    made.append(Part(row.index, self.col, Decimal(value)))
        made.extend(self.extra)
        made.sort(key=lambda p: p.row)
        return made


class _PartsMadeOnDemand:
    _parts: _Segment | list[Part]

    @property
    def parts(self) -> list[Part]:
        return self._parts if isinstance(self._parts, list) else self._parts.parts()


@dataclass
class TotalCheck(_PartsMadeOnDemand):
    level: int  # 1: sums detail rows; 2: sums block totals (or restates a grand total)
    role: str
    column: str  # header text, for messages
    row: Row
    cell: str
    found: Decimal
    expected: Decimal
    count: int  # how many numbers the total sums
    money: bool
    restates: bool = False
    _parts: _Segment | list[Part] = field(default_factory=list, repr=False)


@dataclass
class MissingTotal(_PartsMadeOnDemand):
    """T003: a block closed by an empty total cell, or a total with nothing above."""

    role: str
    column: str
    row: Row
    cell: str
    value: Decimal | None = None  # the total found, when the cell is filled
    expected: Decimal | None = None  # what the block's detail rows total
    count: int = 0
    _parts: _Segment | list[Part] = field(default_factory=list, repr=False)


@dataclass
class TotalsAnalysis:
    checks: list[TotalCheck] = field(default_factory=list)
    missing: list[MissingTotal] = field(default_factory=list)
    # Every filled total cell of each column, with its level, in row order.
    levels: dict[str, list[tuple[int, Part]]] = field(default_factory=dict)
    # What was read but not checked (French, for the report's `tables[].notes`).
    notes: list[str] = field(default_factory=list)

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
    if table.kind.name == "execution":
        from pointage.analysis.outline import outline_totals  # it builds on this module

        return outline_totals(table)
    analysis = TotalsAnalysis()
    # Every money column of the kind (a budget table's AE, Disponible, Proposition,
    # Solde… each on its TOTAL row), then the quantities.
    for role in dict.fromkeys(("amount", *table.kind.money, "places", "portfolios")):
        if table.has(role):
            _walk(table, role, table.exact_column(role), analysis, role in table.kind.money)
    if table.kind.name == "imputation":
        # A budget table's TOTAL row often totals the Proposition only, its AE or
        # Disponible left blank: a column not totalled, not a total forgotten.
        analysis.missing = []
        analysis.checks = [c for c in analysis.checks if not _once_per_code(table, c)]
    if table.has("description"):
        _walk(table, "description", _description_values(table, ctx), analysis, money=False)
    for side in table.side_totals:
        if _sums_beyond_its_lines(table, side):
            analysis.notes.append(
                f"le total à côté des lignes {a1(side.row, side.col)} additionne aussi des nombres "
                "hors des lignes de détail du tableau : non vérifié"
            )
            continue
        check = _side_check(table, side)
        if check is not None:
            analysis.checks.append(check)
    return analysis


def _once_per_code(table: Table, check: TotalCheck) -> bool:
    """A budget total that counts each code opération's AE (or Disponible) once, where
    the code's lines repeat it (one line per imputation): read so, it adds up."""
    if check.found == check.expected or not table.has("code"):
        return False
    first: dict[str, Decimal] = {}
    repeated = False
    for part in check.parts:
        code = table.text(part.row, "code")
        if not code:
            return False
        repeated = repeated or (code in first and first[code] == part.value)
        first.setdefault(code, part.value)
    return repeated and sum(first.values(), Decimal(0)) == check.found


def _sums_beyond_its_lines(table: Table, side: SideTotal) -> bool:
    """Whether the formula's range holds a number other than 0 outside the table's
    detail rows (a total row, another table further down `SUM(E:E)`): what it should be
    is then not known, and it is not checked. The zeros of an empty Excel Table's
    copied formulas change nothing."""
    sheet = table.sheet
    details = {r.index for r in table.rows if r.kind == DETAIL}
    for row in range(max(side.first, sheet.origin_row), min(side.last, sheet.row_count - 1) + 1):
        if row in details or (row, side.summed_col) == (side.row, side.col):
            continue
        value = exact_value(sheet.value(row, side.summed_col))
        if value is not None and not isinstance(value, NotANumber) and value != 0:
            return True
    return False


def _side_check(table: Table, side: SideTotal) -> TotalCheck | None:
    """A total beside the lines sums the detail rows of the blocks its formula's rows
    are in (a block ends at a title or a total row): `SUM(B2:B3)` beside a block of
    three lines is wrong by the third. Other totals beside the same block (their rows
    among its lines), over other rows (`Total personnel` over B2:B3, `Total structure`
    over B4:B5), share it: each has the lines of its own rows, and a line none of them
    covers goes to the total whose rows end nearest above it (the first below, for
    lines above them all), unless a total over them all (`Total général` over B2:B6)
    covers it: it is that one's only. None when a number it sums cannot be read."""
    role = next((r for r in table.money_roles if table.roles[r] == side.summed_col), None)
    found = exact_value(table.sheet.value(side.row, side.col))
    if role is None or found is None or isinstance(found, NotANumber):
        return None
    values = table.exact_column(role)
    sharing = [
        other
        for other in table.side_totals
        if other.summed_col == side.summed_col and (other.last < side.first or other.first > side.last)
    ]
    enclosing = [
        other
        for other in table.side_totals
        if other.summed_col == side.summed_col and other is not side and other not in sharing
    ]
    parts: list[Part] = []
    block: list[Part] = []
    touched = invalid = False
    for position, row in enumerate([*table.rows, None]):
        if row is None or row.kind != DETAIL:
            if touched:
                rows = [p.row for p in block]
                beside = [o for o in sharing if any(o.first <= r <= o.last for r in rows)]
                parts.extend(p for p in block if _owner(p.row, side, beside, enclosing) is side)
            block, touched = [], False
            continue
        value = values[position]
        if value is None:
            continue
        touched = touched or side.first <= row.index <= side.last
        if isinstance(value, NotANumber):
            invalid = invalid or side.first <= row.index <= side.last
            continue
        block.append(Part(row.index, side.summed_col, Decimal(value)))
    if invalid or not parts:
        return None
    return TotalCheck(
        1,
        role,
        table.header_text(role),
        Row(side.row, TOTAL, side.label, TOTAL_BESIDE),
        a1(side.row, side.col),
        Decimal(found),
        sum((p.value for p in parts), Decimal(0)),
        len(parts),
        True,
        _parts=parts,
    )


def _owner(
    row: int, side: SideTotal, sharing: list[SideTotal], enclosing: list[SideTotal]
) -> SideTotal | None:
    """Which of `side` and the totals beside its block over other rows has this line:
    the one whose rows hold it, else none when a total over them covers it, else the
    one whose rows end nearest above it, else the first below."""
    totals = [side, *sharing]
    holding = next((t for t in totals if t.first <= row <= t.last), None)
    if holding is not None:
        return holding
    if any(t.first <= row <= t.last for t in enclosing):
        return None
    above = [t for t in totals if t.last < row]
    if above:
        return max(above, key=lambda t: t.last)
    return min(totals, key=lambda t: t.first)


def _description_values(table: Table, ctx: CheckContext) -> list:
    """The count of the header's unit written in each description; on a total row,
    the number itself when the cell holds one (`3 354`, or `3 354 places`)."""
    unit = _description_unit(table.header_text("description"), ctx.units)
    column = table.column("description")
    written = {}
    for text in set(column):
        parsed = ctx.description_of(str(text).strip()) if text is not None else None
        written[text] = parsed.total(unit) if parsed else None
    values: list = list(map(written.__getitem__, column))
    for position, row in enumerate(table.rows):
        if row.kind == TOTAL:
            number = exact_value(column[position])
            if not isinstance(number, NotANumber):
                values[position] = number
    return values


def _description_unit(header: str, units: tuple[str, ...]) -> str:
    """`PLACES D'ACCOMPAGNEMENT` -> places; `place` when the header names no unit."""
    header_units = {unit_key_of(w) for w in words(header).split()}
    for unit in units:
        if unit_key_of(unit) in header_units:
            return unit
    return "place"


def _walk(table: Table, role: str, values: list, analysis: TotalsAnalysis, money: bool) -> None:
    """`values` holds, for each row of the table, an int, a Decimal, a NotANumber or
    None (see `exact_value`)."""
    column = table.header_text(role)
    col = table.roles[role]
    rows = table.rows
    read = values.__getitem__

    def segment(start: int, stop: int) -> _Segment:
        made = _Segment(read, rows, col)
        made.positions.append((start, stop))
        return made

    pending_start, pending_sum, pending_count = 0, 0, 0
    pending_invalid = False
    blocks: list[Part] = []
    block_details: list[tuple[int, int]] = []  # detail rows left unclosed before a grand total
    blocks_sum, blocks_count = 0, 0
    blocks_invalid = False
    last_grand: Part | None = None
    levels = analysis.levels.setdefault(role, [])
    for position, row in enumerate(rows):
        kind = row.kind
        if kind == DETAIL:
            value = values[position]
            if value is None:
                continue
            if isinstance(value, NotANumber):
                pending_invalid = True  # F002 reports it; the sum cannot be checked
            else:
                pending_sum += value
                pending_count += 1
            continue
        if kind != TOTAL:
            continue
        value = values[position]
        pending = pending_count > 0
        cell = a1(row.index, col)
        if value is None or isinstance(value, NotANumber):
            if pending or pending_invalid:
                # A total row left empty closes its block (T003 for real columns; a
                # formula never calculated is F003's, not an empty cell).
                uncomputed = (row.index, col) in table.sheet.formulas_without_value
                if role != "description" and value is None and not uncomputed:
                    analysis.missing.append(
                        MissingTotal(
                            role,
                            column,
                            row,
                            cell,
                            expected=Decimal(pending_sum) if pending else None,
                            count=pending_count,
                            _parts=segment(pending_start, position),
                        )
                    )
                blocks_invalid = True
                pending_start, pending_sum, pending_count, pending_invalid = position + 1, 0, 0, False
            continue
        found = Decimal(value)
        part = Part(row.index, col, found)
        is_block = (pending or pending_invalid) and not (row.is_grand_label and blocks)
        levels.append((1 if is_block else 2, part))
        if is_block:
            if not pending_invalid:
                analysis.checks.append(
                    TotalCheck(
                        1,
                        role,
                        column,
                        row,
                        cell,
                        found,
                        Decimal(pending_sum),
                        pending_count,
                        money,
                        _parts=segment(pending_start, position),
                    )
                )
            blocks.append(part)
            blocks_sum += found
            blocks_count += 1
            pending_start, pending_sum, pending_count, pending_invalid = position + 1, 0, 0, False
            continue
        # A grand total: sums the block totals since the previous grand total.
        if pending:
            # Detail rows left unclosed before TOTAL GÉNÉRAL count as blocks.
            block_details.append((pending_start, position))
            blocks_sum += pending_sum
            blocks_count += pending_count
        if blocks or block_details:
            if not blocks_invalid and not pending_invalid:
                parts = _Segment(read, rows, col)
                parts.positions, parts.extra = block_details, blocks
                analysis.checks.append(
                    TotalCheck(
                        2,
                        role,
                        column,
                        row,
                        cell,
                        found,
                        Decimal(blocks_sum),
                        blocks_count,
                        money,
                        _parts=parts,
                    )
                )
        elif last_grand is not None:
            if not blocks_invalid:
                analysis.checks.append(
                    TotalCheck(
                        2,
                        role,
                        column,
                        row,
                        cell,
                        found,
                        last_grand.value,
                        1,
                        money,
                        restates=True,
                        _parts=[last_grand],
                    )
                )
        elif not blocks_invalid:
            # Nothing above it at all (a block closed empty above is T003's already).
            analysis.missing.append(MissingTotal(role, column, row, cell, value=found))
        last_grand = part
        blocks, block_details, blocks_invalid, pending_invalid = [], [], False, False
        blocks_sum, blocks_count = 0, 0
        pending_start, pending_sum, pending_count = position + 1, 0, 0


def mismatch(check: TotalCheck, ctx: CheckContext) -> bool:
    if check.money:
        return not ctx.money_equal(to_cents(check.found), to_cents(check.expected))
    return check.found != check.expected
