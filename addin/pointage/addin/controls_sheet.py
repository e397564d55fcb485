"""The `Contrôles` sheet of a live book: the same layout as the annotated copy
(pointage.outputs.annotated_copy), written in a handful of batched actions.

The « Cellule » column links each finding to its cell with a HYPERLINK formula written
in the same block as the other values: xlwings' `add_hyperlink` sets one link per call,
hence one action per finding on the remote engine. A string starting with `=` written
as a value is a formula in Excel (Office.js `range.values`, COM `Range.Value`), read in
its English syntax; every other text goes through `as_text` so that it stays text."""

from __future__ import annotations

from pointage.addin.painting import paint
from pointage.addin.sheets import add_own_sheet, as_text, delete_own_sheet
from pointage.base.addresses import a1
from pointage.base.own_sheets import CONTROLES_MARK, CONTROLES_SHEET
from pointage.outputs.marks import (
    CELL_COLUMN,
    CONTROLES_HEADERS,
    CONTROLES_WIDTHS,
    MESSAGE_COLUMN,
    SEVERITY_COLUMN,
    MarkPlan,
    controls_rows,
)
from pointage.outputs.palette import HEADER_FILL, SEVERITY_FILLS

# Column widths: desktop Excel counts characters, the remote engine points
# (xlwings passes the number through); 5.25 pt is one character of Calibri 11.
POINTS_PER_CHAR = 5.25


def write_controls(book, plan: MarkPlan) -> str:
    """Writes the sheet (under another name when a user's sheet is called `Contrôles`);
    its name."""
    delete_own_sheet(book, CONTROLES_MARK, CONTROLES_SHEET)
    sheet = add_own_sheet(book, CONTROLES_MARK, CONTROLES_SHEET, first=True)
    rows, header = controls_rows(plan)
    width = len(CONTROLES_HEADERS)
    values = [[as_text(v) for v in row] for row in rows]
    for row, control in enumerate(plan.controls, start=header + 1):
        if control.target:
            values[row][CELL_COLUMN] = hyperlink_formula("#" + control.target, control.cell)
    sheet.range("A1").value = values
    last = len(rows) - 1
    # Header fill and the severity column: one action up to MAX_CELLS cells.
    colors: dict[tuple[int, int], str | None] = {(header, c): "#" + HEADER_FILL for c in range(width)}
    for row, control in enumerate(plan.controls, start=header + 1):
        fill = SEVERITY_FILLS.get(control.severity)
        if fill:
            colors[(row, SEVERITY_COLUMN)] = "#" + fill
    paint(sheet, colors)
    sheet.range(f"{a1(header, 0)}:{a1(header, width - 1)}").font.bold = True
    messages = sheet.range(f"{a1(header, MESSAGE_COLUMN)}:{a1(last, MESSAGE_COLUMN)}")
    remote = book.app.engine.name == "remote"
    chars = CONTROLES_WIDTHS[MESSAGE_COLUMN]
    messages.column_width = chars * POINTS_PER_CHAR if remote else chars
    messages.wrap_text = True
    return sheet.name


def _quoted(text: str) -> str:
    """A string literal of an Excel formula: a double quote inside is doubled."""
    return '"' + text.replace('"', '""') + '"'


def hyperlink_formula(address: str, text: str) -> str:
    """`=HYPERLINK("#'Annexe 1'!E7","E7")`: a link to `address` (`#` then a sheet name
    already quoted as ControlRow.target quotes it) showing `text`."""
    return f"=HYPERLINK({_quoted(address)},{_quoted(text)})"
