"""How wide a text shows in Excel's default font (Calibri 11), in the unit of Excel's
column widths (the width of a digit): a column sized by it shows its header whole,
where a width typed by hand cut `DOSSIER RETENU` to `DOSSIER RE`."""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.styles import Font

# Advance widths of Calibri's characters (measured on Carlito, its metric-compatible
# twin), regular or bold whichever is wider, in digit widths rounded up to a tenth.
_WIDTHS = {
    0.5: "il '",
    0.6: "jI.,:;’",
    0.7: "ftJ()-![]°",
    0.8: "rsz",
    0.9: 'cL/"',
    1.0: "aegkvxyEFSTZ0123456789€?+*=_<>#–§$",
    1.1: "bdhnopquCKPXY«»",
    1.2: "ABRV",
    1.3: "DGHNU",
    1.4: "OQ&",
    1.5: "w%",
    1.7: "m",
    1.8: "MW@—",
}
_OTHER = 1.3  # a character not in the table: as wide as a wide capital
WIDEST_CHARACTER = max(_WIDTHS)


class _Widths(dict):
    """Width by character, worked out on first sight (`é` as `e`, `É` as `E`): a long
    list of messages is then summed at dictionary speed."""

    def __missing__(self, char: str) -> float:
        base = unicodedata.normalize("NFD", char)[:1]
        width = self[base] if base != char and base in self else _OTHER
        self[char] = width
        return width


_WIDTH_OF = _Widths({char: width for width, chars in _WIDTHS.items() for char in chars})
# Excel's 5-pixel margin inside a cell, and a little room so that no letter touches
# the border at another zoom or screen scale.
PADDING = 1.5
# The drop-down arrow of a header cell of an Excel Table (its filter button) covers
# the right end of the header text.
FILTER_BUTTON = 2.5


def text_width(text: str) -> float:
    """The widest line of `text`, in digit widths."""
    if "\n" not in text:
        return sum(map(_WIDTH_OF.__getitem__, text))
    return max(sum(map(_WIDTH_OF.__getitem__, line)) for line in text.split("\n"))


def column_width(*texts: str, filter_button: bool = False) -> float:
    """The width a column needs to show each of `texts` whole (rounded up to a half)."""
    needed = max((text_width(t) for t in texts), default=0.0) + PADDING
    if filter_button:
        needed += FILTER_BUTTON
    return math.ceil(needed * 2) / 2


def font(size: float = 11, **style: object) -> Font:
    """An openpyxl font in Calibri, the font measured here. A font written without a
    name shows in the reader's default one: LibreOffice's is wider, and cut headers."""
    from openpyxl.styles import Font

    return Font(name="Calibri", size=size, **style)
