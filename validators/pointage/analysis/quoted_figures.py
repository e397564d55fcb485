"""The figures a délibération's text quotes: amounts in euros, counts of places (or of
another unit of the Barème), key figures stated as a sum of parts (`8 661 … dont
1 313, 2 081 et 5 548`), the articles they belong to and the code opérations quoted
beside them. Read from plain passages (`reading/deliberation.py`), never from Word.

Amounts in words (`quatre cent soixante-quatre mille euros`) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.base.numbers import parse_number_text
from pointage.base.text import unit_key_of

if TYPE_CHECKING:
    from pointage.reading.deliberation import Passage

_SPACE = "[ \u00a0\u202f\u2009]"
# A number as written in French: `464 570`, `464 570,00`, `1,2`, `3030`; never a piece
# of a date (`31/12/2023`), of a code (`C02-446A05`) or of a decimal (`85.5`).
_NUMBER = rf"(?<![\d/.,\-A-Za-z])(?:\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:,\d+)?(?![\d/]|\.\d|,\d)"
_SCALES = {"m": Decimal(1_000_000), "million": Decimal(1_000_000), "k": Decimal(1000)}
_MONEY = re.compile(
    rf"(?P<number>{_NUMBER}){_SPACE}*"
    rf"(?:(?P<scale>M|k|millions?{_SPACE}+d(?:e{_SPACE}+|['’]))(?=\s*€|\s*euros?|{_SPACE}*EUR)\s*)?"
    r"(?:€|euros?\b|EUR\b)",
    re.IGNORECASE,
)
_COUNTED = re.compile(rf"(?P<number>{_NUMBER}){_SPACE}*(?P<unit>[^\W\d_]+)")
_BARE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*$")
_LEADING = re.compile(rf"^[\s\-–—•*·]*(?P<number>{_NUMBER})(?!{_SPACE}*(?:%|€|euros?\b))")
_PART = re.compile(rf"(?P<number>{_NUMBER})(?!{_SPACE}*(?:%|€|euros?\b))")
_DONT = re.compile(r"\bdont\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^\s*Article\s+(?P<number>\d+)\b", re.IGNORECASE)
_END_OF_ARTICLES = re.compile(r"^\s*Dans les conditions de vote", re.IGNORECASE)
CODE_OPERATION = re.compile(r"\b[A-Z]\d{2}-\d{3}[A-Z]\d{2}\b")
# `montant total de`, `montant global de`, `pour un montant de`: the amount the text ties
# to an article (its reference) rather than one quoted in passing.
_TOTAL_CUE = re.compile(r"montant[^.;:€]{0,40}$", re.IGNORECASE)
# `160 euros pour un an`, `80 € pour 6 mois`: a unit cost, not an amount of the annexes.
_RATE = re.compile(rf"^{_SPACE}*(?:pour|par){_SPACE}+(?:un|une|an|mois|\d+)\b", re.IGNORECASE)
_MONEY_HEADER = re.compile(r"€|euros?\b|montant|dépense|recette|proposition|\bAE\b|\bCP\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    """A figure as the text writes it, and where."""

    passage: Passage
    written: str  # `464 570 €`, `3030 places`
    value: Decimal  # euros, or the count
    money: bool
    unit: str | None = None  # the count's unit, as written
    start: int = 0  # in the passage's text

    @property
    def unit_key(self) -> str | None:
        return unit_key_of(self.unit) if self.unit else None

    @property
    def sentence(self) -> str:
        """The sentence around the figure, as the message quotes it."""
        return sentence_around(self.passage.text, self.start)


@dataclass
class StatedSum:
    """`8 661 … dont 1 313, 2 081 et 5 548`: a figure and the parts the text gives it."""

    figure: Quote
    parts: list[Quote]


@dataclass
class Article:
    """An article of the délibération: its number, its paragraphs' figures, and the code
    opérations its paragraphs quote (its tables' rows are read on their own)."""

    number: int
    quotes: list[Quote] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Article {self.number}"

    @property
    def amount(self) -> Quote | None:
        """The article's amount: the one the text introduces as a `montant`, else its
        only amount."""
        money = [q for q in self.quotes if q.money]
        cued = [q for q in money if _TOTAL_CUE.search(q.passage.text[: q.start])]
        if len(cued) == 1:
            return cued[0]
        return money[0] if len(money) == 1 else None


def sentence_around(text: str, at: int, width: int = 220) -> str:
    """The sentence (between `.`, `;` or `:` ends) holding position `at`, cut to `width`."""
    starts = [m.end() for m in re.finditer(r"[.;:](?=\s)", text[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.;](?=\s|$)", text[at:])
    end = at + end_match.end() if end_match else len(text)
    sentence = text[start:end].strip().lstrip("-–—•*· ")
    return sentence if len(sentence) <= width else sentence[: width - 1].rstrip() + "…"


def amounts_in(text: str) -> list[tuple[str, Decimal, int]]:
    """The amounts in euros written in `text`: (as written, euros, where)."""
    found = []
    for match in _MONEY.finditer(text):
        if _RATE.match(text[match.end() :]):
            continue
        value = _value(match["number"])
        if value is None:
            continue
        scale = (match["scale"] or "").strip().lower()
        if scale:
            value *= _SCALES["million" if scale.startswith("million") else scale[0]]
        found.append((match.group(0).strip(), value, match.start()))
    return found


def money_quotes(passage: Passage, money_column: bool = False) -> list[Quote]:
    """The amounts in euros of a passage (a bare number too, in a column of amounts)."""
    quotes = [
        Quote(passage, written, value, True, start=at) for written, value, at in amounts_in(passage.text)
    ]
    if not quotes and money_column and (bare := _BARE.match(passage.text)):
        value = _value(bare["number"])
        if value is not None:
            quotes.append(Quote(passage, passage.text.strip(), value, True, start=bare.start("number")))
    return quotes


def count_quotes(passage: Passage, units: tuple[str, ...]) -> list[Quote]:
    """`3030 places`, `2 ETP`: counts in one of `units` (the Barème's, or the usual)."""
    wanted = {unit_key_of(u) for u in units}
    quotes = []
    for match in _COUNTED.finditer(passage.text):
        if unit_key_of(match["unit"]) not in wanted:
            continue
        value = _value(match["number"])
        if value is not None:
            quotes.append(
                Quote(passage, match.group(0), value, False, unit=match["unit"], start=match.start())
            )
    return quotes


def _value(number: str) -> Decimal | None:
    parsed = parse_number_text(number)
    return parsed.value if parsed is not None else None


def money_columns(passages: list[Passage]) -> set[tuple[int, int]]:
    """(table, column) of the Word tables whose first row names amounts (`Dépense €`)."""
    return {
        (p.table, p.column)
        for p in passages
        if p.table is not None and p.row == 1 and p.column is not None and _MONEY_HEADER.search(p.text)
    }


def articles(passages: list[Passage], units: tuple[str, ...]) -> list[Article]:
    """The articles, from each `Article N` paragraph to the next (or to the vote)."""
    found: list[Article] = []
    current: Article | None = None
    for passage in passages:
        if passage.table is not None:
            continue
        if heading := _ARTICLE.match(passage.text):
            current = Article(int(heading["number"]))
            found.append(current)
        elif _END_OF_ARTICLES.match(passage.text):
            current = None
        if current is None:
            continue
        current.quotes.extend(money_quotes(passage))
        current.quotes.extend(count_quotes(passage, units))
        current.codes.extend(c for c in CODE_OPERATION.findall(passage.text) if c not in current.codes)
    return found


def stated_sums(passages: list[Passage]) -> list[StatedSum]:
    """Key figures the text states with their parts: `N … dont a, b et c` in one
    paragraph; `N …, dont` followed by one paragraph per part (`- 12 636 sur Lens`);
    `Dont a, b et c` under the paragraph that opens with N (a line between them)."""
    paragraphs = [p for p in passages if p.table is None]
    sums: list[StatedSum] = []
    for i, passage in enumerate(paragraphs):
        split = _DONT.search(passage.text)
        if split is None:
            continue
        parts = [_count(passage, m) for m in _PART.finditer(passage.text, split.end()) if _count(passage, m)]
        figure = _leading(passage) if split.start() > 0 else None
        if figure is None and passage.text[: split.start()].strip(" -–—•*·") == "":
            figure = next((f for p in reversed(paragraphs[max(0, i - 2) : i]) if (f := _leading(p))), None)
        if not parts and not passage.text[split.end() :].strip(" :,"):
            parts = []
            for following in paragraphs[i + 1 :]:
                part = _leading(following)
                if part is None:
                    break
                parts.append(part)
        if figure is not None and len(parts) >= 2:
            sums.append(StatedSum(figure, [p for p in parts if p is not None]))
    return sums


def _leading(passage: Passage) -> Quote | None:
    match = _LEADING.match(passage.text)
    return _count(passage, match) if match else None


def _count(passage: Passage, match: re.Match[str]) -> Quote | None:
    value = _value(match["number"])
    if value is None:
        return None
    return Quote(passage, match["number"], value, False, start=match.start("number"))


IMPUTATION_TEXT = re.compile(r"(?<![\d/])\d{3,6}/{1,2}\d{2,6}(?![\d/])")
_UNIT_COST = re.compile(
    rf"(?P<amount>{_NUMBER}){_SPACE}*(?:€|euros?\b){_SPACE}*(?:pour|par){_SPACE}+"
    rf"(?:(?:un|une){_SPACE}+)?(?:(?P<year>an|année)\b|(?P<months>\d+){_SPACE}*mois\b)",
    re.IGNORECASE,
)
_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTH = "|".join(_MONTHS)
_PERIOD = re.compile(
    rf"période{_SPACE}+du{_SPACE}+1(?:er)?{_SPACE}+(?P<first>{_MONTH})(?:{_SPACE}+(?P<first_year>\d{{4}}))?"
    rf"{_SPACE}+au{_SPACE}+\d{{1,2}}{_SPACE}+(?P<last>{_MONTH}){_SPACE}+(?P<year>\d{{4}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class UnitCost:
    """`160 euros pour un an`, `80 € pour 6 mois`, said of a unit of the Barème."""

    quote: Quote
    unit: str  # the Barème's unit the sentence names (`place`)
    months: Decimal


@dataclass(frozen=True)
class Period:
    """`pour la période du 1er janvier au 31 décembre 2024`: whole months."""

    passage: Passage
    written: str
    start: int
    months: int
    year: int


def unit_costs(passage: Passage, units: tuple[str, ...]) -> list[UnitCost]:
    """Unit costs the text states, each with the Barème unit named before it in its
    sentence (`coût de la place … à 160 euros pour un an`)."""
    found = []
    for match in _UNIT_COST.finditer(passage.text):
        value = _value(match["amount"])
        before = passage.text[: match.start()]
        named = [
            (m.start(), unit)
            for unit in units
            for m in re.finditer(rf"\b{re.escape(unit)}s?\b", before, re.I)
        ]
        if value is None or not named:
            continue
        unit = max(named)[1]
        months = Decimal(12) if match["year"] else Decimal(match["months"])
        quote = Quote(passage, match.group(0), value, True, start=match.start())
        found.append(UnitCost(quote, unit, months))
    return found


def periods(passage: Passage) -> list[Period]:
    found = []
    for match in _PERIOD.finditer(passage.text):
        year = int(match["year"])
        first_year = int(match["first_year"]) if match["first_year"] else year
        first = _MONTHS.index(match["first"].lower())
        last = _MONTHS.index(match["last"].lower())
        months = (year - first_year) * 12 + last - first + 1
        found.append(Period(passage, match.group(0), match.start(), months, year))
    return found
