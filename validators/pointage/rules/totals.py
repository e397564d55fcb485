"""T — totals of répartition, budget and plan de financement tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pointage.analysis.block_totals import mismatch
from pointage.base.addresses import parse_a1
from pointage.base.formatting import as_json, show, show_difference
from pointage.report.findings import Finding, Severity
from pointage.rules.formulas import explained_totals
from pointage.rules.registry import rule
from pointage.tables.table import is_total_label

if TYPE_CHECKING:
    from pointage.analysis.block_totals import TotalCheck
    from pointage.analysis.context import CheckContext
    from pointage.rules.registry import Rule
    from pointage.tables.table import Table

T001 = rule(
    "T001",
    Severity.ERREUR,
    summary="Un total de bloc (niveau 1) diffère de la somme des lignes de détail de son "
    "bloc, pour une colonne chiffrée (montant, places, portefeuilles, quantités des "
    "descriptions ; AE, Disponible, Proposition, Dépense, Recette, Solde d'un tableau "
    "budgétaire ; montant delta d'un plan de financement).",
    message="{label} : le total de la colonne « {column} » est {found_text} ; {summed} donne "
    "{expected_text} (écart {difference}).",
    example="Seed 000 ✔ : `TOTAL | 3 354 | 464 570,00 €` — 3 354 est bien la somme des "
    "places écrites dans les 42 descriptions, 464 570,00 € la somme des montants.",
)


@T001
def check_block_totals(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.totalled_tables:
        for check in ctx.totals_of(table).checks:
            if check.level == 1 and mismatch(check, ctx) and not _explained(ctx, table, check):
                yield _wrong_total(T001, table, check, summed=_lines(check.count))


def _explained(ctx: CheckContext, table: Table, check: TotalCheck) -> bool:
    """Whether T004 says, at this total, the slip of its formula that makes its whole
    difference: one finding for one problem."""
    effect = ctx.shared(explained_totals).get(f"{table.sheet_name}!{check.cell}")
    return effect is not None and effect == check.found - check.expected


def _lines(count: int) -> str:
    return "la ligne du bloc" if count == 1 else f"la somme des {count} lignes du bloc"


def _wrong_total(rule_: Rule, table: Table, check: TotalCheck, **fields: str) -> Finding:
    """T001 or T002: a total that is not what it sums; the found total comes first."""
    return rule_.finding(
        table.sheet_name,
        check.cell,
        cells=[p.cell for p in check.parts] + [check.cell],
        expected=as_json(check.expected, check.money),
        money=check.money,
        found=as_json(check.found, check.money),
        label=_label_of(table, check),
        column=check.column,
        found_text=show(check.found, check.money),
        expected_text=show(check.expected, check.money),
        difference=show_difference(check.found, check.expected, check.money),
        **fields,
    )


def _label_of(table: Table, check: TotalCheck) -> str:
    """The total's own words: the nearest total label left of its cell on its row (the
    `Total dépenses` of the right-hand side of a budget), else the row's label."""
    row, col = parse_a1(check.cell)
    stop = table.roles.get("label", table.first_col)
    for left in range(col - 1, stop, -1):
        value = table.sheet.value(row, left)
        if isinstance(value, str) and value.strip():
            if is_total_label(value.strip()):
                return value.strip()
            break
    return check.row.label or "Total"


T002 = rule(
    "T002",
    Severity.ERREUR,
    summary="Un total général (niveau 2) diffère de la somme des totaux de niveau 1 qu'il "
    "clôt (ou du total général qu'il reprend).",
    message="{label} : le total général de la colonne « {column} » est {found_text} ; "
    "{reference} donne {expected_text} (écart {difference}).",
    example="Seed 001 ✔ : annexe 5, `TOTAL 420 000` puis `TOTAL 720`, puis `TOTAL 420 720` = 420 000 + 720.",
)


@T002
def check_grand_totals(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.totalled_tables:
        for check in ctx.totals_of(table).checks:
            if check.level != 2 or not mismatch(check, ctx) or _explained(ctx, table, check):
                continue
            if check.restates:
                reference = f"le total général précédent ({check.parts[0].cell})"
            else:
                reference = f"la somme des {check.count} totaux de bloc"
            yield _wrong_total(T002, table, check, reference=reference)


T003 = rule(
    "T003",
    Severity.AVERTISSEMENT,
    summary="Une colonne chiffrée a des lignes de détail mais la cellule de son total de "
    "bloc est vide, ou une ligne de total n'a aucune ligne de détail au-dessus d'elle.",
    message="{label} : {reason}.",
    example="Seed 003 ✔ : les lignes `Total …` vides du volet 3 sont transparentes car "
    "aucune ligne chiffrée ne les précède.",
)


@T003
def check_missing_totals(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.totalled_tables:
        for missing in ctx.totals_of(table).missing:
            money = missing.role in table.kind.money
            if missing.count and missing.expected is not None:  # a block's lines have a sum
                expected = missing.expected
                lines = (
                    "la ligne du bloc vaut"
                    if missing.count == 1
                    else f"les {missing.count} lignes du bloc totalisent"
                )
                reason = f"la cellule de la colonne « {missing.column} » est vide alors que {lines} {show(expected, money)}"
            else:
                expected = None
                reason = (
                    f"ce total de la colonne « {missing.column} » n'a aucune ligne de détail au-dessus de lui"
                )
            yield T003.finding(
                table.sheet_name,
                missing.cell,
                cells=[p.cell for p in missing.parts] + [missing.cell],
                expected=as_json(expected, money),
                money=money,
                found=as_json(missing.value, money),
                label=missing.row.label or "Total",
                reason=reason,
            )
