"""A1 addresses. Rows and columns are 0-based inside Pointage, 1-based in Excel."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    match = _A1.match(ref.strip())
    if not match:
        raise ValueError(f"adresse invalide : {ref!r}")
    return int(match.group(2)) - 1, column_index(match.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """`A3:F47` -> (first_row, first_col, last_row, last_col), 0-based, inclusive."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_a1(first)
    r2, c2 = parse_a1(last or first)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def range_a1(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    return f"{a1(first_row, first_col)}:{a1(last_row, last_col)}"


_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_R1C1_LIKE = re.compile(r"^(?:R\d*(?:C\d*)?|C\d*)$", re.IGNORECASE)


def _plain_sheet_name(name: str) -> bool:
    """Whether Excel writes `name!A1` without quotes: a name made of letters (any
    script), digits, `_` and `.`, not starting with a digit or a dot, that Excel
    could not read as something else (a cell `AB12`, an R1C1 address `R2C3`, a logical)."""
    if not name or name[0].isdigit() or name[0] == ".":
        return False
    if not all(char.isalnum() or char in "_." for char in name):
        return False
    cell = _CELL_LIKE.match(name)
    if cell and column_index(cell.group(1)) < _MAX_COLUMN and 1 <= int(cell.group(2)) <= _MAX_ROW:
        return False
    return not _R1C1_LIKE.match(name) and name.upper() not in ("TRUE", "FALSE")


def sheet_reference(sheet: str, cell: str, always_quoted: bool = False) -> str:
    """`Budget!B4`, `'Annexe 1'!E7`, `'L''annexe «1» "budget"'!B4`: a cell or range of
    a sheet written as Excel writes it (quotes when the name is not plain, inner
    apostrophes doubled). `always_quoted` for hyperlink targets, which accept both."""
    if always_quoted or not _plain_sheet_name(sheet):
        return "'" + sheet.replace("'", "''") + "'!" + cell
    return f"{sheet}!{cell}"


def location(sheet: str | None, cell: str | None) -> str:
    """Where a finding is, for a person: `'Annexe 1'!E7`, the sheet alone when no cell
    is named, nothing for the whole workbook."""
    if sheet and cell:
        return sheet_reference(sheet, cell)
    return sheet or ""


def sheet_key(name: str) -> str:
    """A sheet name as Excel compares it: case does not count (`Feuil1` is `feuil1`,
    `ÉTÉ` is `été`), nor how an accent was typed (`é` composed or decomposed, as a
    macOS terminal may send it)."""
    return unicodedata.normalize("NFC", name).casefold()


def sheet_named(wanted: str, names: Iterable[str]) -> str | None:
    """The sheet of `names` that `wanted` designates as Excel would (`sheet_key`), by
    its own name; None when there is none. Excel keeps sheet names distinct under
    this comparison; a workbook another program wrote may not, and there the exact
    name wins."""
    names = list(names)
    if wanted in names:
        return wanted
    key = sheet_key(wanted)
    return next((name for name in names if sheet_key(name) == key), None)
