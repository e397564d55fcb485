"""French display and JSON strings of money and quantities: the one place where
Pointage writes a number for a person (`24 150,00 €`, `3 354`, `+6 875,00 €`) or for
the JSON output (`24150.00`)."""

from __future__ import annotations

from decimal import Decimal

from pointage.base.numbers import to_cents


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_money(cents: int, sep: str = " ") -> str:
    """`2415000` -> `24 150,00 €`."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{_group(str(units), sep)},{rest:02d}{sep}€"


def format_quantity(value: Decimal, sep: str = " ") -> str:
    """`Decimal('3354')` -> `3 354`; `Decimal('0.50')` -> `0,5`."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    integer, _, decimals = text.partition(".")
    grouped = _group(integer, sep)
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def money_json(cents: int) -> str:
    """Decimal string with a dot for JSON: `2415000` -> `24150.00`."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units}.{rest:02d}"


def quantity_json(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != 0 else "0"


def show(value: Decimal, money: bool) -> str:
    return format_money(to_cents(value)) if money else format_quantity(value)


# An écart is signed both ways with the typographic signs: `+6 875,00 €`, `−281`
# (U+2212, as in Pointage's own `cible − existant` sums; a console without it writes `-`).
MINUS = "\u2212"


def _signed(difference: Decimal | int, magnitude: str) -> str:
    return ("+" if difference > 0 else MINUS if difference < 0 else "") + magnitude


def show_difference(found: Decimal, expected: Decimal, money: bool) -> str:
    """`+6 875,00 €`, `−281`: the signed écart of a found value from the expected one."""
    difference = found - expected
    return _signed(difference, show(abs(difference), money))


def show_cents_difference(found_cents: int, expected_cents: int) -> str:
    """`+6 875,00 €`, `−90,00 €`: the signed écart of two amounts in cents."""
    difference = found_cents - expected_cents
    return _signed(difference, format_money(abs(difference)))


def as_json(value: Decimal | None, money: bool) -> str | None:
    if value is None:
        return None
    return money_json(to_cents(value)) if money else quantity_json(value)


def plural(count: Decimal | int, singular: str, plural_form: str | None = None) -> str:
    """French agreement: 0 and 1 take the singular."""
    return singular if -2 < count < 2 else (plural_form or singular + "s")


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """`0 erreur`, `1 erreur`, `2 erreurs`, `1 200 formules` (grouped the French way)."""
    shown = ("-" if n < 0 else "") + _group(str(abs(n)), " ")
    return f"{shown} {plural(n, singular, plural_form)}"


def display_json(value: str | None, money: bool) -> str:
    """A JSON decimal string shown the French way: `24150.00` -> `24 150,00 €`."""
    if value is None:
        return ""
    return show(Decimal(value), money)


def singular(unit: str | None) -> str:
    """`places` -> `place`, `ETP` -> `ETP` (acronyms do not agree), None -> `unité`."""
    if not unit:
        return "unité"
    return unit if unit.isupper() else unit.rstrip("s")


def with_unit(count: Decimal, unit: str) -> str:
    """`3 354 places`, `1 portefeuille`, `0,5 ETP`."""
    word = unit if unit.isupper() else plural(count, singular(unit))
    return f"{format_quantity(count)} {word}"


def first_of(items: list[str], limit: int = 6) -> str:
    """`A4:A6, B4:B6 et 3 autres`: a list said in a message, its first items only."""
    shown = ", ".join(items[:limit])
    return shown + (f" et {len(items) - limit} autres" if len(items) > limit else "")
