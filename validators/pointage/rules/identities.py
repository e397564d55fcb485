"""I — identities between the columns of a table, checked row by row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pointage.analysis.block_totals import mismatch
from pointage.analysis.identities import Breach
from pointage.base.addresses import a1, column_letter
from pointage.base.formatting import first_of, format_money, money_json, show_difference
from pointage.base.numbers import euros
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import Rule, rule

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.analysis.identities import Identity
    from pointage.tables.table import Row, Table

# More breaches than this for one identity of one table: one finding lists them all.
GROUPED_FROM = 6

I001 = rule(
    "I001",
    Severity.ERREUR,
    summary="Une identité que les en-têtes nomment ne tient pas sur une ligne : Disponible = "
    "Budget − Engagé, Engagé = Réalisé + En cours, Reste = Voté − Réalisé, Écart = Réalisé − "
    "Prévu, Solde = Disponible − Proposition, Coût total = Coût unitaire × Quantité, et dans une "
    "balance Solde débiteur − Solde créditeur = Débits − Crédits.",
    message="{name} : {identity} ne tient pas : {result} vaut {found_text}, le calcul donne "
    "{expected_text} (écart {difference}).{more}",
    example="Une situation des dépenses engagées où un Disponible a été retapé : "
    "`Budget 1 000,00 | Engagé 400,00 | Disponible 690,00` (attendu 600,00). Un écart égal à "
    "une autre colonne de la ligne (`Réservé`, `DM`) est une autre lecture du tableau, pas "
    "une faute : l'identité n'est alors pas vérifiée, et le tableau le dit.",
)

I002 = rule(
    "I002",
    Severity.AVERTISSEMENT,
    summary="Une identité entre colonnes, que les en-têtes ne nomment pas mais qui tient sur "
    "presque toutes les lignes du tableau (au moins 95 % d'au moins 10 lignes), ne tient pas "
    "sur une ligne.",
    message="{name} : {identity} tient sur les autres lignes du tableau, pas ici : {result} "
    "vaut {found_text}, le calcul donne {expected_text} (écart {difference}).{more}",
    example="`Montant TTC = Montant HT + Montant TVA` sur 70 écritures sur 71.",
)


@I001
def check_named_identities(ctx: CheckContext) -> Iterator[Finding]:
    yield from _findings(ctx, named=True)


@I002
def check_inferred_identities(ctx: CheckContext) -> Iterator[Finding]:
    yield from _findings(ctx, named=False)


def _findings(ctx: CheckContext, named: bool) -> Iterator[Finding]:
    rule_ = I001 if named else I002
    for table in ctx.identity_tables:
        shown = _wrong_totals(ctx, table)
        breaches = [
            b
            for b in ctx.identities_of(table).breaches
            if b.identity.named is named and not (b.identity.row_total and not shown.isdisjoint(_cells(b)))
        ]
        by_identity: dict[int, list[Breach]] = {}
        for breach in breaches:
            by_identity.setdefault(id(breach.identity), []).append(breach)
        for group in by_identity.values():
            if len(group) >= GROUPED_FROM:
                yield _grouped(rule_, table, group)
            else:
                yield from (_one(rule_, table, b) for b in group)


def _wrong_totals(ctx: CheckContext, table: Table) -> set[str]:
    """The total cells T001/T002 already report: a row total that breaks on one of them
    (its result or a term) is the same slip, said once."""
    if table not in ctx.totalled_tables:
        return set()
    return {c.cell for c in ctx.totals_of(table).checks if mismatch(c, ctx)}


def _cells(breach: Breach) -> list[str]:
    identity = breach.identity
    left = [a1(breach.row.index, c) for c in identity.columns[: 1 + len(identity.left)]]
    return [a1(breach.row.index, c) for _, c in identity.terms] + left


def _result(table: Table, identity: Identity) -> str:
    """`« Disponible »`, or `« Soldes Débit » − « Soldes Crédit »`."""

    def name(col: int) -> str:
        return f"« {' '.join(table.headers.get(col, '').split()) or f'colonne {column_letter(col)}'} »"

    text = name(identity.result)
    for sign, col in identity.left:
        text += (" + " if sign > 0 else " − ") + name(col)
    return text


def _one(
    rule_: Rule, table: Table, breach: Breach, more: str = "", cells: list[str] | None = None
) -> Finding:
    identity = breach.identity
    return rule_.finding(
        table.sheet_name,
        a1(breach.row.index, identity.result),
        cells=cells or _cells(breach),
        more=more,
        expected=money_json(breach.expected),
        found=money_json(breach.found),
        money=True,
        name=_row_name(table, breach.row),
        identity=identity.text,
        result=_result(table, identity),
        found_text=format_money(breach.found),
        expected_text=format_money(breach.expected),
        difference=show_difference(euros(breach.found), euros(breach.expected), money=True),
    )


def _grouped(rule_: Rule, table: Table, group: list[Breach]) -> Finding:
    """One finding for an identity broken on many rows: the first row speaks, the
    message counts the others, and every cell is listed."""
    cells = [a1(b.row.index, b.identity.result) for b in group]
    more = f" Elle ne tient pas non plus sur {len(group) - 1} autres lignes ({first_of(cells[1:], 5)})."
    return _one(rule_, table, group[0], more=more, cells=cells)


def _row_name(table: Table, row: Row) -> str:
    if row.label:
        return row.label
    for col in range(table.first_col, table.last_col + 1):
        value = table.sheet.value(row.index, col)
        if isinstance(value, str) and value.strip() and value.strip() != "-":
            return " ".join(value.split())
    return f"Ligne {row.index + 1}"
