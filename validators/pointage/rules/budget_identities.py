"""B001–B003 — the identities of a budget line, in integer cents, column by column.

Solde = Disponible − Proposition, Proposition ≤ Disponible, Disponible ≤ AE, over the
columns of every budget line of the workbook, read once per check. Plain Python: these
are three subtractions a line, and pandas with pandera cost half a second to import
for them (see docs/decisions.md); tests/test_identites_budget.py checks these functions
against a pandera schema of the same identities on generated lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.base.formatting import format_money, money_json, show_cents_difference
from pointage.base.numbers import money_equal, money_exceeds
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import Rule, rule
from pointage.tables.kinds import IMPUTATION

if TYPE_CHECKING:
    from pointage.analysis.budget_lines import BudgetLine
    from pointage.analysis.context import CheckContext

B001 = rule(
    "B001",
    Severity.ERREUR,
    summary="Le Solde diffère de Disponible − Proposition.",
    message="{code} : Solde {found_text} ; Disponible {available} − {commitment_label} "
    "{commitment} = {expected_text} (écart {difference}).",
    example="Seed 000 ✔ : 2 105 667,73 − 464 570,00 = 1 641 097,73.",
)


@B001
def check_balance(ctx: CheckContext) -> Iterator[Finding]:
    def build(line: BudgetLine) -> Finding:
        role = _commitment(line)
        expected = _read(line, "available") - _read(line, role)
        found = _read(line, "balance")
        return B001.finding(
            line.table.sheet_name,
            line.address("balance"),
            cells=[line.address("available"), line.address(role), line.address("balance")],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            found_text=format_money(found),
            available=format_money(_read(line, "available")),
            commitment_label=IMPUTATION.labels[role],
            commitment=format_money(_read(line, role)),
            expected_text=format_money(expected),
            difference=show_cents_difference(found, expected),
        )

    yield from _identity_findings(ctx, B001, build)


B002 = rule(
    "B002",
    Severity.ERREUR,
    summary="La Proposition dépasse le Disponible (la ligne est sur-engagée).",
    message="{code} : {commitment_label} {found_text} supérieure au Disponible "
    "{expected_text} (dépassement de {difference}).",
    example="Seed 000 ✔ : 464 570,00 € proposés pour 2 105 667,73 € disponibles.",
)


@B002
def check_overcommitment(ctx: CheckContext) -> Iterator[Finding]:
    def build(line: BudgetLine) -> Finding:
        role = _commitment(line)
        found, expected = _read(line, role), _read(line, "available")
        return B002.finding(
            line.table.sheet_name,
            line.address(role),
            cells=[line.address("available"), line.address(role)],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            commitment_label=IMPUTATION.labels[role],
            found_text=format_money(found),
            expected_text=format_money(expected),
            difference=format_money(found - expected),
        )

    yield from _identity_findings(ctx, B002, build)


B003 = rule(
    "B003",
    Severity.ERREUR,
    summary="Le Disponible dépasse l'AE (autorisation d'engagement).",
    message="{code} : Disponible {found_text} supérieur à l'AE {expected_text} "
    "(dépassement de {difference}).",
    example="Seed 000 ✔ : 2 105 667,73 € disponibles sur une AE de 9 169 450,00 €.",
)


@B003
def check_available(ctx: CheckContext) -> Iterator[Finding]:
    def build(line: BudgetLine) -> Finding:
        found, expected = _read(line, "available"), _read(line, "ae")
        return B003.finding(
            line.table.sheet_name,
            line.address("available"),
            cells=[line.address("ae"), line.address("available")],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            found_text=format_money(found),
            expected_text=format_money(expected),
            difference=format_money(found - expected),
        )

    yield from _identity_findings(ctx, B003, build)


@dataclass(frozen=True)
class BudgetColumns:
    """The amounts of every budget line of the workbook, one list per column, in the
    order of `ctx.budget_lines`: cents, None where the cell is empty (the commitment
    is the line's Proposition, else its Dépense or Recette)."""

    ae: list[int | None]
    available: list[int | None]
    commitment: list[int | None]
    balance: list[int | None]


def budget_columns(ctx: CheckContext) -> BudgetColumns:
    """Read once per check, through `ctx.shared`, for the three rules."""
    lines = ctx.budget_lines
    return BudgetColumns(
        ae=[line.cents("ae") for line in lines],
        available=[line.cents("available") for line in lines],
        commitment=[line.cents(line.commitment_role) if line.commitment_role else None for line in lines],
        balance=[line.cents("balance") for line in lines],
    )


def _read(line: BudgetLine, role: str) -> int:
    """A cell an identity compared, so never empty (a line that lacks one holds it)."""
    cents = line.cents(role)
    assert cents is not None, (line.code, role)
    return cents


def _commitment(line: BudgetLine) -> str:
    """The role of a line's commitment, which an identity compared: it has one."""
    role = line.commitment_role
    assert role is not None, line.code
    return role


# Each identity: the positions of the lines that break it, given the columns and the
# tolerance in cents. A line that lacks one of the cells an identity needs holds it.
def balance_breaks(columns: BudgetColumns, tol: int) -> list[int]:
    return [
        i
        for i, (balance, available, commitment) in enumerate(
            zip(columns.balance, columns.available, columns.commitment)
        )
        if balance is not None
        and available is not None
        and commitment is not None
        and not money_equal(balance, available - commitment, tol)
    ]


def commitment_breaks(columns: BudgetColumns, tol: int) -> list[int]:
    return [
        i
        for i, (available, commitment) in enumerate(zip(columns.available, columns.commitment))
        if available is not None and commitment is not None and money_exceeds(commitment, available, tol)
    ]


def available_breaks(columns: BudgetColumns, tol: int) -> list[int]:
    return [
        i
        for i, (ae, available) in enumerate(zip(columns.ae, columns.available))
        if ae is not None and available is not None and money_exceeds(available, ae, tol)
    ]


IDENTITIES: dict[Rule, Callable[[BudgetColumns, int], list[int]]] = {
    B001: balance_breaks,
    B002: commitment_breaks,
    B003: available_breaks,
}


def _identity_findings(
    ctx: CheckContext, identity: Rule, build: Callable[[BudgetLine], Finding]
) -> Iterator[Finding]:
    lines = ctx.budget_lines
    breaks = IDENTITIES[identity](ctx.shared(budget_columns), ctx.parametres.tolerance_cents)
    for position in breaks:
        yield build(lines[position])
