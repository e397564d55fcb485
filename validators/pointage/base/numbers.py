"""Numbers as the staff type them (their French display is in formatting.py).

Cells hold real numbers or text pasted from Word/PDF: `29 275,00 €`, `20 000€`,
`267 566.08`, `(1 200,00)`. Money is compared in integer cents (half-up), never as
floats; quantities stay `Decimal`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import partial
from operator import is_not
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

# Grouping spaces seen in pasted numbers: space, no-break space, narrow no-break
# space, thin space.
_SPACES = " \u00a0\u202f\u2009"
_CURRENCY = re.compile(r"^(?:€|eur|euros?)\s*|\s*(?:€|eur|euros?)$", re.IGNORECASE)
_BODY = re.compile(rf"^[0-9][0-9{_SPACES}.,]*$")
# `1.234.567` and `1.234,50` are dot-grouped; a lone `1.234` is a decimal.
_DOT_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:(?:\.\d{3}){2,}(?:,\d+)?|(?:\.\d{3})+,\d+)$")
_COMMA_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+\.\d+$")
_SPACE_RUN = re.compile(rf"[{_SPACES}]+")
# Digits are grouped by one space (a few more, a slip or a PDF's justified text); a
# wide gap before a digit other than 0 parts two numbers written in one cell.
_WIDE_GAP = re.compile(rf"[{_SPACES}]{{5,}}(?=[1-9])")


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from a cell."""

    value: Decimal
    from_text: bool = False
    abnormal_grouping: bool = False

    @property
    def cents(self) -> int:
        return to_cents(self.value)


@dataclass(frozen=True, slots=True)
class NotANumber:
    """A non-empty cell that is not a number (`O,5`, `12,5,3`, `n.c.`)."""

    text: str


def euros(cents: int) -> Decimal:
    """`2415000` -> `Decimal('24150')`: cents back to euros, exactly."""
    return Decimal(cents) / 100


def to_cents(value: Decimal | Fraction | int) -> int:
    """Euros to whole cents, half a cent rounded up (away from zero): the one rounding
    of money. A Fraction (an amount recomputed at the Barème: 13 750 € over 1 month is
    1 145,8333… €) is rounded exactly, in integers."""
    if isinstance(value, Decimal):
        return int((value * 100).quantize(_ONE, rounding=ROUND_HALF_UP))
    if isinstance(value, int):
        return value * 100
    numerator, denominator = value.numerator * 100, value.denominator
    # Half-up of n / d for d > 0: floor((2|n| + d) / 2d), the sign put back.
    cents = (2 * abs(numerator) + denominator) // (2 * denominator)
    return cents if numerator >= 0 else -cents


_ONE = Decimal(1)


def cell_cents(value: object) -> int | None:
    """A typed number in cents, rounded half-up (None for anything else, and for numbers
    too big to be amounts: a SIRET). A float written with at most two decimals is
    within a millionth of a whole number of cents: read directly; any other goes
    through its decimal writing (`0.125` is 13 cents)."""
    if type(value) is int:
        return value * 100 if abs(value) < 10**13 else None
    if type(value) is not float or not abs(value) < 1e13:
        return None
    scaled = value * 100
    nearest = round(scaled)
    if abs(scaled - nearest) < 1e-6:
        return nearest
    return to_cents(Decimal(repr(value)))


def money_equal(a_cents: int, b_cents: int, tolerance_cents: int) -> bool:
    """Two amounts the same within the Paramètres' tolerance: a gap equal to it passes.
    The one comparison of money (a total and its lines, a line and its recomputation,
    an article and its references)."""
    return abs(a_cents - b_cents) <= tolerance_cents


def money_exceeds(found_cents: int, limit_cents: int, tolerance_cents: int) -> bool:
    """`found` over `limit` by more than the tolerance (a ceiling, a Disponible)."""
    return found_cents - limit_cents > tolerance_cents


def parse_number(value: object) -> Number | NotANumber | None:
    """Read a cell value as a number; `None` for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return NotANumber(str(value))
    if isinstance(value, int):
        return Number(Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            return NotANumber(str(value))
        # repr() is the shortest text that reads back as this float: 2105667.73
        # stays 2105667.73 instead of 2105667.729999999...
        return Number(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return Number(value) if value.is_finite() else NotANumber(str(value))
    if isinstance(value, (datetime, date, time)):
        return NotANumber(str(value))
    text = str(value).strip()
    if not text:
        return None
    parsed = parse_number_text(text)
    return parsed if parsed is not None else NotANumber(text)


def exact_value(value: object) -> int | Decimal | NotANumber | None:
    """`parse_number` for the loops over every row: a typed whole number stays a
    plain int (no Decimal, no wrapper), which sums exactly with Decimals."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    parsed = parse_number(value)
    return parsed.value if isinstance(parsed, Number) else parsed


def exact_values(values: list[object]) -> list[int | Decimal | NotANumber | None]:
    """`[exact_value(v) for v in values]` (the reference, which a property test
    compares it with), with the usual cell, a whole number typed as a float, converted
    inline: a call per cell costs more than the rest."""
    return [int(v) if v.__class__ is float and v.is_integer() else exact_value(v) for v in values]


def is_typed_number(value: object) -> bool:
    """An empty cell or a number typed as one (not text, not a boolean, not a date)."""
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


_TYPED_NUMBER_TYPES = frozenset({type(None), int, float})


def all_typed_numbers(values: list[object]) -> bool:
    """`all(map(is_typed_number, values))` (the reference, which a property test
    compares it with), in one C-speed pass over the cells' types. Exact types: a
    subclass (numpy.float64) gives False, and the caller then looks cell by cell."""
    return _TYPED_NUMBER_TYPES.issuperset(map(type, values))


# A filter for the cells of a column of `exact_values` that hold something.
filled = partial(is_not, None)
_WHOLE_OR_EMPTY = frozenset({type(None), int})


def none_negative(values: Sequence[object]) -> bool:
    """Whether `values` (see `exact_values`) are whole numbers, none negative, or
    empty, in two C-speed passes: the usual column of amounts, which needs no look at
    each cell (`all(v is None or (v.__class__ is int and v >= 0) for v in values)` is
    the reference a property test compares it with)."""
    if not _WHOLE_OR_EMPTY.issuperset(map(type, values)):
        return False
    whole = cast("Iterator[int]", filter(filled, values))  # only ints are left, and None
    return min(whole, default=0) >= 0


def cents_of_value(value: int | Decimal) -> int:
    """Cents of an `exact_value` result."""
    return value * 100 if isinstance(value, int) else to_cents(value)


def parse_number_text(text: str) -> Number | None:
    """Parse French/English number text; `None` when it is not a number."""
    s = text.strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = _CURRENCY.sub("", s).strip()
    if s and s[0] in "-−+":
        negative = negative or s[0] != "+"
        s = s[1:].strip()
    s = _CURRENCY.sub("", s).strip()
    if not s or not _BODY.match(s):
        return None
    magnitude = _magnitude(s)
    if magnitude is None:
        return None
    value = magnitude.value
    return Number(
        -value if negative else value, from_text=True, abnormal_grouping=magnitude.abnormal_grouping
    )


@dataclass(frozen=True, slots=True)
class _Magnitude:
    """The unsigned value of a number's text, and whether its thousands were grouped
    in an unusual way (`1 00 000`), which a reader may want to question."""

    value: Decimal
    abnormal_grouping: bool


def _magnitude(s: str) -> _Magnitude | None:
    """The value of unsigned number text (`24 150,00`, `24,150.00`, `24.150`), or None
    when its separators or its digits do not make one number."""
    integer, decimals = _split_decimals(s)
    if integer is None:
        return None
    if _WIDE_GAP.search(integer.strip(_SPACES)):
        return None  # `8 000      6 000`: two values side by side, not one number
    groups = [g for g in _SPACE_RUN.split(integer) if g]
    if not groups or not all(g.isdigit() for g in groups):
        return None
    if decimals is not None and not decimals.isdigit():
        return None
    abnormal = len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))
    digits = "".join(groups) + ("." + decimals if decimals else "")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return None
    return _Magnitude(number, abnormal)


def _split_decimals(s: str) -> tuple[str | None, str | None]:
    compact = _SPACE_RUN.sub("", s)
    commas, dots = s.count(","), s.count(".")
    if commas == 0 and dots == 0:
        return s, None
    if _DOT_GROUPED.match(compact):
        integer, _, decimals = compact.partition(",")
        return integer.replace(".", ""), decimals or None
    if _COMMA_GROUPED.match(compact):
        integer, _, decimals = compact.partition(".")
        return integer.replace(",", ""), decimals
    if commas + dots > 1:
        return None, None
    integer, _, decimals = s.replace(",", ".").partition(".")
    if not decimals or _SPACE_RUN.search(decimals):
        return None, None
    return integer.rstrip(_SPACES), decimals
