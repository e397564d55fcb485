"""B — the budget tables (imputation): annex sums, délibération vs rapport, libellés,
code forms. The identities of a line (B001–B003) are in budget_identities.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pointage.base.formatting import format_money, money_json, show_cents_difference
from pointage.base.numbers import to_cents
from pointage.base.text import label_key
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import rule
from pointage.tables.kinds import IMPUTATION

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.tables.table import Row, Table

if TYPE_CHECKING:
    from pointage.analysis.budget_lines import BudgetLine

B004 = rule(
    "B004",
    Severity.ERREUR,
    summary="La Proposition (ou Dépense) d'un code opération diffère de la somme des "
    "montants de la répartition rattachés à ce code (colonne CODE OPÉRATION ; ou, quand le "
    "classeur a un seul total de répartition et une seule ligne budgétaire, ce total).",
    message="{code} : {commitment_label} {found_text} ; la répartition ({source}) donne "
    "{expected_text} (écart {difference}).",
    example="Seed 000 ✔ : Dépense et Proposition de C02-446A05 = 464 570,00 €, le total de l'annexe 1.",
)


@B004
def check_annex_sums(ctx: CheckContext) -> Iterator[Finding]:
    lines = ctx.budget_lines
    sums = _annex_sums_by_code(ctx)
    single = _single_annex_total(ctx, lines) if not sums else None
    for line in lines:
        role = line.commitment_role
        if role is None:
            continue
        if sums:
            annex = sums.get(label_key(line.code))
            if annex is None:
                continue
            sheets = sorted({cell.split("!")[0] for cell in annex[1]})
            expected, cells = annex
            source = f"{len(cells)} lignes du code {line.code}, feuille {', '.join(sheets)}"
        elif single is not None:
            expected, cells, source = single
        else:
            continue
        found = line.cents(role)
        if found is None or ctx.money_equal(found, expected):  # None: never, the role has a number
            continue
        yield B004.finding(
            line.table.sheet_name,
            line.address(role),
            cells=[*cells, line.address(role)] if len(cells) <= 50 else [line.address(role)],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            commitment_label=IMPUTATION.labels[role],
            found_text=format_money(found),
            source=source,
            expected_text=format_money(expected),
            difference=show_cents_difference(found, expected),
        )


def _annex_sums_by_code(ctx: CheckContext) -> dict[str, tuple[int, list[str]]]:
    sums: dict[str, tuple[int, list[str]]] = {}
    for table in ctx.repartitions:
        if not table.has("code"):
            continue
        for row in table.detail_rows():
            code = table.text(row, "code")
            amount = table.number_value(row, "amount")
            if not code or amount is None:
                continue
            key = label_key(code)
            total, cells = sums.get(key, (0, []))
            cells.append(f"{table.sheet_name}!{table.address(row, 'amount')}")  # in place: linear
            sums[key] = (total + amount.cents, cells)
    return sums


def _single_annex_total(ctx: CheckContext, lines: list[BudgetLine]) -> tuple[int, list[str], str] | None:
    """(cents, cells, label) of what the only répartition allocates, when the workbook
    votes a single budget line: its grand total, else the sum of its block totals."""
    codes = {label_key(line.code) for line in lines if line.code}
    # A list has no total: it allocates nothing a budget line could be held to.
    tables = [t for t in ctx.repartitions if t.kind.has_totals]
    if len(codes) != 1 or len(tables) != 1:
        return None
    table = tables[0]
    overall = ctx.totals_of(table).overall("amount")
    if overall is None:
        return None
    value, cells = overall
    cells = [f"{table.sheet_name}!{cell}" for cell in cells]
    label = f"total {cells[0]}" if len(cells) == 1 else f"somme des totaux de {table.sheet_name}"
    return to_cents(value), cells, label


B005 = rule(
    "B005",
    Severity.ERREUR,
    summary="Le tableau de la délibération et celui du rapport divergent pour un même code "
    "opération (AE, ou Dépense contre Proposition), ou un code figure dans l'un et pas "
    "dans l'autre.",
    message="{code} : {problem}.",
    example="Seed 000 ✔ : AE 9 169 450,00 € et 464 570,00 € dans les deux tableaux.",
)


@B005
def check_deliberation_vs_rapport(ctx: CheckContext) -> Iterator[Finding]:
    lines = ctx.budget_lines
    rapport = {label_key(line.code): line for line in lines if line.is_rapport and line.code}
    deliberation = {label_key(line.code): line for line in lines if not line.is_rapport and line.code}
    if not rapport or not deliberation:
        return
    for code, line in deliberation.items():
        other = rapport.get(code)
        if other is None:
            yield B005.finding(
                line.table.sheet_name,
                line.address("code"),
                code=line.code,
                problem="code absent du tableau du rapport",
            )
            continue
        pairs = [("ae", "ae")]
        if line.commitment_role and other.commitment_role:
            pairs.append((line.commitment_role, other.commitment_role))
        for mine, theirs in pairs:
            found, expected = line.cents(mine), other.cents(theirs)
            if found is None or expected is None or ctx.money_equal(found, expected):
                continue
            yield B005.finding(
                line.table.sheet_name,
                line.address(mine),
                cells=[line.address(mine), f"{other.table.sheet_name}!{other.address(theirs)}"],
                expected=money_json(expected),
                money=True,
                found=money_json(found),
                code=line.code,
                problem=(
                    f"{IMPUTATION.labels[mine]} de la délibération {format_money(found)}, "
                    f"{IMPUTATION.labels[theirs]} du rapport ({other.table.sheet_name}!"
                    f"{other.address(theirs)}) {format_money(expected)} (écart "
                    f"{show_cents_difference(found, expected)})"
                ),
            )
    for code, line in rapport.items():
        if code not in deliberation:
            yield B005.finding(
                line.table.sheet_name,
                line.address("code"),
                code=line.code,
                problem="code absent du tableau de la délibération",
            )


B006 = rule(
    "B006",
    Severity.AVERTISSEMENT,
    summary="Un même code opération porte des libellés différents (après normalisation de "
    "la casse, des accents et des espaces).",
    message="{code} : libellé « {label} », différent de « {first_label} » ({first_cell}).",
    example="Seed 000 ✘ : `indemnisation des organismes référents` contre "
    "`indéminisation des organismes référents` ; seed 001 ✘ : `Fonds d'aide aux jeunes` "
    "contre `Fond d'aide aux jeunes`.",
)


@B006
def check_labels(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, BudgetLine] = {}
    for line in ctx.budget_lines:
        label = line.table.text(line.row, "label")
        if not line.code or not label:
            continue
        code = label_key(line.code)
        if code not in first:
            first[code] = line
            continue
        reference = first[code]
        reference_label = reference.table.text(reference.row, "label")
        if _label_norm(label) == _label_norm(reference_label):
            continue
        reference_cell = f"{reference.table.sheet_name}!{reference.address('label')}"
        yield B006.finding(
            line.table.sheet_name,
            line.address("label"),
            cells=[reference_cell, line.address("label")],
            code=line.code,
            label=" ".join(label.split()),
            first_label=" ".join(reference_label.split()),
            first_cell=reference_cell,
        )


def _label_norm(text: str) -> str:
    return "".join(label_key(text).split())


# The shapes B007 checks; N004 reads the fonction in the three digits of a code.
CODE_FORM = re.compile(r"^[A-Z]\d{2}-(\d{3})[A-Z]\d{2}$")
_IMPUTATION = re.compile(r"^\d+/\d+$")

B007 = rule(
    "B007",
    Severity.AVERTISSEMENT,
    summary="Code opération ou imputation mal formé : le code doit ressembler à "
    "`C02-446A05`, l'imputation à `6568/93446` (chiffres / chiffres).",
    message="{what} « {value} » mal formé{agreement} (format attendu : {pattern}).",
    example="Seed 000 ✘ : `6568//93446`, dans la délibération et dans le rapport.",
)


@B007
def check_code_forms(ctx: CheckContext) -> Iterator[Finding]:
    for line in ctx.budget_lines:
        yield from _check_form(line.table, line.row, "code")
        yield from _check_form(line.table, line.row, "imputation")
    for table in ctx.repartitions:
        if table.has("code"):
            for row in table.detail_rows():
                yield from _check_form(table, row, "code")


def _check_form(table: Table, row: Row, role: str) -> Iterator[Finding]:
    value = table.text(row, role)
    if not value:
        return
    pattern = CODE_FORM if role == "code" else _IMPUTATION
    if pattern.match(value):
        return
    yield B007.finding(
        table.sheet_name,
        table.address(row, role),
        what="Code opération" if role == "code" else "Imputation",
        value=value,
        agreement="" if role == "code" else "e",
        pattern="C02-446A05" if role == "code" else "6568/93446",
    )
