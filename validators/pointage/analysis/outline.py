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
    if all(is_parent) or not any(is_parent):
        return analysis  # a flat list: no outline
    values = [[cents_of(table.sheet.value(r.index, col)) for _, col in columns] for r in rows]
    spans: list[tuple[int, int, list[int] | None]] = []  # (parent, end, mismatching columns)
    for i in range(len(rows)):
        if is_parent[i]:
            spans.append(_span(i, is_parent, values))
    understood = sum(1 for _, _, wrong in spans if wrong == [])
    failing = [(i, end, wrong) for i, end, wrong in spans if wrong]  # None: not understood
    deepest = [(i, end, wrong) for i, end, wrong in failing if not any(i < j < end for j, _, _ in failing)]
    unknown = sum(1 for _, _, wrong in spans if wrong is None)
    # One slip in a line makes every subtotal above it wrong: it counts once.
    if not spans or 1 - Decimal(unknown + len(deepest)) / len(spans) < MIN_UNDERSTOOD:
        table.totals_skipped = (
            "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : structure non comprise, "
            "totaux non vérifiés"
        )
        return analysis
    table.outline_parents = understood
    for i, end, wrong in deepest:  # a parent above is wrong by the same slip
        for index in wrong:
            role, col = columns[index]
            leaves = [p for p in range(i + 1, end) if not is_parent[p] and values[p][index] is not None]
            total = sum(values[p][index] for p in leaves)
            row = rows[i]
            check = TotalCheck(
                1,
                role,
                table.header_text(role),
                row,
                a1(row.index, col),
                euros(values[i][index]),
                euros(total),
                len(leaves),
                True,
                _parts=[Part(rows[p].index, col, euros(values[p][index])) for p in leaves],
            )
            analysis.checks.append(check)
    return analysis


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
    if best is None or len(best[2]) * 2 > len(wanted):
        return i, i, None
    return best


def _first_text_col(table: Table, row: Row) -> int | None:
    for col in range(table.first_col, table.last_col + 1):
        value = table.sheet.value(row.index, col)
        if isinstance(value, str) and value.strip():
            return col
    return None
