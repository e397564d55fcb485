"""What calamine does not tell of an `.ods` workbook, read from its `content.xml` in one
streamed pass: error cells (calamine gives them as empty ones), the rows a `SUM` adds,
merged cells, hidden rows and columns.

OpenDocument has no cell references: a cell's place is counted, each row and cell
standing for as many as its `number-rows-repeated` / `number-columns-repeated` say, a
covered cell (under a merge) counting as one. calamine counts them the same way, so
the places meet its grid.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, iterparse

from pointage.base.excel_errors import ExcelError
from pointage.reading.cell_limits import Box
from pointage.reading.snapshot import record_sum
from pointage.reading.zip_parts import open_part

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE, ROW, COLUMN = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-column"
CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_P = f"{{{_TEXT}}}p"
_NAME = f"{{{_TABLE}}}name"
_ROWS_REPEATED, _COLS_REPEATED = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
_ROWS_SPANNED, _COLS_SPANNED = f"{{{_TABLE}}}number-rows-spanned", f"{{{_TABLE}}}number-columns-spanned"
_VISIBILITY = f"{{{_TABLE}}}visibility"
_FORMULA = f"{{{_TABLE}}}formula"
_VALUE_TYPE = f"{{{_CALCEXT}}}value-type"
_OFFICE_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
# `of:=SUM([.E6:.E9])`, `of:=SUBTOTAL(9;[.E6:.E9])`: one range of one column, this sheet.
_SUM = re.compile(
    r"^(?:of:)?=\s*(?:SUM\(|SUBTOTAL\(\s*(?:9|109)\s*;\s*)"
    r"\[\.\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\.\$?([A-Z]{1,3})\$?(\d+)\]\s*\)$",
    re.IGNORECASE,
)
# A formula that adds (its terms are read: `analysis/formula_evidence.py`).
_ADDING = re.compile(r"\+|SUM\(|SUBTOTAL\(", re.IGNORECASE)
# An OpenFormula reference: `[.B2]`, `[.B2:.B5]`, `[$Feuille2.A1]`, `['Ma feuille'.A1:.B3]`.
_ODF_REF = re.compile(
    r"\[(\$?(?:'(?:[^']|'')+'|[^.\[\]':]+))?\.(\$?[A-Z]{1,3}\$?\d+)"
    r"(?::(?:\$?(?:'(?:[^']|'')+'|[^.\[\]':]+))?\.(\$?[A-Z]{1,3}\$?\d+))?\]",
    re.IGNORECASE,
)
_MAX_FORMULA = 4000


def excel_writing(formula: str) -> str | None:
    """An OpenFormula (`of:=SUM([.B2:.B4])+[$Autre.C7]`) as Excel writes it
    (`SUM(B2:B4)+'Autre'!C7`), or None when it is no OpenFormula."""
    text = formula.strip()
    if len(text) > _MAX_FORMULA or not text.startswith(("of:=", "=")):
        return None
    text = text.removeprefix("of:").removeprefix("=")

    def reference(m: re.Match) -> str:
        sheet = m.group(1)
        prefix = ""
        if sheet:
            name = sheet.lstrip("$")
            name = name[1:-1].replace("''", "'") if name.startswith("'") else name
            prefix = "'" + name.replace("'", "''") + "'!"
        return prefix + m.group(2) + (":" + m.group(3) if m.group(3) else "")

    written = _ODF_REF.sub(reference, text)
    if "[" in written or '"' in written:
        return None  # a reference not understood, or text: not a simple formula
    return written.replace(";", ",")


# Past this many, repeated rows or cells are an empty tail (LibreOffice writes the
# sheet's last rows as one row repeated a million times), not content.
_REPEATS_KEPT = 10_000
# More error cells than this in one sheet is not a budget annex: nothing is known of it.
_ERRORS_KEPT = 1_000_000
# A spreadsheet's size: a merge is no larger.
MAX_ROWS, MAX_COLS = 1_048_576, 16_384


class _TooManyErrors(Exception):
    pass


@dataclass
class OdsExtras:
    errors: dict[tuple[int, int], ExcelError] = field(default_factory=dict)
    sums: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    column_sums: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # cell -> its formula in Excel's writing (`SUM(B2:B4)+C7`), for those that add
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # (first, count): runs of hidden rows and columns; a run may reach the sheet's last
    # row, a million rows down.
    hidden_row_runs: list[tuple[int, int]] = field(default_factory=list)
    hidden_col_runs: list[tuple[int, int]] = field(default_factory=list)

    def hidden(self, end_row: int, end_col: int) -> tuple[set[int], set[int]]:
        """The hidden rows and columns before (end_row, end_col): those that hold cells."""
        return _within(self.hidden_row_runs, end_row), _within(self.hidden_col_runs, end_col)


def _within(runs: list[tuple[int, int]], end: int) -> set[int]:
    return {i for first, count in runs for i in range(first, min(first + count, end))}


def _count(element, name: str) -> int:
    try:
        return max(1, int(element.get(name, "1")))
    except ValueError:
        return 1


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def scan_ods(archive: zipfile.ZipFile) -> dict[str, OdsExtras] | None:
    """Sheet name -> what its content.xml says beyond the values (a sheet it says
    nothing of is absent); None when the part cannot be read: the values calamine read
    are then checked all the same, and the E001 of the format says what is not."""
    found: dict[str, OdsExtras] = {}
    try:
        if not _has_extras(archive):
            return {}  # most lists: values only, nothing for the XML parser to find
        with open_part(archive, "content.xml") as stream:
            _scan(stream, found)
    except (KeyError, ParseError, OSError, EOFError, zipfile.BadZipFile, _TooManyErrors):
        return None
    return found


def cell_boxes(archive: zipfile.ZipFile) -> dict[str, Box]:
    """Table name -> the box of its cells that hold a value, each repeated cell and row
    counted as many times as it stands for (calamine writes them all in its block),
    from one streamed pass over content.xml, before calamine reads it."""
    boxes: dict[str, Box] = {}
    box: Box | None = None
    row = col = 0
    rows_here = 1
    try:
        with open_part(archive, "content.xml") as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == TABLE:
                        box = boxes.setdefault(element.get(_NAME, ""), Box())
                        row = 0
                    elif tag == ROW:
                        rows_here, col = _count(element, _ROWS_REPEATED), 0
                    continue
                if tag in CELLS and box is not None:
                    repeated = _count(element, _COLS_REPEATED)
                    if element.get(_OFFICE_VALUE_TYPE) or len(element):
                        box.add(row, col, rows_here, repeated)
                    col += repeated
                    element.clear()
                elif tag == ROW:
                    row += rows_here
                    element.clear()
                elif tag == TABLE:
                    box = None
                    element.clear()
    except (KeyError, ParseError):
        return {}  # calamine says, in French, that it cannot read it
    return boxes


# What a cell or a row says beyond its value: an error value, a formula, a merge, a
# visibility (whatever the prefix, the quotes or the spaces around `=`).
_MARKERS = re.compile(rb"""value-type\s*=\s*["']error|:formula\s*=|-spanned\s*=|:visibility\s*=""")
_OVERLAP = 64


def _has_extras(archive: zipfile.ZipFile) -> bool:
    """Whether content.xml holds any error cell, formula, merge or hidden row or
    column: a byte search, ten times faster than parsing it."""
    with open_part(archive, "content.xml") as stream:
        carry = b""
        while block := stream.read(1 << 20):
            window = carry + block
            if _MARKERS.search(window):
                return True
            carry = window[-_OVERLAP:]
    return False


def _scan(stream, found: dict[str, OdsExtras]) -> None:
    extras: OdsExtras | None = None
    row = col = column = 0
    rows_here = 1
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == TABLE:
                extras = found.setdefault(element.get(_NAME, ""), OdsExtras())
                row = column = 0
            elif tag == ROW and extras is not None:
                rows_here, col = _count(element, _ROWS_REPEATED), 0
                if element.get(_VISIBILITY) in ("collapse", "filter"):
                    extras.hidden_row_runs.append((row, rows_here))
            elif tag == COLUMN and extras is not None:
                repeated = _count(element, _COLS_REPEATED)
                if element.get(_VISIBILITY) in ("collapse", "filter"):
                    extras.hidden_col_runs.append((column, repeated))
                column += repeated
            continue
        if tag in CELLS and extras is not None:
            repeated = _count(element, _COLS_REPEATED)
            _cell(element, extras, row, col, min(rows_here, _REPEATS_KEPT), min(repeated, _REPEATS_KEPT))
            col += repeated
            element.clear()
        elif tag == ROW and extras is not None:
            row += rows_here
            element.clear()
        elif tag == TABLE:
            extras = None
            element.clear()


def _cell(element, extras: OdsExtras, row: int, col: int, rows: int, cols: int) -> None:
    if element.get(_VALUE_TYPE) == "error":
        if rows * cols > _REPEATS_KEPT or len(extras.errors) > _ERRORS_KEPT:
            # An error repeated over a whole block (a hostile file): nothing is known.
            raise _TooManyErrors
        # The shown text, not the cell's comment (its own `text:p` in an annotation).
        text = "".join(p.text or "" for p in element.findall(_P)).strip() or "#N/A"
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                extras.errors[(r, c)] = ExcelError(text)
    spanned_rows = min(_count(element, _ROWS_SPANNED), MAX_ROWS)
    spanned_cols = min(_count(element, _COLS_SPANNED), MAX_COLS)
    if spanned_rows > 1 or spanned_cols > 1:
        extras.merged.append((row, col, row + spanned_rows - 1, col + spanned_cols - 1))
    formula = element.get(_FORMULA)
    if formula and rows == cols == 1 and _ADDING.search(formula):
        written = excel_writing(formula)
        if written is not None:
            extras.formulas[(row, col)] = written
    if formula:
        summed = _SUM.match(formula.strip())
        if summed and summed.group(1).upper() == summed.group(3).upper():
            first, last = int(summed.group(2)) - 1, int(summed.group(4)) - 1
            record_sum(
                extras.sums, extras.column_sums, (row, col), _column_index(summed.group(1)), first, last
            )
