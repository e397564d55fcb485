"""Amounts recomputed from quantities and the Barème (rule M001).

Σ quantity × annual unit cost × months / 12, rounded half-up to the cent. Computed
with fractions: 13 750 € over 1 month is 1 145,8333… €, and only the sum is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from pointage.formatting import with_unit
from pointage.numbers import format_quantity

if TYPE_CHECKING:
    from pointage.context import CheckContext
    from pointage.tables import Row, Table

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
        """Exact amount in euros."""
        return Fraction(self.twelfths_of_cents) / 1200

    @property
    def twelfths_of_cents(self) -> Decimal:
        """quantity × annual cost × months × 100: the amount in cents, times 12.
        Decimal products are exact; only the final division by 12 rounds."""
        return self.quantity * self.annual_cost * self.months * 100

    def describe(self, with_months: bool = True) -> str:
        text = with_unit(self.quantity, self.unit)
        if not with_months:
            return text
        default = ", durée par défaut" if self.default_months else ""
        return f"{text} ({format_quantity(self.months)} mois{default})"


@dataclass(frozen=True)
class Recomputation:
    items: tuple[Item, ...]
    from_description: bool
    months_from_column: bool = False

    @property
    def cents(self) -> int:
        return cents_of(self.items)


def cents_of(items: tuple[Item, ...]) -> int:
    twelfths = sum(item.twelfths_of_cents for item in items)
    sign = -1 if twelfths < 0 else 1
    twelfths = abs(twelfths)
    if twelfths == twelfths.to_integral_value():
        # Half-up of n / 12 in integers: floor((2n + 12) / 24).
        return sign * ((2 * int(twelfths) + 12) // 24)
    # Quantities or costs with many decimals: exact fractions (rare, slower).
    return sign * int(Fraction(twelfths) / 12 + Fraction(1, 2))


def recompute(ctx: CheckContext, table: Table, row: Row) -> Recomputation | None:
    """The row's amount at the Barème, or None when it cannot be recomputed."""
    bareme = ctx.bareme
    if bareme is None or not bareme.rates:
        return None
    structure = table.text(row, "label")
    row_months = table.number_value(row, "months")
    if row_months is not None and row_months.value <= 0:
        return None
    quantities = _quantities_from_columns(table, row)
    if quantities:
        pairs = [(q, unit, None) for q, unit in quantities]
        from_description = False
    else:
        description = ctx.description(table, row)
        if description is None:
            return None
        pairs = []
        for clause, quantity in description.quantities:
            if clause.period_unreadable and row_months is None:
                return None
            pairs.append((quantity.value, quantity.unit, clause.months))
        from_description = True
    if not pairs:
        return None
    items = []
    for quantity, unit, clause_months in pairs:
        rate = bareme.cost(unit, structure)
        if rate is None:
            return None
        if row_months is not None:
            months = row_months.value
        else:
            months = clause_months if clause_months is not None else ctx.default_months
        items.append(
            Item(
                quantity, unit, months, rate.annual_cost,
                default_months=row_months is None and clause_months is None,
                structure_rate=rate.structure is not None,
            )
        )
    return Recomputation(tuple(items), from_description, row_months is not None)


def _quantities_from_columns(table: Table, row: Row) -> list[tuple[Decimal, str]]:
    found = []
    for role, unit in (("portfolios", "portefeuille"), ("places", "place")):
        number = table.number_value(row, role)
        if number is not None:
            found.append((number.value, unit))
    return found


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
                    if cents_of(variant) == found_cents:
                        variants.append(variant)
    for i, item in enumerate(items):
        for months in range(1, MAX_MONTHS + 1):
            if Decimal(months) != item.months:
                variant = _with(items, i, replace(item, months=Decimal(months)))
                if cents_of(variant) == found_cents:
                    variants.append(variant)
    return variants


def _with(items: tuple[Item, ...], index: int, item: Item) -> tuple[Item, ...]:
    return items[:index] + (item,) + items[index + 1 :]


def describe_variant(original: tuple[Item, ...], variant: tuple[Item, ...]) -> str:
    """`2 portefeuilles (6 mois) + 130 places`: months shown on the changed item only."""
    return " + ".join(
        new.describe(with_months=new != old) for old, new in zip(original, variant)
    )
