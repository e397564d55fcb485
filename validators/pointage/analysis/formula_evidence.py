"""What a total's own formula says it adds, compared with its block (Excel's « la
formule omet des cellules adjacentes », by block).

A total row's cell whose formula only adds (`SUM`, `SUBTOTAL(9, …)`, `+`, `−` of
cells, ranges and numbers) is read term by term:
- the lines of its own block it leaves out: a line skipped inside the rows it adds
  (`=D19+…+D24+D26`), or the lines between the last row it adds and the total
  (`=SUM(D5:D10)` over a block that goes on to row 12). A cell it adds that is itself
  a total by formula (`=D10+D20`, each a SUM) stands for the rows that formula adds;
- a number written in the formula (`=SUM(F7:F18)+150`);
- an empty cell right beside a total of the sheet (`=C12+C25` with C25 empty and the
  block's total in D25): the total it meant to add is left out.
What is deliberately not read: lines above the first row the formula adds (where a
block starts is not sure: a subtotal not recognised, a title), a cell of another sheet
or of another table (a grand total over side tables, a report from another sheet is
legitimate), a formula that multiplies, divides or calls another function.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.base.addresses import a1
from pointage.base.formula_text import Num, Ref, Term, additive_terms, parse
from pointage.base.numbers import NotANumber, exact_value
from pointage.base.text import words
from pointage.tables.lexicon import MONEY_MEANINGS, meaning_of
from pointage.tables.table import DETAIL, TOTAL, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.reading.snapshot import SheetSnapshot

# How deep a total's cells are followed into their own formulas (a total of totals of
# totals…): past it, the formula is not read.
MAX_DEPTH = 6


@dataclass
class Omitted:
    """A line of the block the total's formula does not add."""

    row: int
    col: int
    value: Decimal | None  # None: the line's cell is empty today

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)


@dataclass
class FormulaEvidence:
    """What is wrong with one total's formula; `effect` is what it changes in the
    total (the total minus what it would be without the slip)."""

    sheet: str
    row: int
    col: int
    formula: str
    label: str
    money: bool  # the column is one of the table's money columns (else a count)
    value: Decimal  # the total as the sheet shows it
    omitted: list[Omitted] = field(default_factory=list)
    constants: list[Decimal] = field(default_factory=list)
    # (the empty cell added, the total beside it, that total's value)
    beside: list[tuple[str, str, Decimal]] = field(default_factory=list)

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)

    @property
    def effect(self) -> Decimal:
        missed = sum((o.value for o in self.omitted if o.value is not None), Decimal(0))
        return sum(self.constants, Decimal(0)) - missed - sum((v for _, _, v in self.beside), Decimal(0))

    @property
    def changes_amount(self) -> bool:
        return (
            any(o.value for o in self.omitted)
            or any(c != 0 for c in self.constants)
            or any(v != 0 for _, _, v in self.beside)
        )


def formula_evidence(ctx: CheckContext) -> list[FormulaEvidence]:
    """Every total of a checked table whose formula leaves out lines of its block or
    adds something else, in sheet then row order."""
    found: list[FormulaEvidence] = []
    for table in ctx.totalled_tables:
        sheet = table.sheet
        if not sheet.has_formulas:
            continue
        totals_here = _total_cells(ctx, sheet.name)
        cells = [
            (row.index, col, col, row.label)
            for row in table.rows
            if row.kind == TOTAL
            for col in _cols(table)
        ]
        # A total beside the lines may sum rows below its own: its block is
        # `block_totals._side_check`'s to find; only what it adds besides is read here.
        cells += [(s.row, s.col, s.summed_col, s.label) for s in table.side_totals]
        beside_lines = {(s.row, s.col) for s in table.side_totals}
        for row, col, summed_col, label in cells:
            text = sheet.formula((row, col))
            if text is None:
                continue
            side = (row, col) in beside_lines
            evidence = _read_total(table, sheet, (row, col), summed_col, text, label, totals_here, side)
            if evidence is not None:
                found.append(evidence)
    return found


def _cols(table: Table) -> range:
    return range(table.first_col, table.last_col + 1)


def _total_cells(ctx: CheckContext, sheet_name: str) -> set[tuple[int, int]]:
    """The filled cells of the total rows of every table of the sheet."""
    cells: set[tuple[int, int]] = set()
    for table in ctx.tables:
        if table.sheet_name != sheet_name:
            continue
        for row in table.rows:
            if row.kind == TOTAL:
                cells.update(
                    (row.index, c) for c in _cols(table) if table.sheet.value(row.index, c) is not None
                )
        cells.update((s.row, s.col) for s in table.side_totals)
    return cells


def _terms(sheet: SheetSnapshot, cell: tuple[int, int]) -> list[Term] | None:
    """The terms of a cell's formula; a reference to its own sheet by name (`Annexe!C6`,
    written by Excel when the cell was clicked from another sheet) is a cell of this one."""
    text = sheet.formula(cell)
    node = parse(text) if text is not None else None
    terms = additive_terms(node) if node is not None else None
    if terms is None:
        return None
    own = sheet.name.casefold()
    return [
        Term(t.sign, replace(t.node, sheet=None))
        if isinstance(t.node, Ref) and t.node.sheet is not None and t.node.sheet.casefold() == own
        else t
        for t in terms
    ]


def _number(sheet: SheetSnapshot, row: int, col: int) -> Decimal | None:
    value = exact_value(sheet.value(row, col))
    if value is None or isinstance(value, NotANumber):
        return None
    return Decimal(value)


def _read_total(
    table: Table,
    sheet: SheetSnapshot,
    cell: tuple[int, int],
    summed_col: int,
    text: str,
    label: str,
    totals_here: set[tuple[int, int]],
    side: bool,
) -> FormulaEvidence | None:
    row, col = cell
    terms = _terms(sheet, cell)
    if not terms or any(t.sign < 0 and isinstance(t.node, Ref) for t in terms):
        return None  # not a sum (a difference is a balance, not a total)
    refs = [t.node for t in terms if isinstance(t.node, Ref)]
    value = _number(sheet, row, col)
    if value is None or not any(r.sheet is None and r.first_col <= summed_col <= r.last_col for r in refs):
        # No total shown; or it adds no cell of the column it totals: a line's own
        # formula (`=E1026+9700`, beside its total), typed numbers (T001's to say).
        return None
    money = _is_money(table, col) or any(s.row == row and s.col == col for s in table.side_totals)
    evidence = FormulaEvidence(sheet.name, row, col, text, label or "Total", money, value)
    evidence.constants = _constants(terms)
    evidence.beside = _empty_cells_beside_totals(sheet, cell, summed_col, refs, totals_here)
    if not side:
        evidence.omitted = _omitted(table, sheet, row, summed_col, refs)
    if evidence.omitted or evidence.constants or evidence.beside:
        return evidence
    return None


def _constants(terms: list[Term]) -> list[Decimal]:
    """The numbers other than 0 written in the formula, with their signs."""
    return [t.sign * t.node.value for t in terms if isinstance(t.node, Num) and t.node.value != 0]


def _empty_cells_beside_totals(
    sheet: SheetSnapshot,
    cell: tuple[int, int],
    summed_col: int,
    refs: list[Ref],
    totals_here: set[tuple[int, int]],
) -> list[tuple[str, str, Decimal]]:
    """The empty cells the formula adds that sit right beside a total of the sheet (the
    total it meant to add), with that total and its value, in row order."""
    beside: list[tuple[str, str, Decimal]] = []
    added = {(r.first_row, r.first_col) for r in refs if r.sheet is None and r.is_cell}
    for row_, col_ in sorted(added):
        if sheet.value(row_, col_) is None:
            total = _total_beside(sheet, (row_, col_), summed_col, totals_here, cell, added)
            if total is not None:
                beside.append((a1(row_, col_), *total))
    return beside


# Words of a header that say its column is money, when no role or meaning does
# (`total en EUR HT`): only how the numbers are written in the message depends on it.
_MONEY_WORDS = frozenset({"EUR", "EUROS", "EURO", "€", "HT", "TTC"})


def _is_money(table: Table, col: int) -> bool:
    if col in {table.roles[r] for r in table.money_roles if r in table.roles}:
        return True
    if any(c == col for r, c in table.roles.items() if r not in table.money_roles):
        return False  # places, portfolios, a rate: a count
    header = table.headers.get(col, "")
    meaning = table.meanings.get(col) or (meaning_of(header) if header else None)
    return meaning in MONEY_MEANINGS or bool(_MONEY_WORDS & set(words(header).split()) or "€" in header)


def _total_beside(
    sheet: SheetSnapshot,
    empty: tuple[int, int],
    summed_col: int,
    totals_here: set[tuple[int, int]],
    own: tuple[int, int],
    added: set[tuple[int, int]],
) -> tuple[str, Decimal] | None:
    """The total one cell away from an empty cell a formula adds, in the column the
    formula totals (the cell a row or a column off), when there is exactly one and the
    formula does not add it already. A total is a total row's filled cell or a cell
    that sums its own column by formula: a line's `=B5+C5` is not one, nor the places
    total beside an amount total."""
    row, col = empty
    found = []
    for r, c in ((row, col - 1), (row, col + 1), (row - 1, col), (row + 1, col)):
        if r < 0 or c != summed_col or (r, c) == own or (r, c) in added:
            continue
        value = _number(sheet, r, c)
        if value is None:
            continue
        if (r, c) in totals_here or _sums_its_column(sheet, (r, c)):
            found.append((a1(r, c), value))
    return found[0] if len(found) == 1 else None


def _sums_its_column(sheet: SheetSnapshot, cell: tuple[int, int]) -> bool:
    terms = _terms(sheet, cell)
    return terms is not None and any(
        isinstance(t.node, Ref)
        and t.node.sheet is None
        and t.node.first_col <= cell[1] <= t.node.last_col
        and not t.node.first_row <= cell[0] <= t.node.last_row
        for t in terms
    )


def _omitted(table: Table, sheet: SheetSnapshot, row: int, col: int, refs: list[Ref]) -> list[Omitted]:
    """The lines of the total's block, in its own column, that its formula leaves out:
    skipped inside the rows it adds, or between the last of them and the total."""
    covered = _coverage(sheet, col, refs, row, MAX_DEPTH)
    if covered is None:
        return []
    # Its block is made of its own table's lines: a total that adds only cells of other
    # tables (a recapitulation) has no lines here to leave out.
    details = {line.index for line in table.rows if line.kind == DETAIL}
    rows_here = {r for r in covered if table.header_row < r < row}
    if not rows_here & details:
        return []
    omitted = _lines_left_out(table, sheet, row, col, covered, rows_here)
    if not omitted:
        return []
    omitted = _without_breakdowns(table, sheet, col, covered, omitted)
    if omitted and _split_with_a_sibling(table, sheet, row, col, covered, {o.row for o in omitted}):
        return []
    return omitted


def _lines_left_out(
    table: Table, sheet: SheetSnapshot, row: int, col: int, covered: set[int], rows_here: set[int]
) -> list[Omitted] | None:
    """The detail lines below the first row the formula adds and above the total that
    it does not add; None when a line shows the block is not the formula's (a total
    between, a line that sums its column, a word where a number should be)."""
    first, last = min(rows_here), max(rows_here)
    omitted: list[Omitted] = []
    for line in table.rows:
        if not first < line.index < row or line.index in covered:
            continue
        if line.kind == TOTAL and sheet.value(line.index, col) is not None and line.index > last:
            return None  # a total between: the formula's block ends above it, not here
        if line.kind != DETAIL:
            continue
        if _sums_its_column(sheet, (line.index, col)):
            return None  # a line that sums its column: a subtotal not recognised as such
        raw = sheet.value(line.index, col)
        value = exact_value(raw)
        if isinstance(value, NotANumber):
            if raw is not None and str(raw).strip():
                return None  # a word where a number should be: not a line of this block
            value = None
        # Empty or zero today: after the rows added, nothing is missed; skipped among
        # them, it matters only if it is a line (numbers in other columns), not a title
        # inside the block.
        if not value and (line.index > last or not _has_numbers(table, sheet, line.index, col)):
            continue
        omitted.append(Omitted(line.index, col, Decimal(value) if value is not None else None))
    return omitted


def _without_breakdowns(
    table: Table, sheet: SheetSnapshot, col: int, covered: set[int], omitted: list[Omitted]
) -> list[Omitted]:
    """The lines left out, less the runs that break down the line added right above
    them (`Action A 1 000`, then `dont État 400`, `dont Région 600`; or one line that
    repeats it): they add up to it and leave its label column empty, as the detail of
    a line does; they are counted once, through it."""
    label = table.roles.get("label", table.first_col)
    kept: list[Omitted] = []
    run: list[Omitted] = []
    for item in [*omitted, None]:
        if item is not None and (not run or item.row == run[-1].row + 1):
            run.append(item)
            continue
        if run:
            above = run[0].row - 1
            parent = _number(sheet, above, col) if above in covered else None
            total = sum((o.value or Decimal(0) for o in run), Decimal(0))
            unlabelled = sheet.value(above, label) is not None and all(
                sheet.value(o.row, label) is None for o in run
            )
            if parent is None or parent == 0 or total != parent or not unlabelled:
                kept.extend(run)
        run = [item] if item is not None else []
    return kept


def _split_with_a_sibling(
    table: Table, sheet: SheetSnapshot, row: int, col: int, covered: set[int], omitted: set[int]
) -> bool:
    """Whether another total of the column adds lines this one leaves out and none of
    the lines it adds (`Total investissement = D5+D7`, `Total fonctionnement = D6+D8`):
    the block is split between them, nothing is forgotten."""
    for other in table.rows:
        if other.kind != TOTAL or other.index == row or sheet.formula((other.index, col)) is None:
            continue
        terms = _terms(sheet, (other.index, col))
        if not terms:
            continue
        theirs = _coverage(
            sheet, col, [t.node for t in terms if isinstance(t.node, Ref)], other.index, MAX_DEPTH
        )
        if theirs and theirs & omitted and not theirs & covered and row not in theirs:
            return True
    return False


def _has_numbers(table: Table, sheet: SheetSnapshot, row: int, col: int) -> bool:
    for c in _cols(table):
        if c != col:
            value = exact_value(sheet.value(row, c))
            if value is not None and not isinstance(value, NotANumber):
                return True
    return False


def _coverage(sheet: SheetSnapshot, col: int, refs: list[Ref], total_row: int, depth: int) -> set[int] | None:
    """The rows of column `col` a formula adds, its cells' own sums followed; None when
    it cannot be known (a cell of the column whose formula is not a plain sum, a range
    over several columns, too deep)."""
    if depth == 0:
        return None
    rows: set[int] = set()
    for ref in refs:
        if ref.sheet is not None or not (ref.first_col <= col <= ref.last_col):
            continue
        if ref.first_col != ref.last_col:
            return None  # a block of several columns: not a total of one column
        if ref.last_row - ref.first_row > 100_000:
            return None  # a whole column: where its block ends is not said
        for r in range(ref.first_row, ref.last_row + 1):
            rows.add(r)
            if r != total_row and sheet.formula((r, col)) is not None:
                inner = _terms(sheet, (r, col))
                if inner is None:
                    return None
                if any(t.sign < 0 and isinstance(t.node, Ref) for t in inner):
                    return None
                more = _coverage(sheet, col, [t.node for t in inner if isinstance(t.node, Ref)], r, depth - 1)
                if more is None:
                    return None
                # Its whole block is its own: a line it leaves out is said at it, once.
                rows |= more | set(range(min(more, default=r), r))
    return rows
