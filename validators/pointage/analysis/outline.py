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

from dataclasses import dataclass
from decimal import Decimal

from pointage.analysis.block_totals import Part, TotalCheck, TotalsAnalysis
from pointage.analysis.identities import cents_of
from pointage.base.addresses import a1
from pointage.base.numbers import euros
from pointage.tables.table import DETAIL, TOTAL, Row, Table

# Columns that a pivot shows net at every level (a balance's `Solde débit` of a class
# is the net of its accounts, not their sum).
_NOT_SUMMED = frozenset({"balance"})
MIN_UNDERSTOOD = Decimal("0.8")
MAX_OUTLINE_ROWS = 50_000  # each subtotal looks down to its end: beyond, not read as an outline
MAX_CHILDLESS_ROUNDS = 20  # CGRs without lines found, one at a time (each reads every span again)


@dataclass
class _Node:
    position: int  # in the table's rows
    row: Row


def outline_totals(table: Table) -> TotalsAnalysis:
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
        return analysis  # a flat list (or too big to be an outline of subtotals)
    values = [[cents_of(table.sheet.value(r.index, col)) for _, col in columns] for r in rows]
    totals = [r.kind == TOTAL for r in rows]
    spans = _spans(totals, is_parent, values)
    for _ in range(MAX_CHILDLESS_ROUNDS):
        childless = _childless(spans, totals, is_parent, values)
        if childless is None:
            break
        is_parent[childless] = False
        spans = _spans(totals, is_parent, values)
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


def _spans(
    totals: list[bool], is_parent: list[bool], values: list[list[int | None]]
) -> list[tuple[int, int, int, list[int] | None]]:
    """(row of each subtotal, first and past-last row of its lines, mismatching columns:
    [] when they add up, None when nothing below adds up to it)."""
    spans: list[tuple[int, int, int, list[int] | None]] = []
    previous_total = -1
    for i in range(len(values)):
        if totals[i]:
            # `Total général` is the parent of every line above it (up to a total above).
            spans.append((i, previous_total + 1, i, _total_span(previous_total, i, is_parent, values)))
            previous_total = i
        elif is_parent[i]:
            _, end, wrong = _span(i, is_parent, values)
            spans.append((i, i + 1, end, wrong))
    return spans


def _childless(
    spans: list[tuple[int, int, int, list[int] | None]],
    totals: list[bool],
    is_parent: list[bool],
    values: list[list[int | None]],
) -> int | None:
    """A CGR with nothing under it (`ALO OP-SPE 0AMOR`, straight above the next CGR)
    carries its own amounts: it is a line of its parent, not a subtotal. Its own span
    finds nothing, and its parent's finds nothing either while it is left out. Such a
    row is the last of a run of rows whose span finds nothing, each straight above the
    next (its parents come first); it is taken as a line when its nearest such parent
    above then adds up, in some column at least: the row itself may hold a slip (or
    the total adds up, when it has no such parent). The first one found from the
    bottom, or None."""
    lost = {at for at, _, _, wrong in spans if wrong is None}
    runs = [
        at
        for at in lost
        if not totals[at] and (at + 1 == len(values) or is_parent[at + 1]) and at + 1 not in lost
    ]
    for at in sorted(runs, reverse=True):
        above = [p for p in lost if p < at and not totals[p]]
        is_parent[at] = False
        if above:
            adds_up = _span(max(above), is_parent, values)[2] is not None
        else:
            after = [t for t in range(at + 1, len(values)) if totals[t] and t in lost]
            before = max((t for t in range(at) if totals[t]), default=-1)
            adds_up = bool(after) and _total_span(before, after[0], is_parent, values) is not None
        is_parent[at] = True
        if adds_up:
            return at
    return None


def _span(i: int, is_parent: list[bool], values: list[list[int | None]]) -> tuple[int, int, list[int] | None]:
    """(i, end, []) when the leaves from i + 1 up to the parent row `end` add up to row i
    in every column; (i, end, columns) for the end where the fewest columns do not add
    up, when at most half do not; (i, i, None) when nothing below adds up."""
    target = values[i]
    wanted = [k for k, v in enumerate(target) if v is not None]
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
            continue
        leaves += 1
        for k, v in enumerate(values[j]):
            if v is not None:
                sums[k] += v
    if best is None or not _some_agree(target, best[2]):
        return i, i, None
    return best


def _total_span(
    previous: int, i: int, is_parent: list[bool], values: list[list[int | None]]
) -> list[int] | None:
    """The columns where the leaves between the previous total and total i do not add
    up to it ([] when all do), or None when most do not (not understood)."""
    target = values[i]
    wanted = [k for k, v in enumerate(target) if v is not None]
    sums = [0] * len(target)
    for p in range(previous + 1, i):
        if not is_parent[p]:
            for k, v in enumerate(values[p]):
                if v is not None:
                    sums[k] += v
    wrong = [k for k in wanted if sums[k] != target[k]]
    return wrong if _some_agree(target, wrong) else None


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
