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
from collections.abc import Sequence
from decimal import Decimal

from pointage.analysis.block_totals import Part, TotalCheck, TotalsAnalysis
from pointage.analysis.identities import cents_of
from pointage.base.addresses import a1
from pointage.base.numbers import euros
from pointage.tables.outline_tables import families, sheet_levels
from pointage.tables.table import DETAIL, TOTAL, Row, Table

# Columns that a pivot shows net at every level (a balance's `Solde débit` of a class
# is the net of its accounts, not their sum).
_NOT_SUMMED = frozenset({"balance"})
MIN_UNDERSTOOD = Decimal("0.8")
MAX_OUTLINE_ROWS = 50_000  # each subtotal looks down to its end: beyond, not read as an outline
MAX_CHILDLESS_RUN = 8  # CGRs without lines, one after the other under one parent


def outline_totals(table: Table) -> TotalsAnalysis:
    if table.outline_levels is not None:
        return level_totals(table)
    analysis = TotalsAnalysis()
    rows = [r for r in table.rows if r.kind in (DETAIL, TOTAL)]
    columns = [
        (role, col)
        for role, col in sorted(table.roles.items(), key=lambda item: item[1])
        if role in table.money_roles and table.meanings.get(col) not in _NOT_SUMMED
    ]
    if len(rows) < 3 or not columns:
        return analysis
    first_text = [_first_text_col(table, r) for r in rows]
    leftmost = min((c for c in first_text if c is not None), default=None)
    is_parent = [r.kind == TOTAL or c == leftmost for r, c in zip(rows, first_text)]
    leaves = len(rows) - sum(is_parent)
    if leaves < max(2, len(rows) // 10) or sum(is_parent) < 2 or len(rows) > MAX_OUTLINE_ROWS:
        # No indentation: the levels may be in a column (`Département | Section |
        # Article` words, codes extending their parent's), else a flat list.
        given = sheet_levels(table) if len(rows) <= MAX_OUTLINE_ROWS else None
        if given is not None:
            table.outline_levels = given[0]
            return level_totals(table, given[1])
        return analysis
    values = [[cents_of(table.sheet.value(r.index, col)) for _, col in columns] for r in rows]
    grid = _Grid(values, is_parent, [r.kind == TOTAL for r in rows])
    spans = grid.spans()
    lost = [at for at, _, _, wrong in spans if wrong is None and not grid.totals[at]]
    if grid.childless(lost, [at for at, _, _, wrong in spans if wrong and not grid.totals[at]]):
        spans = grid.spans(kept=spans)
    understood = sum(1 for *_, wrong in spans if wrong == [])
    failing = [span for span in spans if span[3]]  # None: not understood
    # One slip in a line makes every subtotal above it wrong: only the deepest speaks.
    deepest = [f for f in failing if not any(g is not f and f[1] <= g[0] < f[2] for g in failing)]
    unknown = sum(1 for *_, wrong in spans if wrong is None)
    if not spans or unknown + len(deepest) > max(1, (1 - MIN_UNDERSTOOD) * len(spans)):
        table.totals_skipped = (
            "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : structure non comprise, "
            "totaux non vérifiés"
        )
        return analysis
    table.outline_parents = understood
    for at, start, end, wrong in deepest:
        for index in wrong:
            role, col = columns[index]
            leaves = [p for p in range(start, end) if not is_parent[p] and values[p][index] is not None]
            total = sum(values[p][index] for p in leaves)
            row = rows[at]
            analysis.checks.append(
                TotalCheck(
                    1,
                    role,
                    table.header_text(role),
                    row,
                    a1(row.index, col),
                    euros(values[at][index]),
                    euros(total),
                    len(leaves),
                    True,
                    _parts=[Part(rows[p].index, col, euros(values[p][index])) for p in leaves],
                )
            )
    return analysis


Span = tuple[int, int, int, "list[int] | None"]


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
        self.rising = [k for k in range(width) if all(v[k] is None or v[k] >= 0 for v in rows)]

    def span(self, i: int) -> tuple[int, int, list[int] | None]:
        """(i, end, []) when the leaves from i + 1 up to the parent row `end` add up to
        row i in every column; (i, end, columns) for the end where the fewest columns
        do not add up, when some column does; (i, i, None) when nothing below adds up."""
        values, is_parent = self.values, self.is_parent
        target = values[i]
        wanted = [k for k, v in enumerate(target) if v is not None]
        rising = [k for k in self.rising if target[k]]
        sums = [0] * len(target)
        leaves = 0
        best: tuple[int, int, list[int]] | None = None
        for j in range(i + 1, len(values) + 1):
            if j == len(values) or is_parent[j]:
                if leaves:
                    wrong = [k for k in wanted if sums[k] != target[k]]
                    if not wrong:
                        return i, j, []
                    if best is None or len(wrong) < len(best[2]):
                        best = (i, j, wrong)
                    if rising and all(sums[k] > target[k] for k in rising):  # type: ignore[operator]
                        break  # past the lines
                continue
            leaves += 1
            for k, v in enumerate(values[j]):
                if v is not None:
                    sums[k] += v
        if best is None or not _some_agree(target, best[2]):
            return i, i, None
        return best

    def total_span(self, previous: int, i: int) -> list[int] | None:
        """The columns where the leaves between the previous total and total i do not
        add up to it ([] when all do), or None when most do not (not understood)."""
        target = self.values[i]
        wanted = [k for k, v in enumerate(target) if v is not None]
        sums = [0] * len(target)
        for p in range(previous + 1, i):
            if not self.is_parent[p]:
                for k, v in enumerate(self.values[p]):
                    if v is not None:
                        sums[k] += v
        wrong = [k for k in wanted if sums[k] != target[k]]
        return wrong if _some_agree(target, wrong) else None

    def spans(self, kept: Sequence[Span] = ()) -> list[Span]:
        """(row of each subtotal, first and past-last row of its lines, mismatching
        columns: [] when they add up, None when nothing below adds up to it). A subtotal
        that added up in `kept` keeps its span (CGRs without lines found since change
        nothing of it)."""
        known = {span[0]: span for span in kept if span[3] == []}
        found: list[Span] = []
        previous_total = -1
        for i in range(len(self.values)):
            if self.totals[i]:
                # `Total général` is the parent of every line above it (up to a total above).
                found.append((i, previous_total + 1, i, self.total_span(previous_total, i)))
                previous_total = i
            elif i in known and self.is_parent[i]:
                found.append(known[i])
            elif self.is_parent[i]:
                _, end, wrong = self.span(i)
                found.append((i, i + 1, end, wrong))
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
        runs: list[list[int]] = []
        for at in lost:
            if runs and runs[-1][-1] == at - 1:
                runs[-1].append(at)
            else:
                runs.append([at])
        still_lost = set(lost)
        tails: list[int] = []  # the last row of each run left, tried again in groups
        for number in range(len(runs) - 1, -1, -1):
            run = [at for at in runs[number] if self.span(at)[2] is None]
            still_lost.difference_update(set(runs[number]) - set(run))
            if not run or (run[-1] + 1 < len(self.values) and not self.is_parent[run[-1] + 1]):
                continue  # settled, or lines right under it: a subtotal
            # The rows not understood are few.
            above = max((at for at in [*still_lost, *failing] if at < run[0]), default=None)
            for size in range(min(len(run), MAX_CHILDLESS_RUN), 0, -1):
                taken = run[-size:]
                if self._lines_settle(taken, run[-size - 1] if size < len(run) else above):
                    found.extend(taken)
                    still_lost.difference_update(taken)
                    break
            else:
                tails.append(run[-1])
        groups: dict[int | None, list[int]] = {}
        parents = sorted((still_lost | set(failing)) - set(tails))
        for at in tails:
            parent = parents[bisect_left(parents, at) - 1] if bisect_left(parents, at) else None
            groups.setdefault(parent, []).append(at)
        for parent in sorted(groups, key=lambda p: -1 if p is None else p, reverse=True):
            if len(groups[parent]) > 1 and self._lines_settle(groups[parent], parent):
                found.extend(groups[parent])
        return found

    def _lines_settle(self, rows: list[int], parent: int | None) -> bool:
        """Takes `rows` as lines when `parent` (the total below, when None) then adds
        up exactly; else leaves them subtotals."""
        for at in rows:
            self.is_parent[at] = False
        if parent is not None:
            settled = self.span(parent)[2] == []
        else:
            after = next((t for t in range(min(rows) + 1, len(self.values)) if self.totals[t]), None)
            before = max((t for t in range(min(rows)) if self.totals[t]), default=-1)
            settled = after is not None and self.total_span(before, after) == []
        if not settled:
            for at in rows:
                self.is_parent[at] = True
        return settled


def _some_agree(target: list[int | None], wrong: list[int]) -> bool:
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


def level_totals(table: Table, amounts: list[int] | None = None) -> TotalsAnalysis:
    """The totals of an outline whose levels the sheet gives (`tables/outline_tables.py`):
    each parent is the sum of its children, in every amount column (an empty cell counts
    0; an empty parent is not checked). A slip in a subtotal makes it wrong against its
    lines and its own parent wrong by the opposite amount: only the subtotal is said.
    When most parents do not add up, the outline was not understood: nothing is said."""
    analysis = TotalsAnalysis()
    rows, levels = table.rows, table.outline_levels or []
    columns = [
        (role, table.roles[role])
        for role in table.money_roles
        if amounts is None or table.roles[role] in amounts
    ]
    tree = families(levels)
    wrong: dict[tuple[int, int], int] = {}  # (parent position, column) -> found - sum
    for parent, children in tree:
        for _, col in columns:
            found = cents_of(table.sheet.value(rows[parent].index, col))
            if found is None:
                continue
            expected = sum(cents_of(table.sheet.value(rows[j].index, col)) or 0 for j in children)
            if found != expected:
                wrong[(parent, col)] = found - expected
    children_of = dict(tree)
    # A subtotal typed wrong makes its parent wrong by the opposite: said at the subtotal.
    said = {
        (parent, col): difference
        for (parent, col), difference in wrong.items()
        if not any(wrong.get((child, col)) == -difference for child in children_of[parent])
    }
    parents_wrong = {parent for parent, _ in said}
    if tree and len(parents_wrong) > max(1, (1 - MIN_UNDERSTOOD) * len(tree)):
        table.totals_skipped = (
            "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : la plupart ne sont pas "
            "la somme de leurs lignes, structure non comprise, totaux non vérifiés"
        )
        return analysis
    table.outline_parents = len(tree) - len({parent for parent, _ in wrong})
    _closing_totals(table, columns, analysis)
    for (parent, col), difference in sorted(said.items()):
        role = next(r for r, c in columns if c == col)
        row = rows[parent]
        parts = [
            Part(rows[j].index, col, Decimal(value) / 100)
            for j in children_of[parent]
            if (value := cents_of(table.sheet.value(rows[j].index, col))) is not None
        ]
        found = cents_of(table.sheet.value(row.index, col)) or 0
        analysis.checks.append(
            TotalCheck(
                1,
                role,
                table.header_text(role),
                row,
                a1(row.index, col),
                Decimal(found) / 100,
                Decimal(found - difference) / 100,
                len(parts),
                True,
                _parts=parts,
            )
        )
    return analysis


def _closing_totals(table: Table, columns: list[tuple[str, int]], analysis: TotalsAnalysis) -> None:
    """A `Total général` closing the tree sums its highest rows since the total above."""
    rows, levels = table.rows, table.outline_levels or []
    start = 0
    for at, level in enumerate(levels):
        if level is not None:
            continue
        above = [p for p in range(start, at) if levels[p] is not None]
        start = at + 1
        if not above:
            continue
        top = min(levels[p] for p in above)  # type: ignore[type-var]
        summed = [p for p in above if levels[p] == top]
        for role, col in columns:
            found = cents_of(table.sheet.value(rows[at].index, col))
            if found is None:
                continue
            parts = [
                Part(rows[p].index, col, Decimal(value) / 100)
                for p in summed
                if (value := cents_of(table.sheet.value(rows[p].index, col))) is not None
            ]
            expected = sum(int(part.value * 100) for part in parts)
            analysis.checks.append(
                TotalCheck(
                    2,
                    role,
                    table.header_text(role),
                    rows[at],
                    a1(rows[at].index, col),
                    Decimal(found) / 100,
                    Decimal(expected) / 100,
                    len(parts),
                    True,
                    _parts=parts,
                )
            )
