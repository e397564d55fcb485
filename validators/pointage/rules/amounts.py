"""M — amounts recomputed from the Barème, quantities, refused files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.analysis.recompute import describe_variant, recompute, single_changes
from pointage.base.formatting import as_json, format_money, money_json, show, show_difference, with_unit
from pointage.base.numbers import NotANumber, cents_of_value, euros
from pointage.base.text import key
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import rule
from pointage.tables.table import DETAIL

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.analysis.recompute import Recomputation
    from pointage.base.numbers import Number
    from pointage.tables.table import Row, Table

M001 = rule(
    "M001",
    Severity.ERREUR,
    summary="Le montant diffère du montant recalculé à partir des quantités et du Barème : "
    "Σ quantité × coût annuel × mois / 12, arrondi au centime. Les quantités viennent des "
    "colonnes PLACES / PORTEFEUILLES, sinon du texte de la description ; les mois de la "
    "colonne DURÉE, sinon de la période écrite dans la même proposition, sinon des "
    "Paramètres. Le message liste chaque changement d'un seul nombre ou d'une seule durée "
    "qui explique exactement le montant saisi.",
    message="{structure} : {source} {detail}, soit {expected_text} au barème{rates} ; le "
    "montant saisi est {found_text} (écart {difference}).{explanation}",
    example="Seed 000 ✘ : CCAS de Bethune, `un portefeuille du 1er janvier au 30 juin 2024 + "
    "130 places du 1er juillet au 31 décembre 2024` donne 17 275,00 € ; la feuille indique "
    "24 150,00 €, soit 2 portefeuilles sur 6 mois, ou 1 portefeuille sur 12 mois.",
)


@M001
def check_recomputed_amounts(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.repartitions:
        for row, amount, computed in _recomputed_mismatches(ctx, table):
            variants = single_changes(computed.items, amount.cents)
            if variants:
                explanation = (
                    " Il correspond à "
                    + ", ou à ".join(describe_variant(computed.items, v) for v in variants)
                    + "."
                )
            else:
                explanation = " Aucun changement d'un seul nombre ou d'une seule durée ne l'explique."
            source_roles = (["description"] if computed.from_description else []) + [
                r
                for r in ("portfolios", "places")
                if computed.from_columns and table.number_value(row, r) is not None
            ]
            expected = euros(computed.cents)
            yield M001.finding(
                table.sheet_name,
                table.address(row, "amount"),
                cells=[table.address(row, r) for r in ["label", *source_roles, "amount"]],
                expected=money_json(computed.cents),
                money=True,
                found=money_json(amount.cents),
                structure=table.text(row, "label") or "Ligne sans structure",
                source=_source(computed, table),
                rates=_structure_rates(computed),
                detail=" + ".join(item.describe() for item in computed.items),
                expected_text=format_money(computed.cents),
                found_text=format_money(amount.cents),
                difference=show_difference(amount.value, expected, money=True),
                explanation=explanation,
            )


@dataclass(frozen=True)
class _RecomputationInputs:
    """The columns a row's recomputation reads, for the loop over the rows: the cells
    of one row, across `columns`, are its signature (equal signatures, equal amounts)."""

    columns: list[list[object]]  # never empty: one column of None when none is read
    retained: list[object] | None  # the `retained` column (a refusal is not recomputed)
    shareable: bool  # whether rows of equal signatures may share one recomputation


def _recomputation_inputs(by_structure: bool, table: Table) -> _RecomputationInputs:
    """What `_recomputed_mismatches` reads of the table; `by_structure`: a structure
    has its own rate in the Barème, so the row's label is an input too."""
    roles = ["description", "places", "portfolios", "months"] + (["label"] if by_structure else [])
    columns = [table.column(role) for role in roles if table.has(role)] or [[None] * len(table.rows)]
    retained = table.column("retained") if table.has("retained") else None
    # True == 1 as a key: a boolean cell is not a number, so its row is never shared.
    shareable = all(bool not in set(map(type, column)) for column in columns)
    return _RecomputationInputs(columns, retained, shareable)


def _recomputed_mismatches(ctx: CheckContext, table: Table) -> Iterator[tuple[Row, Number, Recomputation]]:
    """(row, amount, recomputation) of the detail rows whose amount differs from the
    Barème's. A row's recomputation depends only on its description, counts, months
    and (with a structure's own rate) structure: equal inputs are computed once."""
    if ctx.bareme is None or not ctx.bareme.rates:
        return
    inputs = _recomputation_inputs(bool(ctx.bareme.overrides), table)
    retained, shareable = inputs.retained, inputs.shareable
    amounts = table.exact_column("amount")
    known: dict[tuple, int | None] = {}
    for position, (row, amount, signature) in enumerate(zip(table.rows, amounts, zip(*inputs.columns))):
        if row.kind != DETAIL or amount is None or isinstance(amount, NotANumber):
            continue
        if retained is not None and _is_refusal(retained[position]):
            continue
        # A whole amount (the usual one) in cents inline: a call per row costs more.
        found = amount * 100 if amount.__class__ is int else cents_of_value(amount)
        if shareable and signature in known:
            cents = known[signature]
        else:
            computed = recompute(ctx, table, row)
            cents = computed.cents if computed is not None else None
            if shareable:
                known[signature] = cents
        if cents is None or ctx.money_equal(cents, found):
            continue
        number, computed = table.number_value(row, "amount"), recompute(ctx, table, row)
        if number is not None and computed is not None:  # both are: read, and recomputed above
            yield row, number, computed


def _recomputed_mismatches_plain(
    ctx: CheckContext, table: Table
) -> Iterator[tuple[Row, Number, Recomputation]]:
    """The reference of `_recomputed_mismatches` (a property test compares the two):
    every row recomputed, nothing shared."""
    if ctx.bareme is None or not ctx.bareme.rates:
        return
    for row in table.rows:
        amount = table.number_value(row, "amount")
        if row.kind != DETAIL or amount is None or _refused(table, row):
            continue
        computed = recompute(ctx, table, row)
        if computed is not None and not ctx.money_equal(computed.cents, amount.cents):
            yield row, amount, computed


def _is_refusal(value: object) -> bool:
    return value is not None and key(str(value).strip()) == "NON"


def _source(computed: Recomputation, table: Table) -> str:
    """`le texte indique`, `les colonnes indiquent`, `le texte et la colonne « DURÉE
    (MOIS) » indiquent`…: where the quantities and months were read."""
    sources = []
    if computed.from_description:
        sources.append("le texte")
    if computed.from_columns:
        sources.append("les colonnes")
    if computed.months_from_column:
        sources.append(f"la colonne « {table.header_text('months')} »")
    verb = "indique" if sources == ["le texte"] else "indiquent"
    return f"{' et '.join(sources)} {verb}"


def _structure_rates(computed: Recomputation) -> str:
    """` (portefeuille : 22 500,00 € par an pour cette structure)` for overrides."""
    own = {item.unit: item.annual_cost for item in computed.items if item.structure_rate}
    if not own:
        return ""
    rates = ", ".join(f"{unit} : {show(cost, money=True)} par an" for unit, cost in own.items())
    return f" ({rates} pour cette structure)"


def _refused(table: Table, row: Row) -> bool:
    return table.has("retained") and _is_refusal(table.value(row, "retained"))


M002 = rule(
    "M002",
    Severity.ERREUR,
    summary="Une colonne de quantité (PLACES, PORTEFEUILLES) contredit la quantité écrite "
    "dans la description de la même ligne.",
    message="{structure} : la colonne « {column} » indique {found_text}, la description "
    "« {description} » en indique {expected_text}.",
    example="Les seeds n'ont pas de colonne PLACES séparée ; une ligne `40 places du 1er "
    "juillet…` avec 50 dans la colonne PLACES est signalée.",
)


@M002
def check_quantity_columns(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.repartitions:
        if not table.has("description"):
            continue
        for role, unit in (("places", "place"), ("portfolios", "portefeuille")):
            if not table.has(role):
                continue
            for row, text, raw in zip(table.rows, table.column("description"), table.column(role)):
                if row.kind != DETAIL or text is None or raw is None:
                    continue
                description = ctx.description_of(str(text).strip())
                column_value = table.number_value(row, role)
                written = description.total(unit) if description is not None else None
                if column_value is None or written is None or column_value.value == written:
                    continue
                yield M002.finding(
                    table.sheet_name,
                    table.address(row, role),
                    cells=[table.address(row, "description"), table.address(row, role)],
                    expected=as_json(written, money=False),
                    money=False,
                    found=as_json(column_value.value, money=False),
                    structure=table.text(row, "label") or "Ligne sans structure",
                    column=table.header_text(role),
                    found_text=with_unit(column_value.value, unit),
                    description=table.text(row, "description"),
                    expected_text=with_unit(written, unit),
                )


M003 = rule(
    "M003",
    Severity.ERREUR,
    summary="Une ligne dont le DOSSIER RETENU vaut Non a un montant non nul.",
    message="{structure} : dossier non retenu mais montant de {found_text} (attendu 0,00 €).",
    example="Seed 001 ✔ : les trois demandes FAJ refusées sont à `0 €`.",
)


@M003
def check_refused_files(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.repartitions:
        if not table.has("retained"):
            continue
        for row in table.detail_rows():
            amount = table.number_value(row, "amount")
            if not _refused(table, row) or amount is None or amount.cents == 0:
                continue
            yield M003.finding(
                table.sheet_name,
                table.address(row, "amount"),
                cells=[table.address(row, "retained"), table.address(row, "amount")],
                expected="0.00",
                money=True,
                found=money_json(amount.cents),
                structure=table.text(row, "label") or "Ligne sans structure",
                found_text=show(amount.value, money=True),
            )
