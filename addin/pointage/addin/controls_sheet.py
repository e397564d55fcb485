"""The `Contrôles` sheet of a live book: the layout of the annotated copy
(pointage.outputs.controls_layout), written in a handful of batched actions.

The « Cellule » column links each finding to its cell (and each table read to its
range) with a HYPERLINK formula written in the same block as the other values:
xlwings' `add_hyperlink` sets one link per call, hence one action per finding on the
remote engine. A string starting with `=` written as a value is a formula in Excel
(Office.js `range.values`, COM `Range.Value`), read in its English syntax; every other
text goes through `as_text` so that it stays text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pointage.addin.painting import paint, uniform_rectangles
from pointage.addin.sheets import add_own_sheet, as_text, delete_own_sheet
from pointage.base.addresses import range_a1
from pointage.base.own_sheets import CONTROLES_MARK, CONTROLES_SHEET
from pointage.outputs.controls_layout import CONTROLES_HEADERS, controls_layout
from pointage.outputs.marks import MarkPlan

if TYPE_CHECKING:
    from xlwings import Book

# Column widths: desktop Excel counts characters, the remote engine points
# (xlwings passes the number through); 5.25 pt is one character of Calibri 11.
POINTS_PER_CHAR = 5.25


def write_controls(book: Book, plan: MarkPlan) -> str:
    """Writes the sheet (under another name when a user's sheet is called `Contrôles`);
    its name. Row heights are left to Excel, which fits them to the wrapped text."""
    delete_own_sheet(book, CONTROLES_MARK, CONTROLES_SHEET)
    sheet = add_own_sheet(book, CONTROLES_MARK, CONTROLES_SHEET, first=True)
    layout = controls_layout(plan)
    width = len(CONTROLES_HEADERS)
    values = [[as_text(v) for v in row] for row in layout.rows]
    for link in layout.links:
        values[link.row][link.column] = hyperlink_formula("#" + link.target, link.text)
    sheet.range("A1").value = values
    last = len(layout.rows) - 1
    # Header fills and the severity column: one action up to MAX_CELLS cells.
    colors: dict[tuple[int, int], str | None] = {cell: "#" + fill for cell, fill in layout.cell_fills.items()}
    paint(sheet, colors)
    for header, columns in layout.headers:
        sheet.range(range_a1(header, 0, header, columns - 1)).font.bold = True
    for first_row, first_col, last_row, last_col, code in uniform_rectangles(layout.formats):
        sheet.range(range_a1(first_row, first_col, last_row, last_col)).number_format = code
    remote = book.app.engine.name == "remote"
    widths = {(0, c): w for c, w in enumerate(layout.widths)}
    header = layout.first_finding - 1
    for _, first_col, _, last_col, chars in uniform_rectangles(widths):
        whole = sheet.range(range_a1(header, first_col, header, last_col))  # whole columns
        whole.column_width = chars * POINTS_PER_CHAR if remote else chars
    sheet.range(range_a1(header, 0, last, width - 1)).wrap_text = True
    return sheet.name


def _quoted(text: str) -> str:
    """A string literal of an Excel formula: a double quote inside is doubled."""
    return '"' + text.replace('"', '""') + '"'


def hyperlink_formula(address: str, text: str) -> str:
    """`=HYPERLINK("#'Annexe 1'!E7","E7")`: a link to `address` (`#` then a sheet name
    already quoted as ControlRow.target quotes it) showing `text`."""
    return f"=HYPERLINK({_quoted(address)},{_quoted(text)})"
