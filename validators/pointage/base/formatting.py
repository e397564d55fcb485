"""French display and JSON strings of money and quantities, for findings."""

from __future__ import annotations

from decimal import Decimal

from pointage.base.numbers import (
    format_money,
    format_quantity,
    money_json,
    quantity_json,
    to_cents,
)


def show(value: Decimal, money: bool) -> str:
    return format_money(to_cents(value)) if money else format_quantity(value)


def show_difference(found: Decimal, expected: Decimal, money: bool) -> str:
    difference = found - expected
    sign = "+" if difference > 0 else ""
    return sign + show(difference, money)


def as_json(value: Decimal | None, money: bool) -> str | None:
    if value is None:
        return None
    return money_json(to_cents(value)) if money else quantity_json(value)


def plural(count: Decimal | int, singular: str, plural_form: str | None = None) -> str:
    """French agreement: 0 and 1 take the singular."""
    return singular if abs(count) < 2 else (plural_form or singular + "s")


def with_unit(count: Decimal, unit: str) -> str:
    """`3 354 places`, `1 portefeuille`, `0,5 ETP`."""
    word = unit if unit.isupper() else plural(count, unit.rstrip("s"))
    return f"{format_quantity(count)} {word}"
