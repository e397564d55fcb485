"""Amounts recomputed from quantities and the Barème (rule M001).

Σ quantity × annual unit cost × months / 12, rounded half-up to the cent. Computed
with fractions: 13 750 € over 1 month is 1 145,8333… €, and only the sum is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from pointage.base.formatting import format_quantity, with_unit
from pointage.base.numbers import to_cents
from pointage.base.text import unit_key_of

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.analysis.description import Clause, Description
    from pointage.tables.settings import Bareme
    from pointage.tables.table import Row, Table

MAX_MONTHS = 12


@dataclass(frozen=True)
class Item:
    quantity: Decimal
    unit: str
    months: Decimal
    annual_cost: Decimal
    default_months: bool = False  # the months come from Paramètres, not the sheet
    structure_rate: bool = False  # the Barème has a rate of its own for the structure

    @property
    def amount(self) -> Fraction:
        """Exact amount in euros: quantity × annual cost × months / 12 (Decimal
        products are exact, and so is a Fraction's division)."""
        return Fraction(self.quantity * self.annual_cost * self.months) / 12

    def describe(self, with_months: bool = True) -> str:
        text = with_unit(self.quantity, self.unit)
        if not with_months:
            return text
        default = ", durée par défaut" if self.default_months else ""
        return f"{text} ({format_quantity(self.months)} mois{default})"


@dataclass(frozen=True)
class Recomputation:
    items: tuple[Item, ...]
    from_description: bool  # some quantities or periods were read in the text
    from_columns: bool = False  # some quantities were read in PLACES / PORTEFEUILLES
    months_from_column: bool = False  # DURÉE (MOIS) gave the months

    @property
    def cents(self) -> int:
        return amount_cents(self.items)


class NotRecomputable(Exception):
    """Why an amount cannot be recomputed (French, for a cell of the add-in)."""


def amount_cents(items: tuple[Item, ...]) -> int:
    """The items' amount in cents: only the sum is rounded (half-up, `to_cents`)."""
    return to_cents(sum((item.amount for item in items), Fraction(0)))


# Quantity columns of a répartition and the unit each counts.
QUANTITY_COLUMNS = (("portfolios", "portefeuille"), ("places", "place"))


def recompute(ctx: CheckContext, table: Table, row: Row) -> Recomputation | None:
    """The row's amount at the Barème, or None when it cannot be recomputed."""
    if ctx.bareme is None or not ctx.bareme.rates:
        return None
    row_months = table.number_value(row, "months")
    columns = {
        unit: number.value
        for role, unit in QUANTITY_COLUMNS
        if (number := table.number_value(row, role)) is not None
    }
    try:
        return recompute_amount(
            ctx.description(table, row),
            columns,
            row_months.value if row_months is not None else None,
            ctx.default_months,
            ctx.bareme,
            table.text(row, "label"),
        )
    except NotRecomputable:
        return None


def recompute_amount(
    description: Description | None,
    columns: dict[str, Decimal],
    row_months: Decimal | None,
    default_months: Decimal,
    bareme: Bareme,
    structure: str,
) -> Recomputation:
    """Items and amount of one row: quantities from the columns, else from the text;
    months from DURÉE, else from the period of the clause, else the default."""
    if row_months is not None and row_months <= 0:
        raise NotRecomputable("la durée doit être positive")
    entries, used_text, used_columns = _quantity_entries(description, columns)
    if not entries:
        raise NotRecomputable("aucune quantité d'une unité du barème dans la description")
    items = []
    for quantity, unit, clause in entries:
        if clause is not None and clause.period_unreadable and row_months is None:
            raise NotRecomputable(f"période qui n'est pas en mois entiers : « {clause.text} »")
        rate = bareme.cost(unit, structure)
        if rate is None:
            raise NotRecomputable(f"pas de coût au barème pour « {unit} »")
        clause_months = clause.months if clause is not None else None
        months = row_months if row_months is not None else clause_months
        items.append(
            Item(
                quantity,
                unit,
                months if months is not None else default_months,
                rate.annual_cost,
                default_months=months is None,
                structure_rate=rate.structure is not None,
            )
        )
    return Recomputation(tuple(items), used_text, used_columns, row_months is not None)


def _quantity_entries(
    description: Description | None, columns: dict[str, Decimal]
) -> tuple[list[tuple[Decimal, str, Clause | None]], bool, bool]:
    """(quantity, unit, clause or None) per item, and whether text and columns were used.

    For a unit that has a column, the column's count wins; the text still gives the
    period when one clause names that unit (M002 reports a count that disagrees)."""
    by_unit: dict[str, list] = {}
    for clause, quantity in description.quantities if description else []:
        if quantity.unit is None:
            continue  # never: a description's quantities are read with their unit
        by_unit.setdefault(unit_key_of(quantity.unit), []).append((quantity.value, quantity.unit, clause))
    column_units = {unit_key_of(unit): (value, unit) for unit, value in columns.items()}
    entries, used_text, used_columns = [], False, False
    for key in [*by_unit, *(k for k in column_units if k not in by_unit)]:
        written = by_unit.get(key, [])
        if key not in column_units:
            entries += written
            used_text = True
            continue
        value, unit = column_units[key]
        used_columns = True
        if written and sum(q for q, _, _ in written) == value:
            entries += written
            used_text = True
        elif len(written) == 1:
            entries.append((value, written[0][1], written[0][2]))
            used_text = True
        else:
            entries.append((value, written[0][1] if written else unit, None))
    return entries, used_text, used_columns


def single_changes(items: tuple[Item, ...], found_cents: int) -> list[tuple[Item, ...]]:
    """Every variant with one count or one duration changed that gives `found_cents`."""
    variants: list[tuple[Item, ...]] = []
    total = sum((item.amount for item in items), Fraction(0))
    for i, item in enumerate(items):
        per_unit = Fraction(item.annual_cost) * Fraction(item.months) / 12
        if per_unit:
            rest = total - item.amount
            guess = (Fraction(found_cents, 100) - rest) / per_unit
            for count in {int(guess), int(guess) + 1}:
                if count >= 1 and Decimal(count) != item.quantity:
                    variant = _with(items, i, replace(item, quantity=Decimal(count)))
                    if amount_cents(variant) == found_cents:
                        variants.append(variant)
    for i, item in enumerate(items):
        for months in range(1, MAX_MONTHS + 1):
            if Decimal(months) != item.months:
                variant = _with(items, i, replace(item, months=Decimal(months)))
                if amount_cents(variant) == found_cents:
                    variants.append(variant)
    return variants


def _with(items: tuple[Item, ...], index: int, item: Item) -> tuple[Item, ...]:
    return (*items[:index], item, *items[index + 1 :])


def describe_variant(original: tuple[Item, ...], variant: tuple[Item, ...]) -> str:
    """`2 portefeuilles (6 mois) + 130 places`: months shown on the changed item only."""
    return " + ".join(new.describe(with_months=new != old) for old, new in zip(original, variant))
