"""Column widths and page orientation of exported tables (A4, Arial).

Text widths are estimated from Arial's metrics (Liberation Sans, which LibreOffice
uses in its place, has the same). A column is never narrower than its longest
unbreakable text: a number (`464 570,00 €`, its spaces no-break ones), a date, a word
(a compound breaks after its hyphens, as in print; a word wider than `MAX_WORD`, a web
address, may break: never a number). The rest of
the page width goes to the columns whose text would otherwise wrap, then to all of
them. The page stays portrait when every table fits it at 9 pt or 8 pt, else turns
landscape (9, 8, then 7 pt with narrower cell margins); a table that does not fit
even so is refused
(`NoRoom`): breaking its numbers and words is no way to print it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from pointage.outputs.export.content import ExportedTable

CM = 72 / 2.54  # points per centimetre
A4_SHORT, A4_LONG = 21.0 * CM, 29.7 * CM
MARGIN = 2.0 * CM
CELL_PADDING = 4.0  # points, each side (Word: 80 twips)
TIGHT_PADDING = 2.0  # points, each side, at the smallest size
# (font size, cell padding) tried in turn, in points.
PORTRAIT_STEPS = ((9.0, CELL_PADDING), (8.0, CELL_PADDING))
LANDSCAPE_STEPS = ((9.0, CELL_PADDING), (8.0, CELL_PADDING), (7.0, TIGHT_PADDING))
SMALLEST_SIZE, _SMALLEST_PADDING = LANDSCAPE_STEPS[-1]
SAFETY = 1.04  # renderers differ a little in kerning
MAX_NATURAL = 220.0  # points: beyond, a long text wraps rather than widen its column
MAX_WORD = MAX_NATURAL  # points: a longer word (a web address) may break inside

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
# Word and LibreOffice break a compound after its hyphen (`Saint-|Rémy`), never between a
# hyphen and a digit (`2017-11-07`, `-0,65`) nor after a digit's (`C02-566A05`).
_LETTERS_HYPHEN = r"(?<=[^\W\d_]-)(?=[^\W\d_])"
_COMPOUND = re.compile("-" + _LETTERS_HYPHEN)  # led by its literal: searched fast
_WORD_BREAK = re.compile(r"[ \t\r\n\u2009]+|" + _LETTERS_HYPHEN)


@dataclass(frozen=True)
class TableLayout:
    font_size: float  # points
    widths: tuple[float, ...]  # points, one per column
    padding: float = CELL_PADDING  # points, left and right of each cell's text

    @property
    def width(self) -> float:
        return sum(self.widths)


class NoRoom(Exception):
    """Table `index` does not fit a landscape A4 page at the smallest size: it has
    `columns` columns, of which `fitting` at most (its narrowest) would fit."""

    def __init__(self, index: int, columns: int, fitting: int):
        super().__init__(index, columns, fitting)
        self.index, self.columns, self.fitting = index, columns, fitting


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


class _Advances(dict):
    """Advance widths of one weight by character, each worked out on first sight: the
    texts of a table are then summed at dictionary speed."""

    def __init__(self, widths: dict[str, int]):
        super().__init__()
        self.widths = widths

    def __missing__(self, ch: str) -> int:
        if ch.isdigit():
            width = _DIGIT
        else:
            known = self.widths.get(" " if ch in _SPACES else ch)
            if known is None:
                base = unicodedata.normalize("NFKD", ch)[:1]
                known = self.widths.get(base, _OTHER)
            width = known
        self[ch] = width
        return width


_REGULAR, _BOLD = _Advances(_WIDTHS), _Advances(_BOLD_WIDTHS)


def _thousandths(text: str, bold: bool = False) -> int:
    """Width of one line of `text` in Arial, in thousandths of an em (exact: an integer)."""
    return sum(map((_BOLD if bold else _REGULAR).__getitem__, text))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of one line of `text` in Arial."""
    return _thousandths(text, bold) / 1000 * size


def _cell_thousandths(text: str, bold: bool, unbreakable: bool) -> tuple[int, int]:
    """(narrowest width without breaking a word, width on one line) of a cell's text."""
    width = (_BOLD if bold else _REGULAR).__getitem__
    if "\n" in text:
        natural = max(sum(map(width, line)) for line in text.split("\n"))
    else:  # the usual cell: one line, summed without a generator
        natural = sum(map(width, text))
    if unbreakable:
        return natural, natural
    # str.split() gives the words of the usual text, which has neither a no-break space
    # (U+00A0, U+202F, U+2007: it would cut there) nor a compound (it would not cut there).
    if "\u00a0" in text or "\u202f" in text or "\u2007" in text or ("-" in text and _COMPOUND.search(text)):
        words = _words(text)
    else:
        words = text.split()
    return max(map(sum, map(map, repeat(width), words)), default=0), natural


def _words(text: str) -> list[str]:
    """The parts of `text` a line may not break: str.split() would break at a no-break
    space too (`64 273,09 €` in a description), and not after a compound's hyphen."""
    return _WORD_BREAK.split(text)


def measure_columns(table: ExportedTable) -> list[tuple[int, int]]:
    """(narrowest, natural) width of each column's texts, in thousandths of an em: the
    texts are measured once, whatever the font sizes tried (a width scales with the
    size, and scaling keeps the widest the widest)."""
    regular = [row.cells for row in table.rows if not row.total]
    bold = [row.cells for row in table.rows if row.total]
    measures = []
    for col, header in enumerate(table.headers):
        widths = [_cell_thousandths(header, True, False)]
        for rows, is_bold in ((regular, False), (bold, True)):
            # A column repeats its texts: each distinct one is measured once.
            numbers: set[str] = set()
            words: set[str] = set()
            for cells in rows:
                cell = cells[col]
                (numbers if cell.numeric else words).add(cell.text)
            widths += [_cell_thousandths(text, is_bold, True) for text in numbers]
            widths += [_cell_thousandths(text, is_bold, False) for text in words]
        measures.append((max(least for least, _ in widths), max(natural for _, natural in widths)))
    return measures


def column_needs(
    measures: Sequence[tuple[int, int]], size: float, padding: float = CELL_PADDING
) -> list[tuple[float, float]]:
    """(minimum, natural) width in points of each column at `size`, padding included."""
    needs = []
    pad = 2 * padding
    for least_em, natural_em in measures:
        least, natural = least_em / 1000 * size, natural_em / 1000 * size
        least = min(least * SAFETY, MAX_WORD) + pad
        needs.append((least, max(least, min(natural * SAFETY, MAX_NATURAL) + pad)))
    return needs


def fit(
    measures: Sequence[tuple[int, int]], usable: float, steps: Sequence[tuple[float, float]]
) -> TableLayout | None:
    """Widths filling `usable` points, at the first (size, padding) of `steps` that fits;
    None if none does."""
    for size, padding in steps:
        needs = column_needs(measures, size, padding)
        if sum(least for least, _ in needs) <= usable:
            return TableLayout(size, tuple(_share(needs, usable)), padding)
    return None


def fitting_columns(measures: Sequence[tuple[int, int]], usable: float) -> int:
    """How many of the columns, the narrowest first, fit `usable` points at the smallest size."""
    total, fitting = 0.0, 0
    for least in sorted(least for least, _ in column_needs(measures, SMALLEST_SIZE, _SMALLEST_PADDING)):
        total += least
        if total > usable:
            break
        fitting += 1
    return fitting


def page_layout(tables: Sequence[ExportedTable]) -> PageLayout:
    """Portrait if every table fits a portrait page, else landscape; NoRoom if a table
    fits neither."""
    measures = [measure_columns(t) for t in tables]
    portrait = [fit(m, A4_SHORT - 2 * MARGIN, PORTRAIT_STEPS) for m in measures]
    if all(portrait):
        return PageLayout(False, tuple(portrait))  # type: ignore[arg-type]
    usable = A4_LONG - 2 * MARGIN
    landscape = [fit(m, usable, LANDSCAPE_STEPS) for m in measures]
    for index, layout in enumerate(landscape):
        if layout is None:
            raise NoRoom(index, len(measures[index]), fitting_columns(measures[index], usable))
    return PageLayout(True, tuple(landscape))  # type: ignore[arg-type]


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
