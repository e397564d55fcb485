"""Quantities written with their unit, as in a plan de financement or a key figure.

`7600 places`, `0,20 ETP`, `2,20ETP`, `630 place`, `4 000 places`, and a quantity
that states its cost: `11 ETP soit 275 000 sur 6 mois` (11 ETP cost 275 000 €).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pointage.base.numbers import Number, parse_number, parse_number_text
from pointage.base.text import unit_key_of

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(
    rf"""^\s*(?P<count>{_NUMBER})\s*
    (?P<unit>(?!soit\b|sur\b)[^\W\d_]+(?:['’][^\W\d_]+)?)?\s*
    (?:soit\s+(?P<cost>{_NUMBER})\s*(?:€|euros?)?\s*)?
    (?:sur\s+\d+(?:[.,]\d+)?\s*mois\s*)?$""",  # `sur 6 mois`: read past, the delta's period
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count and its unit: in a description (the unit spelled as in the Barème), or
    in a plan de financement's cell (as written, maybe with what it costs)."""

    value: Decimal
    unit: str | None = None  # `places`, `ETP`; None for a bare number
    cost: Decimal | None = None  # `soit 275 000`: what this quantity costs, in euros

    @property
    def unit_key(self) -> str | None:
        return unit_key_of(self.unit) if self.unit else None

    @property
    def unit_cost(self) -> Decimal | None:
        """Cost of one unit, when the cell states a cost (`11 ETP soit 275 000`)."""
        if self.cost is None or self.value == 0:
            return None
        return self.cost / self.value


def parse_quantity(value: object) -> Quantity | None:
    """A number cell, or text `N unit [soit M [€]] [sur K mois]`; None otherwise."""
    if isinstance(value, str):
        match = _QUANTITY.match(value)
        if match is None:
            # `1 313,00 €`: a plain number written as text.
            number = parse_number_text(value)
            return Quantity(number.value) if number is not None else None
        return Quantity(
            value=_decimal(match["count"]),
            unit=match["unit"],
            cost=_decimal(match["cost"]) if match["cost"] else None,
        )
    parsed = parse_number(value)
    return Quantity(parsed.value) if isinstance(parsed, Number) else None


def _decimal(text: str) -> Decimal:
    number = parse_number_text(text)
    assert number is not None, text  # the pattern only lets numbers through
    return number.value


def same_unit(*quantities: Quantity) -> bool:
    """`places` and `place` are one unit; a bare number has no unit."""
    return len({q.unit_key for q in quantities}) == 1
