"""Column widths and page orientation of exported tables (A4, Arial).

Text widths are estimated from Arial's metrics (Liberation Sans, which LibreOffice
uses in its place, has the same). A column is never narrower than its longest
word (a number is one word: `464 570,00 €` never breaks); the rest of the page
width goes to the columns whose text would otherwise wrap, then to all of them.
The page stays portrait when the table fits it at 9 pt or 8 pt, else turns
landscape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pointage.outputs.export.content import ExportedTable

CM = 72 / 2.54  # points per centimetre
A4_SHORT, A4_LONG = 21.0 * CM, 29.7 * CM
MARGIN = 2.0 * CM
CELL_PADDING = 4.0  # points, each side (Word: 80 twips)
FONT_SIZES = (9.0, 8.0)
SAFETY = 1.04  # renderers differ a little in kerning
MAX_NATURAL = 220.0  # points: beyond, a long text wraps rather than widen its column

# Arial / Helvetica advance widths, thousandths of an em.
_WIDTHS = {
    " ": 278,
    "!": 278,
    '"': 355,
    "#": 556,
    "$": 556,
    "%": 889,
    "&": 667,
    "'": 191,
    "(": 333,
    ")": 333,
    "*": 389,
    "+": 584,
    ",": 278,
    "-": 333,
    ".": 278,
    "/": 278,
    ":": 278,
    ";": 278,
    "<": 584,
    "=": 584,
    ">": 584,
    "?": 556,
    "@": 1015,
    "[": 278,
    "\\": 278,
    "]": 278,
    "^": 469,
    "_": 556,
    "`": 333,
    "{": 334,
    "|": 260,
    "}": 334,
    "~": 584,
    "€": 556,
    "’": 222,
    "«": 556,
    "»": 556,
    "°": 400,
    "—": 1000,
    "–": 556,
    "A": 667,
    "B": 667,
    "C": 722,
    "D": 722,
    "E": 667,
    "F": 611,
    "G": 778,
    "H": 722,
    "I": 278,
    "J": 500,
    "K": 667,
    "L": 556,
    "M": 833,
    "N": 722,
    "O": 778,
    "P": 667,
    "Q": 778,
    "R": 722,
    "S": 667,
    "T": 611,
    "U": 722,
    "V": 667,
    "W": 944,
    "X": 667,
    "Y": 667,
    "Z": 611,
    "a": 556,
    "b": 556,
    "c": 500,
    "d": 556,
    "e": 556,
    "f": 278,
    "g": 556,
    "h": 556,
    "i": 222,
    "j": 222,
    "k": 500,
    "l": 222,
    "m": 833,
    "n": 556,
    "o": 556,
    "p": 556,
    "q": 556,
    "r": 333,
    "s": 500,
    "t": 278,
    "u": 556,
    "v": 500,
    "w": 722,
    "x": 500,
    "y": 500,
    "z": 500,
}
# Arial Bold where it differs from the regular weight.
_BOLD_WIDTHS = {
    **_WIDTHS,
    "'": 238,
    "!": 333,
    '"': 474,
    "&": 722,
    ":": 333,
    ";": 333,
    "?": 611,
    "[": 333,
    "]": 333,
    "`": 333,
    "{": 389,
    "}": 389,
    "|": 280,
    "’": 278,
    "«": 556,
    "»": 556,
    "A": 722,
    "B": 722,
    "J": 556,
    "K": 722,
    "L": 611,
    "b": 611,
    "d": 611,
    "f": 333,
    "g": 611,
    "h": 611,
    "i": 278,
    "j": 278,
    "k": 556,
    "l": 278,
    "m": 889,
    "n": 611,
    "o": 611,
    "p": 611,
    "q": 611,
    "r": 389,
    "s": 556,
    "t": 333,
    "u": 611,
    "v": 556,
    "w": 778,
    "x": 556,
    "y": 556,
}
_DIGIT = 556
_OTHER = 600
_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True)
class TableLayout:
    font_size: float  # points
    widths: tuple[float, ...]  # points, one per column

    @property
    def width(self) -> float:
        return sum(self.widths)


@dataclass(frozen=True)
class PageLayout:
    landscape: bool
    tables: tuple[TableLayout, ...]

    @property
    def page_width(self) -> float:
        return A4_LONG if self.landscape else A4_SHORT

    @property
    def page_height(self) -> float:
        return A4_SHORT if self.landscape else A4_LONG


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of one line of `text` in Arial."""
    widths = _BOLD_WIDTHS if bold else _WIDTHS
    thousandths = 0
    for ch in text:
        if ch.isdigit():
            thousandths += _DIGIT
            continue
        if ch in _SPACES:
            ch = " "
        width = widths.get(ch)
        if width is None:
            base = unicodedata.normalize("NFKD", ch)[:1]
            width = widths.get(base, _OTHER)
        thousandths += width
    return thousandths / 1000 * size


def _needs(text: str, size: float, bold: bool, unbreakable: bool) -> tuple[float, float]:
    """(narrowest width without breaking a word, width on one line) of a cell's text."""
    lines = text.split("\n") or [""]
    natural = max(text_width(line, size, bold) for line in lines)
    if unbreakable:
        return natural, natural
    words = [w for line in lines for w in line.split()] or [""]
    return max(text_width(w, size, bold) for w in words), natural


def column_needs(table: ExportedTable, size: float) -> list[tuple[float, float]]:
    """(minimum, natural) width of each column, padding included."""
    needs = []
    for col, header in enumerate(table.headers):
        least, natural = _needs(header, size, True, False)
        for row in table.rows:
            cell = row.cells[col]
            a, b = _needs(cell.text, size, row.total, cell.numeric)
            least, natural = max(least, a), max(natural, b)
        pad = 2 * CELL_PADDING
        least = least * SAFETY + pad
        needs.append((least, max(least, min(natural * SAFETY, MAX_NATURAL) + pad)))
    return needs


def fit(table: ExportedTable, usable: float) -> TableLayout | None:
    """Widths filling `usable` points, at the largest font that fits; None if none does."""
    for size in FONT_SIZES:
        needs = column_needs(table, size)
        if sum(least for least, _ in needs) <= usable:
            return TableLayout(size, tuple(_share(needs, usable)))
    return None


def squeeze(table: ExportedTable, usable: float) -> TableLayout:
    """Last resort: the smallest font, minimum widths scaled down (long words break)."""
    size = FONT_SIZES[-1]
    least = [a for a, _ in column_needs(table, size)]
    scale = usable / sum(least)
    return TableLayout(size, tuple(w * scale for w in least))


def page_layout(tables: Sequence[ExportedTable]) -> PageLayout:
    """Portrait if every table fits a portrait page, else landscape."""
    portrait = [fit(t, A4_SHORT - 2 * MARGIN) for t in tables]
    if all(portrait):
        return PageLayout(False, tuple(portrait))  # type: ignore[arg-type]
    usable = A4_LONG - 2 * MARGIN
    return PageLayout(True, tuple(fit(t, usable) or squeeze(t, usable) for t in tables))


def _share(needs: list[tuple[float, float]], usable: float) -> list[float]:
    widths = [least for least, _ in needs]
    spare = usable - sum(widths)
    wanted = [natural - least for least, natural in needs]
    if sum(wanted) > 0:
        share = min(1.0, spare / sum(wanted))
        widths = [w + share * extra for w, extra in zip(widths, wanted, strict=True)]
        spare = usable - sum(widths)
    if spare > 0:  # everything is on one line: widen in proportion
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return widths
