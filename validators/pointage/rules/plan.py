"""P — plan de financement: delta = cible − existant, PLAFOND, unit costs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pointage.analysis.plan_ceiling import ceiling, quantity, row_name
from pointage.analysis.quantities import Quantity, same_unit
from pointage.base.addresses import a1
from pointage.base.formatting import (
    as_json,
    format_money,
    format_quantity,
    money_json,
    show_difference,
    singular,
    with_unit,
)
from pointage.base.numbers import euros, to_cents
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import rule
from pointage.tables.table import DETAIL, TOTAL

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext


def _show(q: Quantity) -> str:
    return with_unit(q.value, q.unit) if q.unit else format_quantity(q.value)


P001 = rule(
    "P001",
    Severity.ERREUR,
    summary="Dans un plan de financement, le delta diffère de cible − existant (vérifié "
    "quand les trois cellules portent la même unité : places, ETP…).",
    message="{name} : le delta est {found_text} ; cible {target} − existant {existing} "
    "= {expected_text} (écart {difference}).",
    example="Seed 003 ✘ : volet 2, `700 places` → `1030 places`, delta `3030 places` "
    "(attendu 330 places). Seed 003 ✔ : `7600 places` → `15200 places`, delta "
    "`7600 places`.",
)


@P001
def check_deltas(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.plans:
        if not all(table.has(r) for r in ("existing", "target", "delta")):
            continue
        for row in table.rows:
            if row.kind != DETAIL:
                continue
            existing, target, delta = (quantity(table, row, r) for r in ("existing", "target", "delta"))
            if existing is None or target is None or delta is None:
                continue
            if not same_unit(existing, target, delta):
                continue
            expected = target.value - existing.value
            if delta.value == expected:
                continue
            unit = delta.unit or target.unit
            expected_q = Quantity(expected, unit)
            yield P001.finding(
                table.sheet_name,
                table.address(row, "delta"),
                cells=[table.address(row, r) for r in ("existing", "target", "delta")],
                expected=as_json(expected, money=False),
                found=as_json(delta.value, money=False),
                name=row_name(table, row),
                found_text=_show(delta),
                target=_show(target),
                existing=_show(existing),
                expected_text=_show(expected_q),
                difference=show_difference(delta.value, expected, money=False),
            )


P002 = rule(
    "P002",
    Severity.ERREUR,
    summary="Un total de section ou le total d'un plan de financement dépasse le PLAFOND "
    "écrit au-dessus du tableau.",
    message="{label} : {found_text} dépasse le plafond de {ceiling_text} ({ceiling_cell}) de {excess}.",
    example="Seed 003 ✔ : volet 1, `TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 : "
    "135 000,00 €` pour un `PLAFOND DEPARTEMENT` de 135 000,00 ; volet 2, 4 125 892,00 € "
    "pour 4 125 892,00.",
)


@P002
def check_ceilings(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.plans:
        limit = ceiling(table, ctx)
        if limit is None:
            continue
        limit_cents = to_cents(limit.value)
        col = table.roles["amount"]
        rows = {a1(row.index, col): row for row in table.rows if row.kind == TOTAL}
        for _level, part in ctx.totals_of(table).levels.get("amount", []):
            found = to_cents(part.value)
            if not ctx.parametres.money_exceeds(found, limit_cents):
                continue
            row = rows.get(part.cell)
            yield P002.finding(
                table.sheet_name,
                part.cell,
                cells=[limit.cell, part.cell],
                expected=money_json(limit_cents),
                found=money_json(found),
                money=True,
                label=(row.label if row and row.label else "Total"),
                found_text=format_money(found),
                ceiling_text=format_money(limit_cents),
                ceiling_cell=limit.cell,
                excess=format_money(found - limit_cents),
            )


P003 = rule(
    "P003",
    Severity.AVERTISSEMENT,
    summary="Une cellule de quantité indique un coût (`11 ETP soit 275 000 sur 6 mois`) et "
    "le montant delta n'est pas delta × ce coût unitaire.",
    message="{name} : « {stated} » ({column}) donne {unit_cost} par {unit} ; le delta "
    "{delta} coûte donc {expected_text}, le montant delta saisi est {found_text} (écart "
    "{difference}).",
    example="Seed 003 ✔ : volet 3, `11 ETP soit 275 000 sur 6 mois` (25 000 € par ETP), "
    "delta `10 ETP soit 250 000 sur 6 mois`, montant delta `250 000` = 10 × 25 000.",
)


@P003
def check_unit_costs(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.plans:
        if not table.has("delta"):
            continue
        for row in table.rows:
            if row.kind != DETAIL:
                continue
            amount = table.number_value(row, "amount")
            delta = quantity(table, row, "delta")
            if amount is None or delta is None:
                continue
            for role in ("existing", "target", "delta"):
                stated = quantity(table, row, role) if table.has(role) else None
                if stated is None or stated.unit_cost is None or not same_unit(stated, delta):
                    continue
                expected = to_cents(delta.value * stated.unit_cost)
                if ctx.money_equal(amount.cents, expected):
                    continue
                yield P003.finding(
                    table.sheet_name,
                    table.address(row, "amount"),
                    cells=[
                        table.address(row, role),
                        table.address(row, "delta"),
                        table.address(row, "amount"),
                    ],
                    expected=money_json(expected),
                    found=money_json(amount.cents),
                    money=True,
                    name=row_name(table, row),
                    stated=" ".join(str(table.value(row, role)).split()),
                    column=table.kind.labels[role],
                    unit_cost=format_money(to_cents(stated.unit_cost)),
                    unit=singular(stated.unit),
                    delta=_show(delta),
                    expected_text=format_money(expected),
                    found_text=format_money(amount.cents),
                    difference=show_difference(amount.value, euros(expected), money=True),
                )
                break  # one finding per row: the first cell that states a cost
