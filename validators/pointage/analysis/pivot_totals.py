"""Totals of a pivot table whose definition lists the depth of each row.

In the compact and outline layouts a row's item heads the rows one level deeper under
it, up to the next row of its level or above, and its values are their sums, column by
column (an empty cell is 0: the pivot shows no value where the source has no row); the
grand total sums the outermost rows. Which row is whose is the definition's, not a
guess from the amounts (`outline.py` guesses, for outlines without a definition).

A slip in a line makes each row above it wrong by the same amount: only the deepest
failing row of a column speaks. When more than a fifth of a column's sums fail, the
reading is wrong (values of another kind than sums, a pivot not refreshed after an
edit): nothing is checked and the table says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pointage.analysis.block_totals import Part, TotalCheck, TotalsAnalysis
from pointage.base.addresses import a1
from pointage.base.numbers import cell_cents, euros
from pointage.tables.table import DETAIL, TOTAL, Row, Table

MAX_FAILING = Decimal("0.2")
NOT_UNDERSTOOD = (
    "tableau croisé dynamique : plus d'un cinquième de ses sous-totaux ne sont pas la somme "
    "de leurs lignes (structure non comprise), totaux non vérifiés"
)


@dataclass(frozen=True, slots=True)
class _PivotRows:
    """The rows of a pivot that hold values, with who sums whom: read once, walked once
    per money column."""

    rows: list[Row]
    children: dict[int, list[int]]  # position -> positions of the rows it sums
    deep: dict[int, int]  # position -> depth, for rows inside the outline (not grand totals)


def pivot_totals(table: Table) -> TotalsAnalysis:
    analysis = TotalsAnalysis()
    depths = table.pivot_depths or {}
    rows = [r for r in table.rows if r.kind in (DETAIL, TOTAL)]
    pivot = _PivotRows(
        rows, _children(rows, depths), {at: depths[r.index] for at, r in enumerate(rows) if r.index in depths}
    )
    columns = [(role, table.roles[role]) for role in table.money_roles]
    failing: list[TotalCheck] = []
    for role, col in columns:
        checks = _column_checks(table, pivot, role, col, analysis)
        wrong_ones = [(at, check) for at, check in checks if check is not None]
        if checks and len(wrong_ones) > max(Decimal(1), MAX_FAILING * len(checks)):
            return TotalsAnalysis(skipped=NOT_UNDERSTOOD)
        failing.extend(_deepest_failing(pivot.children, wrong_ones))
    analysis.checks.extend(failing)
    return analysis


def _column_checks(
    table: Table, pivot: _PivotRows, role: str, col: int, analysis: TotalsAnalysis
) -> list[tuple[int, TotalCheck | None]]:
    """Each summing row of one column, with its failing check (None when it adds up);
    the column's grand totals go into `analysis.levels` on the way."""
    rows = pivot.rows
    values = [cell_cents(table.sheet.value(r.index, col)) for r in rows]
    checks: list[tuple[int, TotalCheck | None]] = []
    for at, under in pivot.children.items():
        if not under or (values[at] is None and all(values[p] is None for p in under)):
            continue
        found = values[at] or 0
        expected = sum(values[p] or 0 for p in under)
        row = rows[at]
        wrong = None
        if found != expected:
            filled = [p for p in under if values[p] is not None]
            wrong = TotalCheck(
                level=2 if at not in pivot.deep else 1,
                role=role,
                column=table.header_text(role),
                row=row,
                cell=a1(row.index, col),
                found=euros(found),
                expected=euros(expected),
                count=len(filled),
                money=True,
                _parts=[Part(rows[p].index, col, euros(values[p])) for p in filled],  # type: ignore[arg-type]
            )
        checks.append((at, wrong))
        if row.kind == TOTAL and at not in pivot.deep:
            analysis.levels.setdefault(role, []).append((2, Part(row.index, col, euros(found))))
    return checks


def _deepest_failing(
    children: dict[int, list[int]], wrong_ones: list[tuple[int, TotalCheck]]
) -> list[TotalCheck]:
    """The failing rows with no failing row under them: a slip in a line makes every
    row above it wrong too, and only the deepest says where it is."""
    return [
        check
        for at, check in wrong_ones
        if not any(other is not check and _within(children, at, other_at) for other_at, other in wrong_ones)
    ]


def _children(rows: list[Row], depths: dict[int, int]) -> dict[int, list[int]]:
    """Position of each row -> positions of the rows one level deeper under it (a grand
    total: the outermost rows since the previous grand total)."""
    found: dict[int, list[int]] = {}
    previous_grand = -1
    for at, row in enumerate(rows):
        depth = depths.get(row.index)
        if depth is None:
            found[at] = [p for p in range(previous_grand + 1, at) if depths.get(rows[p].index) == 0]
            previous_grand = at
            continue
        under = []
        for p in range(at + 1, len(rows)):
            d = depths.get(rows[p].index)
            if d is None or d <= depth:
                break
            if d == depth + 1:
                under.append(p)
        found[at] = under
    return found


def _within(children: dict[int, list[int]], ancestor: int, at: int) -> bool:
    """Whether `at` is under `ancestor`, at any depth."""
    stack = list(children.get(ancestor, []))
    while stack:
        p = stack.pop()
        if p == at:
            return True
        stack.extend(children.get(p, []))
    return False
