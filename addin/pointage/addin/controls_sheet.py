"""The `Contrôles` sheet of a live book: the same layout as the annotated copy
(pointage.outputs.annotated_copy), written in a handful of batched actions."""

from __future__ import annotations

from pointage.addin.sheets import as_text, delete_sheet
from pointage.base.addresses import a1
from pointage.base.own_sheets import CONTROLES_SHEET
from pointage.outputs.marks import CONTROLES_HEADERS, MarkPlan
from pointage.outputs.palette import HEADER_FILL, SEVERITY_FILLS

MESSAGE_WIDTH_CHARS = 90
# Column widths: desktop Excel counts characters, the remote engine points
# (xlwings passes the number through); 5.25 pt is one character of Calibri 11.
POINTS_PER_CHAR = 5.25


def controls_rows(plan: MarkPlan) -> tuple[list[list[object]], int]:
    """The sheet's values from A1, and the 0-based row of the column headers."""
    width = len(CONTROLES_HEADERS)
    rows: list[list[object]] = [["Contrôles Pointage"] + [None] * (width - 1), [None] * width]
    for key, value in plan.summary_lines():
        rows.append([key, value] + [None] * (width - 2))
    rows.append([None] * width)
    header = len(rows)
    rows.append(list(CONTROLES_HEADERS))
    for control in plan.controls:
        rows.append(
            [
                control.code,
                control.severity,
                control.sheet,
                control.cell,
                control.message,
                control.expected,
                control.found,
            ]
        )
    return [[as_text(v) if v != "" else None for v in row] for row in rows], header


def write_controls(book, plan: MarkPlan) -> None:
    delete_sheet(book, CONTROLES_SHEET)
    sheet = book.sheets.add(CONTROLES_SHEET, before=book.sheets[0])
    rows, header = controls_rows(plan)
    width = len(CONTROLES_HEADERS)
    sheet.range("A1").value = rows
    last = len(rows) - 1
    # Header fill and the severity column, in one action.
    colors: list[list[object]] = [["#" + HEADER_FILL] * width]
    for control in plan.controls:
        fill = SEVERITY_FILLS.get(control.severity)
        colors.append([..., "#" + fill if fill else ...] + [...] * (width - 2))
    sheet.range(f"{a1(header, 0)}:{a1(last, width - 1)}").set_colors(colors)
    sheet.range(f"{a1(header, 0)}:{a1(header, width - 1)}").font.bold = True
    messages = sheet.range(f"{a1(header, 4)}:{a1(last, 4)}")
    remote = book.app.engine.name == "remote"
    messages.column_width = MESSAGE_WIDTH_CHARS * POINTS_PER_CHAR if remote else MESSAGE_WIDTH_CHARS
    messages.wrap_text = True
    for offset, control in enumerate(plan.controls, start=header + 1):
        if control.target:
            sheet.range(a1(offset, 3)).add_hyperlink("#" + control.target, control.cell, control.target)
