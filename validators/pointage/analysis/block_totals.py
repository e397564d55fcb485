"""What each total row sums, inferred column by column (classeur.md, TOTAL rows).

Walking down a numeric column: a total preceded by detail values since the previous
total is a block total (level 1); a total preceded by none, or labelled GÉNÉRAL, is
a grand total (level 2) that sums the block totals since the previous grand total,
or restates that grand total. Empty cells are transparent, except that a total
row left empty while detail values are pending closes the block without a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.misreadings import heading_rows_of
from pointage.analysis.summed_columns import KIND_WALKED, SummedColumn, summed_columns
from pointage.base.addresses import a1
from pointage.base.numbers import NotANumber, exact_value, exact_values, filled, to_cents
from pointage.base.text import unit_key_of, words
from pointage.tables.table import DETAIL, TOTAL, TOTAL_BESIDE, Row, SideTotal, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.reading.snapshot import SheetSnapshot

# Wrong totals of the other summed columns from which their reading is doubted, when
# they are also more than half of their checks.
MIN_MISREAD = 2
_CENT = Decimal("0.01")


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


@dataclass(kw_only=True)
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


@dataclass(frozen=True, slots=True)
class OutlineReading:
    """How an outline (subtotals above their lines) was understood: how many of its
    subtotals add up, and whether its levels came from the sheet (a column of level
    words, codes) rather than from the indentation of its labels."""

    parents: int
    levels_given: bool


@dataclass
class TotalsAnalysis:
    checks: list[TotalCheck] = field(default_factory=list)
    missing: list[MissingTotal] = field(default_factory=list)
    # Every filled total cell of each column, with its level, in row order.
    levels: dict[str, list[tuple[int, Part]]] = field(default_factory=dict)
    # What was read but not checked (French, for the report's `tables[].notes`).
    notes: list[str] = field(default_factory=list)
    # Why none of the totals is checked, when the analysis found its reading wrong
    # (French, for the report); detection's own reason is `Table.totals_skipped`.
    skipped: str = ""
    # The outline's reading, for a table read as one (`analysis/outline.py`).
    outline: OutlineReading | None = None

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
    if table.totals_skipped:
        return TotalsAnalysis()  # its reading was found wrong: said in its notes
    if table.table_totals:
        return _totals_of_tables(table)
    if table.pivot_depths is not None:
        from pointage.analysis.pivot_totals import pivot_totals  # it builds on this module

        return pivot_totals(table)
    if table.kind.is_execution:
        from pointage.analysis.outline import outline_totals  # it builds on this module

        return outline_totals(table)
    analysis = TotalsAnalysis()
    # Every money column of the kind (a budget table's AE, Disponible, Proposition,
    # Solde… each on its TOTAL row), then the quantities.
    for role in dict.fromkeys(("amount", *table.kind.money, *KIND_WALKED)):
        if table.has(role):
            _walk(table, role, table.exact_column(role), analysis, role in table.kind.money)
    if table.kind.is_imputation:
        # A budget table's TOTAL row often totals the Proposition only, its AE or
        # Disponible left blank: a column not totalled, not a total forgotten.
        analysis.missing = []
        analysis.checks = [c for c in analysis.checks if not _once_per_code(table, c)]
    _walk_summed_columns(table, analysis, ctx)
    if table.has("description"):
        _walk(table, "description", _description_values(table, ctx), analysis, money=False)
    _drop_columns_not_totalled(table, analysis)
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
    _drop_echoed_residuals(analysis, ctx)
    _drop_misread_columns(table, analysis, ctx)
    return analysis


def _column_parts(sheet: SheetSnapshot, columns: tuple[tuple[int, int, int], ...]) -> list[Part] | None:
    """The filled cells of the summed columns' lines (column, first row, last row); None
    when one is not a number."""
    parts: list[Part] = []
    for summed, first, last in columns:
        for line in range(first, last + 1):
            value = exact_value(sheet.value(line, summed))
            if isinstance(value, NotANumber):
                return None
            if value is not None:
                parts.append(Part(line, summed, Decimal(value)))
    return parts


def _totals_of_tables(table: Table) -> TotalsAnalysis:
    """Each total that sums Excel Tables' columns by name, against those columns' lines
    (`tables/excel_tables.py`); one whose cells cannot all be read is not checked."""
    analysis = TotalsAnalysis()
    sheet = table.sheet
    rows = {r.index: r for r in table.rows}
    for row, col, columns in table.table_totals:
        found = exact_value(sheet.value(row, col))
        if found is None or isinstance(found, NotANumber) or row not in rows:
            continue
        parts = _column_parts(sheet, columns)
        if parts is None:
            continue
        analysis.checks.append(
            TotalCheck(
                level=1,
                role="amount",
                column=table.header_text("amount"),
                row=rows[row],
                cell=a1(row, col),
                found=Decimal(found),
                expected=sum((p.value for p in parts), Decimal(0)),
                count=len(parts),
                money=True,
                _parts=parts,
            )
        )
    return analysis


# Totals whose gap is the total above them, at least this many in a column: a chain.
ECHO_CHAIN = 2


def _drop_echoed_residuals(analysis: TotalsAnalysis, ctx: CheckContext) -> None:
    """Block totals each off by exactly the total just above them: a row repeating
    that total was read as a line of the block (an echo whose cells differ from its
    total's). Two or more in a column are the reading's fault: a note, no T001."""
    echoed: dict[str, list[TotalCheck]] = {}
    for check in analysis.checks:
        if check.level != 1 or not mismatch(check, ctx):
            continue
        above = [p for _, p in analysis.levels.get(check.role, []) if p.row < check.row.index]
        if above and above[-1].value and _same_money(check.expected - check.found, above[-1].value):
            echoed.setdefault(check.role, []).append(check)
    for found in echoed.values():
        if len(found) < ECHO_CHAIN:
            continue
        analysis.checks = [c for c in analysis.checks if c not in found]
        rows = ", ".join(str(c.row.index + 1) for c in found[:10]) + (" …" if len(found) > 10 else "")
        analysis.notes.append(
            f"{len(found)} totaux de la colonne « {found[0].column} » (lignes {rows}) s'écartent "
            "chacun du total juste au-dessus d'eux : une ligne répète sans doute ce total et "
            "a été lue comme une ligne du bloc (non compris), non vérifiés"
        )


def _same_money(a: Decimal, b: Decimal) -> bool:
    """Equal to the cent, or within 1 % (a total recomputed and rounded otherwise)."""
    return abs(a - b) <= max(Decimal("0.01"), abs(b) / 100)


# A column whose totals fail this often, and at least MISREAD_FAILURES times, is misread.
MISREAD_SHARE = Decimal("0.5")
MISREAD_FAILURES = 3


def _drop_misread_columns(table: Table, analysis: TotalsAnalysis, ctx: CheckContext) -> None:
    """Most totals of one column failing is the signature of a misreading (the wrong
    rows summed, the wrong column taken for the amount), not of as many slips: the
    column's totals are said « non compris » in the notes, never accused. A slip fails
    one total among totals that hold."""
    by_role: dict[str, list[TotalCheck]] = {}
    for check in analysis.checks:
        by_role.setdefault(check.role, []).append(check)
    for role, checks in by_role.items():
        failing = [c for c in checks if mismatch(c, ctx)]
        if len(failing) < MISREAD_FAILURES or len(failing) <= MISREAD_SHARE * len(checks):
            continue
        # Nor is what the column allocates known (a sheet's total named by an article).
        analysis.checks = [c for c in analysis.checks if c.role != role]
        analysis.missing = [m for m in analysis.missing if m.role != role]
        analysis.levels.pop(role, None)
        analysis.notes.append(
            f"{len(failing)} des {len(checks)} totaux de la colonne « {checks[0].column} » ne "
            "correspondent pas aux lignes qu'ils closent : le tableau est sans doute mal "
            "lu (non compris), ces totaux ne sont pas vérifiés"
        )


def _drop_columns_not_totalled(table: Table, analysis: TotalsAnalysis) -> None:
    """A column left empty on most of the table's total rows, while those rows total
    other columns, is not a totalled column (a mean cost, a sum asked but not granted):
    one note says so, where each of its empty totals would have been a T003. A column
    empty on one total among several totalled ones keeps its T003 (a forgotten total)."""
    if not any(m.value is None and m.count for m in analysis.missing):
        return  # every total filled (the usual table): nothing to weigh
    # Rows of headings inside the table (the next table's header read as lines) part
    # it: the totals below them are another table's.
    headings = heading_rows_of(table)
    part = {r.index: sum(1 for h in headings if h < r.index) for r in table.rows}
    empty: dict[tuple[str, int], list[MissingTotal]] = {}
    for missing in analysis.missing:
        if missing.value is None and missing.count:
            empty.setdefault((missing.role, part[missing.row.index]), []).append(missing)
    for (role, number), found in empty.items():
        totals = [r for r in table.rows if r.kind == TOTAL and part[r.index] == number]
        if len(found) * 2 <= len(totals):
            continue
        col = table.roles[role]
        if not all(_totals_another_column(table, m.row.index, col) for m in found):
            continue
        analysis.missing = [m for m in analysis.missing if m not in found]
        where = (
            "sur la ligne de total, qui totalise d'autres colonnes"
            if len(totals) == 1
            else f"sur {len(found)} des {len(totals)} lignes de total, qui totalisent d'autres colonnes"
        )
        analysis.notes.append(
            f"la colonne « {table.header_text(role)} » est vide {where} : elle n'est pas "
            "totalisée (non compris comme un total oublié)"
        )


def _totals_another_column(table: Table, row: int, col: int) -> bool:
    """Whether the total row holds a number in another column of the table."""
    sheet = table.sheet
    for other in range(table.first_col, table.last_col + 1):
        if other == col:
            continue
        value = exact_value(sheet.value(row, other))
        if value is not None and not isinstance(value, NotANumber):
            return True
    return False


def _walk_summed_columns(table: Table, analysis: TotalsAnalysis, ctx: CheckContext) -> None:
    """Walk the other columns the table shows to be summed (`summed_columns`). Their
    empty total cells are not T003's (a column of a total row may be left empty: it is
    then not totalled there). When most of their totals are wrong, the columns were
    misread, not mistyped: said in the notes, never an erreur."""
    columns = summed_columns(table)
    if not columns:
        return
    found = TotalsAnalysis()
    indexes = [r.index for r in table.rows]
    for column in columns:
        values = exact_values(table.sheet.column(indexes, column.col))
        _walk(
            table,
            column.role,
            values,
            found,
            _summed_in_money(table, column, values),
            col=column.col,
            header=column.header,
            report_missing=False,
        )
    analysis.checks.extend(_summed_checks_understood(found, analysis, ctx))
    analysis.levels.update(found.levels)


def _summed_in_money(table: Table, column: SummedColumn, values: list) -> bool:
    """Whether a summed column is compared in cents and written in euros: as its header
    says, else as the amount when it has no header, else unless all its numbers are
    whole."""
    if column.money is not None:
        return column.money
    if not table.headers.get(column.col, "").strip() and table.has("amount"):
        # No header of its own (the other side of `Recettes | | Dépenses |`): summed on
        # the rows that total the amount, it is read as the amount is, in euros.
        return True
    return not all(v is None or isinstance(v, int) for v in values)


def _summed_checks_understood(
    found: TotalsAnalysis, analysis: TotalsAnalysis, ctx: CheckContext
) -> list[TotalCheck]:
    """The checks of the summed columns that are kept: not those whose total is no sum
    (an average, a rate), nor, when most of them are wrong, the wrong ones (the columns
    misread); each left out is said in `analysis.notes`."""
    wrong = [c for c in found.checks if mismatch(c, ctx)]
    not_sums = [c for c in wrong if _not_a_sum(c)]
    if not_sums:
        analysis.notes.append(
            f"{_cells_text([c.cell for c in not_sums])} : plus petit que la plus grande des lignes "
            "qu'il clôt, ce n'est pas leur somme (moyenne, taux ?) : non compris, non vérifié"
        )
    wrong = [c for c in wrong if c not in not_sums]
    if len(wrong) >= MIN_MISREAD and len(wrong) * 2 > len(found.checks):
        analysis.notes.append(
            f"les totaux des colonnes {', '.join(sorted({f'« {c.column} »' for c in wrong}))} ne "
            f"sont pas la somme de leurs lignes ({_cells_text([c.cell for c in wrong])}) : colonnes "
            "sans doute mal comprises, non vérifiées"
        )
        found.checks = [c for c in found.checks if c not in wrong]
    return [c for c in found.checks if c not in not_sums]


def _not_a_sum(check: TotalCheck) -> bool:
    """A total smaller than the largest of two or more lines of one sign is no sum of
    them: an average, a rate, a unit price under a total label."""
    values = [p.value for p in check.parts if p.value]
    if len(values) < 2 or check.level != 1:
        return False
    if not (all(v > 0 for v in values) or all(v < 0 for v in values)):
        return False
    return abs(check.found) < max(abs(v) for v in values)


def _cells_text(cells: list[str]) -> str:
    shown = ", ".join(cells[:5])
    return shown if len(cells) <= 5 else f"{shown} et {len(cells) - 5} autres"


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


@dataclass(frozen=True, slots=True)
class _SideNeighbours:
    """The other totals beside the lines of one side total's column: those over other
    rows (`sharing` its blocks' lines) and those over rows of its own (`enclosing` it,
    or inside it)."""

    sharing: list[SideTotal]
    enclosing: list[SideTotal]


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
    parts = _side_parts(table, side, table.exact_column(role), _side_neighbours(table, side))
    if not parts:
        return None
    return TotalCheck(
        level=1,
        role=role,
        column=table.header_text(role),
        row=Row(side.row, TOTAL, side.label, TOTAL_BESIDE),
        cell=a1(side.row, side.col),
        found=Decimal(found),
        expected=sum((p.value for p in parts), Decimal(0)),
        count=len(parts),
        money=True,
        _parts=parts,
    )


def _side_neighbours(table: Table, side: SideTotal) -> _SideNeighbours:
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
    return _SideNeighbours(sharing, enclosing)


def _side_parts(
    table: Table, side: SideTotal, values: list, neighbours: _SideNeighbours
) -> list[Part] | None:
    """The lines the side total has, block by block (of the blocks its rows touch);
    None when one of its own rows holds no number."""
    parts: list[Part] = []
    block: list[Part] = []
    touched = invalid = False
    for position, row in enumerate([*table.rows, None]):
        if row is None or row.kind != DETAIL:
            if touched:
                parts.extend(_owned_by(side, block, neighbours))
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
    return None if invalid else parts


def _owned_by(side: SideTotal, block: list[Part], neighbours: _SideNeighbours) -> list[Part]:
    """The lines of a block that are `side`'s, against the totals beside the same block."""
    rows = [p.row for p in block]
    beside = [o for o in neighbours.sharing if any(o.first <= r <= o.last for r in rows)]
    return [p for p in block if _owner(p.row, side, beside, neighbours.enclosing) is side]


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
    for position in table.non_detail_positions():
        if table.rows[position].kind == TOTAL:
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


@dataclass(frozen=True, slots=True)
class _WalkedColumn:
    """The column `_walk` goes down, and where its checks and findings go: what every
    step of the walk reads and never changes."""

    table: Table
    role: str
    column: str  # header text, for messages
    col: int
    read: Callable[[int], object]  # the value at a position of the table's rows
    money: bool
    report_missing: bool
    analysis: TotalsAnalysis

    def segment(self, start: int, stop: int) -> _Segment:
        made = _Segment(self.read, self.table.rows, self.col)
        made.positions.append((start, stop))
        return made

    def check(
        self,
        row: Row,
        found: Decimal,
        level: int,
        expected: Decimal,
        count: int,
        parts: _Segment | list[Part],
        restates: bool = False,
    ) -> None:
        """A total of this column, checked against what it sums."""
        self.analysis.checks.append(
            TotalCheck(
                level=level,
                role=self.role,
                column=self.column,
                row=row,
                cell=a1(row.index, self.col),
                found=found,
                expected=expected,
                count=count,
                money=self.money,
                restates=restates,
                _parts=parts,
            )
        )


@dataclass(slots=True)
class _WalkState:
    """Where the walk down a column stands: the detail values since the last total (the
    pending block), and the block totals since the last grand total. Sums are of the
    cells' exact values, whole numbers or Decimals, added in row order."""

    pending_start: int = 0  # position of the pending block's first row
    pending_sum: int | Decimal = 0
    pending_count: int = 0
    pending_invalid: bool = False  # a line is no number (F002's): the sum cannot be checked
    blocks: list[Part] = field(default_factory=list)
    # Detail rows left unclosed before a grand total, as [start, stop) positions.
    block_details: list[tuple[int, int]] = field(default_factory=list)
    blocks_sum: int | Decimal = 0
    blocks_count: int = 0
    blocks_invalid: bool = False  # a block closed without a value: its grand total is not checked
    last_grand: Part | None = None

    @property
    def pending(self) -> bool:
        return self.pending_count > 0

    def add_lines(self, numbers: list) -> None:
        """The filled detail cells since the last total or note row join the pending block."""
        if NotANumber in set(map(type, numbers)):
            self.pending_invalid = True  # F002 reports it; the sum cannot be checked
            numbers = [v for v in numbers if not isinstance(v, NotANumber)]
        self.pending_sum = sum(numbers, self.pending_sum)  # in row order, as one by one
        self.pending_count += len(numbers)

    def open_block(self, position: int) -> None:
        """A total closed the pending block at `position`: the next one starts below it."""
        self.pending_start, self.pending_sum = position + 1, 0
        self.pending_count, self.pending_invalid = 0, False

    def open_grand(self, position: int, grand: Part) -> None:
        """A grand total at `position`: the blocks it sums are behind, new ones start
        below it (new lists: the checks made keep the old ones)."""
        self.last_grand = grand
        self.blocks, self.block_details, self.blocks_invalid = [], [], False
        self.blocks_sum, self.blocks_count = 0, 0
        self.open_block(position)


def _walk(
    table: Table,
    role: str,
    values: list,
    analysis: TotalsAnalysis,
    money: bool,
    *,
    col: int | None = None,
    header: str | None = None,
    report_missing: bool = True,
) -> None:
    """`values` holds, for each row of the table, an int, a Decimal, a NotANumber or
    None (see `exact_value`). A column that fills no role of the table says its `col`
    and `header`; `report_missing` False: its empty or lone totals are no T003."""
    column = header if header is not None else table.header_text(role)
    col = col if col is not None else table.roles[role]
    walked = _WalkedColumn(table, role, column, col, values.__getitem__, money, report_missing, analysis)
    sums = table.sheet.sums
    rows = table.rows
    state = _WalkState()
    levels = analysis.levels.setdefault(role, [])
    after = 0  # the position after the last total or note row
    for position in table.non_detail_positions():
        numbers = list(filter(filled, values[after:position]))  # the detail rows since
        after = position + 1
        if numbers:
            state.add_lines(numbers)
        row = rows[position]
        if row.kind != TOTAL:
            continue
        value = values[position]
        if value is None or isinstance(value, NotANumber):
            if state.pending or state.pending_invalid:
                _close_by_empty_total(walked, state, position, row, value)
            continue
        part = Part(row.index, col, Decimal(value))
        is_block = _closes_a_block(state, row, sums.get((row.index, col)))
        levels.append((1 if is_block else 2, part))
        if is_block:
            _close_block(walked, state, position, row, part)
        else:
            _close_grand(walked, state, position, row, part)


def _closes_a_block(state: _WalkState, row: Row, summed: tuple[int, int] | None) -> bool:
    """Whether a filled total closes the pending block (else it is a grand total).
    `Total général` over the lines since the last total only (its SUM says so) is the
    total of their block, not of the totals above."""
    over_blocks = row.is_grand_label and state.blocks and not (summed and summed[0] > state.blocks[-1].row)
    return bool((state.pending or state.pending_invalid) and not over_blocks)


def _close_by_empty_total(
    walked: _WalkedColumn, state: _WalkState, position: int, row: Row, value: object
) -> None:
    """A total row left empty closes its block (T003 for real columns; a formula never
    calculated is F003's, not an empty cell)."""
    uncomputed = (row.index, walked.col) in walked.table.sheet.formulas_without_value
    if walked.report_missing and walked.role != "description" and value is None and not uncomputed:
        walked.analysis.missing.append(
            MissingTotal(
                walked.role,
                walked.column,
                row,
                a1(row.index, walked.col),
                expected=Decimal(state.pending_sum) if state.pending else None,
                count=state.pending_count,
                _parts=walked.segment(state.pending_start, position),
            )
        )
    state.blocks_invalid = True
    state.open_block(position)


def _close_block(walked: _WalkedColumn, state: _WalkState, position: int, row: Row, total: Part) -> None:
    """A block total: checked against the detail rows since the last total."""
    if not state.pending_invalid:
        walked.check(
            row,
            total.value,
            level=1,
            expected=Decimal(state.pending_sum),
            count=state.pending_count,
            parts=walked.segment(state.pending_start, position),
        )
    state.blocks.append(total)
    state.blocks_sum += total.value
    state.blocks_count += 1
    state.open_block(position)


def _close_grand(walked: _WalkedColumn, state: _WalkState, position: int, row: Row, grand: Part) -> None:
    """A grand total: sums the block totals since the previous grand total, or restates
    it when there is none."""
    if state.pending:
        # Detail rows left unclosed before TOTAL GÉNÉRAL count as blocks.
        state.block_details.append((state.pending_start, position))
        state.blocks_sum += state.pending_sum
        state.blocks_count += state.pending_count
    if state.blocks or state.block_details:
        if not state.blocks_invalid and not state.pending_invalid:
            blocks = _Segment(walked.read, walked.table.rows, walked.col)
            blocks.positions, blocks.extra = state.block_details, state.blocks
            expected, count = Decimal(state.blocks_sum), state.blocks_count
            walked.check(row, grand.value, level=2, expected=expected, count=count, parts=blocks)
    elif state.last_grand is not None:
        if not state.blocks_invalid:
            last = state.last_grand
            walked.check(row, grand.value, level=2, expected=last.value, count=1, parts=[last], restates=True)
    elif not state.blocks_invalid and walked.report_missing:
        # Nothing above it at all (a block closed empty above is T003's already).
        walked.analysis.missing.append(
            MissingTotal(walked.role, walked.column, row, a1(row.index, walked.col), value=grand.value)
        )
    state.open_grand(position, grand)


def mismatch(check: TotalCheck, ctx: CheckContext) -> bool:
    if check.money:
        # Amounts with fractions of a cent (3 474,885 + 7 072,09 under 10 546,975) may
        # round one cent apart: a total is wrong only by a cent or more.
        return (
            not ctx.money_equal(to_cents(check.found), to_cents(check.expected))
            and abs(check.found - check.expected) >= _CENT
        )
    return check.found != check.expected
