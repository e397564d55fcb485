"""Quantities and periods written in a description (regles.md, M rules).

`Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 130 places du
1er juillet au 31 décembre 2024` is two clauses: 1 portefeuille over 6 months and
130 places over 6 months. Units are those of the Barème (singular or plural);
`portefeuille de 9 places` is 9 places (the portfolio is the container).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pointage.analysis.quantities import Quantity
from pointage.base.text import strip_accents, unit_key_of

DEFAULT_UNITS = ("place", "portefeuille", "ETP")

NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_MONTH = "|".join(MONTHS)

# `+`, `et`, or a comma that is not a decimal comma.
_CLAUSE_SPLIT = re.compile(r"\+|(?<!\d),|,(?!\d)|\bet\b")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[a-z]+")
_PERIOD_WORDS = re.compile(
    rf"\bdu\s+(\d{{1,2}})(?:er)?\s*(?:({_MONTH})\s*(\d{{4}})?)?\s+au\s+(\d{{1,2}})(?:er)?\s+({_MONTH})\s*(\d{{4}})?"
)
_PERIOD_DIGITS = re.compile(r"\bdu\s+(\d{1,2})/(\d{1,2})/(\d{2,4})\s+au\s+(\d{1,2})/(\d{1,2})/(\d{2,4})")
_MONTH_COUNT = re.compile(r"\b(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")\s+mois\b")
_FULL_YEAR = re.compile(r"\b(?:annee|an)\s+(?:civile\s+)?\d{4}\b|\ben\s+annee\s+pleine\b")


@dataclass(frozen=True, slots=True)
class Clause:
    text: str
    quantities: tuple[Quantity, ...]
    months: Decimal | None  # period written in the clause, if any
    period_unreadable: bool = False  # a period that is not whole months


@dataclass(frozen=True, slots=True)
class Description:
    clauses: tuple[Clause, ...]

    @property
    def quantities(self) -> list[tuple[Clause, Quantity]]:
        return [(c, q) for c in self.clauses for q in c.quantities]

    def total(self, unit: str) -> Decimal | None:
        """Sum of the quantities in `unit`, or None when none is written."""
        wanted = unit_key_of(unit)
        values = [q.value for _, q in self.quantities if q.unit_key == wanted]
        return sum(values, Decimal(0)) if values else None


def parse_description(text: str, units: tuple[str, ...] = DEFAULT_UNITS) -> Description:
    return _parse(text, tuple(units))


@lru_cache(maxsize=16384)
def _parse(text: str, units: tuple[str, ...]) -> Description:
    normalized = strip_accents(text).lower().replace("’", " ").replace("'", " ")
    unit_by_key = _unit_forms(units)
    clauses = []
    for part in _CLAUSE_SPLIT.split(normalized):
        part = part.strip()
        if not part:
            continue
        months, unreadable = _months_of(part)
        clauses.append(Clause(part, tuple(_quantities(part, unit_by_key)), months, unreadable))
    return Description(tuple(clauses))


@lru_cache(maxsize=64)
def _unit_forms(units: tuple[str, ...]) -> dict[str, str]:
    """Every lower-case token that names a unit (`place`, `places`, `etp`) -> the unit:
    one dictionary look-up per token, the parser's innermost step."""
    forms: dict[str, str] = {}
    for unit in units:
        base = unit_key_of(unit).lower()
        for form in (base, base + "s", base + "x"):
            if unit_key_of(form) == unit_key_of(unit):
                forms.setdefault(form, unit)
    return forms


def _quantities(clause: str, unit_by_key: dict[str, str]) -> list[Quantity]:
    tokens = _TOKEN.findall(clause)
    found = []
    for i, token in enumerate(tokens):
        unit = unit_by_key.get(token)
        if unit is None or i == 0:
            continue
        value = _number_before(tokens, i)
        if value is None:
            continue
        # `portefeuille de 9 places`: the portfolio only contains the places.
        following = tokens[i + 1 : i + 4]
        if (
            len(following) == 3
            and following[0] == "de"
            and _number_at(following[1]) is not None
            and following[2] in unit_by_key
        ):
            continue
        found.append(Quantity(value, unit))
    return found


def _number_before(tokens: list[str], i: int) -> Decimal | None:
    value = _number_at(tokens[i - 1])
    if value is None:
        return None
    # `1 000 places`: a 3-digit group after a 1-3 digit group.
    if (
        i >= 2
        and len(tokens[i - 1]) == 3
        and tokens[i - 1].isdigit()
        and tokens[i - 2].isdigit()
        and len(tokens[i - 2]) <= 3
    ):
        return Decimal(tokens[i - 2] + tokens[i - 1])
    return value


def _number_at(token: str) -> Decimal | None:
    if token in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[token])
    if token[:1].isdigit():
        return Decimal(token.replace(",", "."))
    return None


def _months_of(clause: str) -> tuple[Decimal | None, bool]:
    match = _PERIOD_WORDS.search(clause)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        end_month = MONTHS[m2]
        start_month = MONTHS[m1] if m1 else end_month
        end_year = int(y2) if y2 else 2001
        start_year = int(y1) if y1 else end_year
        return _whole_months(int(d1), start_month, start_year, int(d2), end_month, end_year)
    match = _PERIOD_DIGITS.search(clause)
    if match:
        d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None, True
        return _whole_months(d1, m1, _year(y1), d2, m2, _year(y2))
    match = _MONTH_COUNT.search(clause)
    if match:
        word = match.group(1)
        return (_number_at(word) if word not in NUMBER_WORDS else Decimal(NUMBER_WORDS[word])), False
    if _FULL_YEAR.search(clause):
        return Decimal(12), False
    return None, False


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def _whole_months(d1: int, m1: int, y1: int, d2: int, m2: int, y2: int) -> tuple[Decimal | None, bool]:
    last_day = calendar.monthrange(y2, m2)[1]
    months = (y2 - y1) * 12 + (m2 - m1) + 1
    if d1 != 1 or d2 != last_day or months <= 0:
        # Not whole months: Pointage does not prorate days (docs/decisions.md).
        return None, True
    return Decimal(months), False
