"""Totals of a budget-execution outline, whose subtotal stands ABOVE its lines.

Op@le's situations and balances list a CGR (or a class of accounts) on a row, then
what it is made of; the accounts, the leaves, have their label one column further
right. A parent's amounts are the sums of the leaves below it, up to a row of the same
or an upper level; which row that is, the amounts say: the first parent row (or the
end) where the leaves' sums equal the parent's amounts in every summed column at once.
A `Total général` is the parent of everything above it.

When most parents find no such row, the outline was not understood: nothing is
checked, and the table says so. A slip in a leaf makes each of its parents wrong; only
the deepest is reported (its parents are wrong by the same amount).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pointage.analysis.block_totals import OutlineReading, Part, TotalCheck, TotalsAnalysis
from pointage.base.addresses import a1
from pointage.base.numbers import cell_cents, euros
from pointage.tables.outline_tables import families, sheet_levels
from pointage.tables.table import DETAIL, TOTAL, Row, Table

# Columns that a pivot shows net at every level (a balance's `Solde débit` of a class
# is the net of its accounts, not their sum).
_NOT_SUMMED = frozenset({"balance"})
MIN_UNDERSTOOD = Decimal("0.8")
MAX_OUTLINE_ROWS = 50_000  # each subtotal looks down to its end: beyond, not read as an outline
MAX_CHILDLESS_RUN = 8  # CGRs without lines, one after the other under one parent

NOT_UNDERSTOOD = (
    "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : structure non comprise, totaux non vérifiés"
)
LEVELS_NOT_UNDERSTOOD = (
    "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : la plupart ne sont pas "
    "la somme de leurs lignes, structure non comprise, totaux non vérifiés"
)


@dataclass(frozen=True, slots=True)
class SummedColumn:
    """A money column an outline's subtotals sum, by its role and its sheet column."""

    role: str
    col: int


@dataclass(frozen=True, slots=True)
class Span:
    """A subtotal (`at`, a position among the outline's rows) and its lines, the rows
    from `start` up to `end` (excluded): `wrong` lists the summed columns where they do
    not add up to it ([] when all do), None when nothing below adds up to it."""

    at: int
    start: int
    end: int
    wrong: tuple[int, ...] | None


def outline_totals(table: Table) -> TotalsAnalysis:
    """The subtotals of an execution table: by the levels detection read
    (`Table.outline_levels`), else by the indentation of its labels, else by levels
    the sheet gives in a column (`tables/outline_tables.sheet_levels`)."""
    if table.outline_levels is not None:
        return level_totals(table, table.outline_levels)
    rows = [r for r in table.rows if r.kind in (DETAIL, TOTAL)]
    columns = _summed_columns(table)
    if len(rows) < 3 or not columns or len(rows) > MAX_OUTLINE_ROWS:
        return TotalsAnalysis()
    is_parent = _parents_by_indentation(table, rows)
    if is_parent is None:
        # No indentation: the levels may be in a column (`Département | Section |
        # Article` words, codes extending their parent's), else a flat list.
        given = sheet_levels(table)
        return TotalsAnalysis() if given is None else level_totals(table, given[0], given[1])
    return indented_totals(table, rows, columns, is_parent)


def indented_totals(
    table: Table, rows: list[Row], columns: list[SummedColumn], is_parent: list[bool]
) -> TotalsAnalysis:
    """The totals of an outline read by its indentation: each subtotal sums the leaves
    below it up to the row where they add up to it (`_Grid`)."""
    values = [[cell_cents(table.sheet.value(r.index, c.col)) for c in columns] for r in rows]
    grid = _Grid(values, is_parent, [r.kind == TOTAL for r in rows])
    spans = _settled_spans(grid)
    deepest = _deepest_failing(spans)
    unknown = sum(1 for span in spans if span.wrong is None)
    if not spans or _too_many(unknown + len(deepest), len(spans)):
        return TotalsAnalysis(skipped=NOT_UNDERSTOOD)
    understood = sum(1 for span in spans if span.wrong == ())
    analysis = TotalsAnalysis(outline=OutlineReading(parents=understood, levels_given=False))
    for span in deepest:
        for index in span.wrong or ():
            lines = [
                (rows[p], cents)
                for p in range(span.start, span.end)
                if not is_parent[p] and (cents := values[p][index]) is not None
            ]
            found = values[span.at][index] or 0
            analysis.checks.append(_check(table, columns[index], rows[span.at], found=found, parts=lines))
    return analysis


def _summed_columns(table: Table) -> list[SummedColumn]:
    """The money columns of the table, left to right, but those shown net at every level."""
    return [
        SummedColumn(role, col)
        for role, col in sorted(table.roles.items(), key=lambda item: item[1])
        if role in table.money_roles and table.meanings.get(col) not in _NOT_SUMMED
    ]


def _parents_by_indentation(table: Table, rows: list[Row]) -> list[bool] | None:
    """Which rows are subtotals, read from the indentation: a total, or a row whose
    first text stands in the leftmost column any row's does (the lines stand further
    right). None when that shows no outline: too few lines, or fewer than two parents."""
    first_text = [_first_text_col(table, r) for r in rows]
    leftmost = min((c for c in first_text if c is not None), default=None)
    is_parent = [r.kind == TOTAL or c == leftmost for r, c in zip(rows, first_text)]
    parents = sum(is_parent)
    if len(rows) - parents < max(2, len(rows) // 10) or parents < 2:
        return None
    return is_parent


def _settled_spans(grid: _Grid) -> list[Span]:
    """Each subtotal's span; read again once the CGRs without lines are taken as lines
    of their parent (`_Grid.childless`)."""
    spans = grid.spans()
    lost = [s.at for s in spans if s.wrong is None and not grid.totals[s.at]]
    failing = [s.at for s in spans if s.wrong and not grid.totals[s.at]]
    if grid.childless(lost, failing):
        spans = grid.spans(kept=spans)
    return spans


def _deepest_failing(spans: list[Span]) -> list[Span]:
    """The subtotals that do not add up, but those above another that does not: one
    slip in a line makes every subtotal above it wrong, only the deepest speaks."""
    failing = [span for span in spans if span.wrong]
    return [f for f in failing if not any(g is not f and f.start <= g.at < f.end for g in failing)]


def _too_many(count: int, out_of: int) -> bool:
    """More than the share of subtotals an outline understood may leave (one at least)."""
    return count > max(Decimal(1), (1 - MIN_UNDERSTOOD) * out_of)


def _check(
    table: Table, column: SummedColumn, row: Row, *, found: int, parts: list[tuple[Row, int]], level: int = 1
) -> TotalCheck:
    """The check of a subtotal (`found`, cents) against the lines it sums (their cents)."""
    return TotalCheck(
        level=level,
        role=column.role,
        column=table.header_text(column.role),
        row=row,
        cell=a1(row.index, column.col),
        found=euros(found),
        expected=euros(sum(cents for _, cents in parts)),
        count=len(parts),
        money=True,
        _parts=[Part(line.index, column.col, euros(cents)) for line, cents in parts],
    )


class _Grid:
    """The summed amounts of an outline's rows (cents, None where empty), which rows are
    subtotals, which are totals, and the columns never negative on any row but a total
    (a Budget, an Engagé; a row taken for a line later is one of them already): once
    each of those that a subtotal fills overshoots it, no further line can bring its
    sums back, and its search for its lines stops there. A slip overshoots some of
    them, never all of them, before the subtotal's last line."""

    def __init__(self, values: list[list[int | None]], is_parent: list[bool], totals: list[bool]) -> None:
        self.values, self.is_parent, self.totals = values, is_parent, totals
        rows = [v for v, total in zip(values, totals) if not total]
        width = len(values[0]) if values else 0
        self.rising = [k for k in range(width) if all((v[k] or 0) >= 0 for v in rows)]

    def span(self, i: int) -> Span:
        """Span(i, i + 1, end, ()) when the leaves from i + 1 up to the parent row `end`
        add up to row i in every column; the end where the fewest columns do not add
        up, when some column does; Span(i, i + 1, i, None) when nothing below adds up."""
        target = self.values[i]
        wanted = [k for k, v in enumerate(target) if v is not None]
        rising = [k for k in self.rising if target[k]]
        best: tuple[int, tuple[int, ...]] | None = None
        for end, sums in self._sums_at_parents(i):
            wrong = tuple(k for k in wanted if sums[k] != target[k])
            if not wrong:
                return Span(i, i + 1, end, ())
            if best is None or len(wrong) < len(best[1]):
                best = (end, wrong)
            if rising and all(sums[k] > (target[k] or 0) for k in rising):
                break  # past the lines
        if best is None or not _some_agree(target, best[1]):
            return Span(i, i + 1, i, None)
        return Span(i, i + 1, *best)

    def _sums_at_parents(self, i: int) -> Iterator[tuple[int, list[int]]]:
        """(row, sums of the leaves from i + 1 up to it) at each parent row below i, and
        at the end, once a leaf at least was summed."""
        sums = [0] * len(self.values[i])
        leaves = 0
        for j in range(i + 1, len(self.values) + 1):
            if j == len(self.values) or self.is_parent[j]:
                if leaves:
                    yield j, sums
                continue
            leaves += 1
            for k, v in enumerate(self.values[j]):
                if v is not None:
                    sums[k] += v

    def total_span(self, previous: int, i: int) -> tuple[int, ...] | None:
        """The columns where the leaves between the previous total and total i do not
        add up to it (() when all do), or None when most do not (not understood)."""
        target = self.values[i]
        wanted = [k for k, v in enumerate(target) if v is not None]
        sums = [0] * len(target)
        for p in range(previous + 1, i):
            if not self.is_parent[p]:
                for k, v in enumerate(self.values[p]):
                    if v is not None:
                        sums[k] += v
        wrong = tuple(k for k in wanted if sums[k] != target[k])
        return wrong if _some_agree(target, wrong) else None

    def spans(self, kept: Sequence[Span] = ()) -> list[Span]:
        """The span of each subtotal. A subtotal that added up in `kept` keeps its span
        (CGRs without lines found since change nothing of it)."""
        known = {span.at: span for span in kept if span.wrong == ()}
        found: list[Span] = []
        previous_total = -1
        for i in range(len(self.values)):
            if self.totals[i]:
                # `Total général` is the parent of every line above it (up to a total above).
                found.append(Span(i, previous_total + 1, i, self.total_span(previous_total, i)))
                previous_total = i
            elif i in known and self.is_parent[i]:
                found.append(known[i])
            elif self.is_parent[i]:
                found.append(self.span(i))
        return found

    def childless(self, lost: list[int], failing: list[int]) -> list[int]:
        """CGRs with nothing under them (`ALO OP-SPE 0AMOR`, straight above the next
        CGR) carry their own amounts: lines of their parent, not subtotals. Their spans
        find nothing, nor does their parent's while they are left out. They end a run
        of such rows, each straight above the next (the parent, then its children
        without lines). From the bottom, the rows of a run that still find nothing (a
        CGR found below may have settled them) are tried: its last rows, the most
        first, are taken as lines when the row just above them then adds up exactly,
        in every column; for the whole run, the nearest row above that still finds
        nothing or does not add up (`failing`: a parent that a line of zero Engagé left
        out still agrees on its Engagé), else the total. Then the last rows of the runs
        left, grouped under the nearest such row above them (a parent with several of
        them between its other CGRs), are tried together the same way. A slip in such a
        row leaves it unread: its parent stays not understood, never wrong. Returns the
        rows taken."""
        found: list[int] = []
        still_lost = set(lost)
        tails: list[int] = []  # the last row of each run left, tried again in groups
        for run in reversed(_runs(lost)):
            unread = [at for at in run if self.span(at).wrong is None]
            still_lost.difference_update(set(run) - set(unread))
            if not unread or (unread[-1] + 1 < len(self.values) and not self.is_parent[unread[-1] + 1]):
                continue  # settled, or lines right under it: a subtotal
            above = max((at for at in [*still_lost, *failing] if at < unread[0]), default=None)
            taken = self._run_tail_settling(unread, above)
            if taken:
                found.extend(taken)
                still_lost.difference_update(taken)
            else:
                tails.append(unread[-1])
        parents = sorted((still_lost | set(failing)) - set(tails))
        for parent, group in sorted(_grouped_under(tails, parents).items(), key=_bottom_first):
            if len(group) > 1 and self._lines_settle(group, parent):
                found.extend(group)
        return found

    def _run_tail_settling(self, run: list[int], above: int | None) -> list[int]:
        """The last rows of `run` (the most first, up to MAX_CHILDLESS_RUN) that settle
        the row just above them (for the whole run, `above`) once taken as lines; []
        when none do."""
        for size in range(min(len(run), MAX_CHILDLESS_RUN), 0, -1):
            taken = run[-size:]
            if self._lines_settle(taken, run[-size - 1] if size < len(run) else above):
                return taken
        return []

    def _lines_settle(self, rows: list[int], parent: int | None) -> bool:
        """Takes `rows` as lines when `parent` (the total below, when None) then adds
        up exactly; else leaves them subtotals."""
        for at in rows:
            self.is_parent[at] = False
        if parent is not None:
            settled = self.span(parent).wrong == ()
        else:
            after = next((t for t in range(min(rows) + 1, len(self.values)) if self.totals[t]), None)
            before = max((t for t in range(min(rows)) if self.totals[t]), default=-1)
            settled = after is not None and self.total_span(before, after) == ()
        if not settled:
            for at in rows:
                self.is_parent[at] = True
        return settled


def _runs(rows: list[int]) -> list[list[int]]:
    """`rows` (ascending) cut into runs of consecutive rows."""
    runs: list[list[int]] = []
    for at in rows:
        if runs and runs[-1][-1] == at - 1:
            runs[-1].append(at)
        else:
            runs.append([at])
    return runs


def _grouped_under(rows: list[int], parents: list[int]) -> dict[int | None, list[int]]:
    """`rows` grouped under the nearest of `parents` above each (None: no parent above)."""
    groups: dict[int | None, list[int]] = {}
    for at in rows:
        place = bisect_left(parents, at)
        groups.setdefault(parents[place - 1] if place else None, []).append(at)
    return groups


def _bottom_first(group: tuple[int | None, list[int]]) -> int:
    """The groups from the lowest parent up, the group without one last."""
    parent = group[0]
    return -(-1 if parent is None else parent)


def _some_agree(target: list[int | None], wrong: Sequence[int]) -> bool:
    """At least one column with an amount (not 0: a column of zeros agrees everywhere)
    adds up: the lines were found, some amount is wrong. A slip in a budget line may
    carry into its Disponible: two columns off out of three is still a slip."""
    return any(v for k, v in enumerate(target) if v is not None and k not in wrong)


def _first_text_col(table: Table, row: Row) -> int | None:
    for col in range(table.first_col, table.last_col + 1):
        value = table.sheet.value(row.index, col)
        if isinstance(value, str) and value.strip():
            return col
    return None


def level_totals(
    table: Table, levels: Sequence[int | None], amounts: list[int] | None = None
) -> TotalsAnalysis:
    """The totals of an outline whose levels the sheet gives (`tables/outline_tables.py`):
    each parent is the sum of its children, in every amount column (an empty cell counts
    0; an empty parent is not checked). A slip in a subtotal makes it wrong against its
    lines and its own parent wrong by the opposite amount: only the subtotal is said.
    When most parents do not add up, the outline was not understood: nothing is said.
    `levels`: the level of each of the table's rows (None: a total closing the tree);
    `amounts`: the columns summed, when not every money column is."""
    columns = [
        SummedColumn(role, table.roles[role])
        for role in table.money_roles
        if amounts is None or table.roles[role] in amounts
    ]
    cents = _LevelCents(table)
    tree = families(levels)
    children_of = dict(tree)
    wrong = _level_mismatches(tree, columns, cents)
    said = _said_at_subtotals(wrong, children_of)
    if tree and _too_many(len({parent for parent, _ in said}), len(tree)):
        return TotalsAnalysis(skipped=LEVELS_NOT_UNDERSTOOD)
    understood = len(tree) - len({parent for parent, _ in wrong})
    analysis = TotalsAnalysis(outline=OutlineReading(parents=understood, levels_given=True))
    analysis.checks.extend(_closing_totals(table, levels, columns, cents))
    for parent, col in sorted(said):
        column = next(c for c in columns if c.col == col)
        lines = [(j, value) for j in children_of[parent] if (value := cents.at(j, col)) is not None]
        analysis.checks.append(
            _check(
                table,
                column,
                table.rows[parent],
                found=cents.at(parent, col) or 0,
                parts=[(table.rows[j], value) for j, value in lines],
            )
        )
    return analysis


def _level_mismatches(
    tree: list[tuple[int, list[int]]], columns: list[SummedColumn], cents: _LevelCents
) -> dict[tuple[int, int], int]:
    """(parent position, column) -> its amount minus the sum of its children's, where
    they differ (an empty parent is not checked; an empty child counts 0)."""
    wrong: dict[tuple[int, int], int] = {}
    for parent, children in tree:
        for column in columns:
            found = cents.at(parent, column.col)
            if found is not None:
                expected = sum(cents.at(j, column.col) or 0 for j in children)
                if found != expected:
                    wrong[(parent, column.col)] = found - expected
    return wrong


def _said_at_subtotals(
    wrong: dict[tuple[int, int], int], children_of: dict[int, list[int]]
) -> dict[tuple[int, int], int]:
    """The mismatches but those of a parent wrong by the opposite of a child's: a
    subtotal typed wrong makes its parent wrong by the opposite, said at the subtotal."""
    return {
        (parent, col): difference
        for (parent, col), difference in wrong.items()
        if not any(wrong.get((child, col)) == -difference for child in children_of[parent])
    }


class _LevelCents:
    """The cents of the table's cells, by position in its rows and sheet column."""

    def __init__(self, table: Table) -> None:
        self.sheet, self.rows = table.sheet, table.rows

    def at(self, position: int, col: int) -> int | None:
        return cell_cents(self.sheet.value(self.rows[position].index, col))


def _closing_totals(
    table: Table, levels: Sequence[int | None], columns: list[SummedColumn], cents: _LevelCents
) -> list[TotalCheck]:
    """A `Total général` closing the tree sums its highest rows since the total above."""
    checks = []
    start = 0
    for at, level in enumerate(levels):
        if level is not None:
            continue
        above = [(p, p_level) for p in range(start, at) if (p_level := levels[p]) is not None]
        start = at + 1
        if not above:
            continue
        top = min(p_level for _, p_level in above)
        summed = [p for p, p_level in above if p_level == top]
        for column in columns:
            found = cents.at(at, column.col)
            if found is None:
                continue
            lines = [(table.rows[p], value) for p in summed if (value := cents.at(p, column.col)) is not None]
            checks.append(_check(table, column, table.rows[at], found=found, parts=lines, level=2))
    return checks
