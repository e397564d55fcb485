"""The Contrôles sheet laid out as plain data: what each cell holds and how it shows.

The annotated copy (openpyxl) and the add-in (xlwings, live book) both apply this
layout; neither lays the sheet out itself. From the top: the title, the summary lines,
the findings (amounts as numbers with French formats), then the tables read, as the
report says them (the same `tables` as the JSON output), even when nothing was found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pointage.base.addresses import sheet_reference
from pointage.base.own_sheets import CONTROLES_TITLE
from pointage.outputs.column_widths import PADDING, WIDEST_CHARACTER, column_width, text_width
from pointage.outputs.marks import Figure, MarkPlan, exponent_of, signed_format
from pointage.outputs.palette import HEADER_FILL, SEVERITY_FILLS
from pointage.outputs.text_report import table_details
from pointage.report.model import TableInfo

CONTROLES_HEADERS = ("Code", "Sévérité", "Feuille", "Cellule", "Message", "Attendu", "Trouvé", "Écart")
SEVERITY_COLUMN, CELL_COLUMN, MESSAGE_COLUMN = 1, 3, 4  # 0-based, in CONTROLES_HEADERS
EXPECTED_COLUMN, FOUND_COLUMN, DIFFERENCE_COLUMN = 5, 6, 7
FIGURE_COLUMNS = (EXPECTED_COLUMN, FOUND_COLUMN, DIFFERENCE_COLUMN)
TABLES_TITLE = "Tableaux lus"
# Under the same columns as the findings: the sheet under « Feuille », the range
# (linked to the table) under « Cellule », the details under « Message ».
TABLES_HEADERS = ("Tableau", "État", "Feuille", "Plage", "Ce qui est vérifié, et ce qui ne l'est pas")
# The room each column needs at least, in characters; a column is widened to show its
# headers and its short values whole (up to MAX_WIDTH). Messages wrap at MESSAGE_WIDTH.
MIN_WIDTHS = (10, 12, 12, 8, 90, 14, 14, 14)
MESSAGE_WIDTH = MIN_WIDTHS[MESSAGE_COLUMN]
MAX_WIDTH = 36
LINE_HEIGHT = 15  # points, one line of Calibri 11

NO_FINDING = "Aucun constat."
NO_TABLE = "Aucun tableau reconnu : rien n'a été vérifié."
# The sheets that are read, not checked as tables (classeur.md, section 4).
SETTINGS = {
    "bareme": ("Barème", "coûts par unité, pour recalculer les montants"),
    "parametres": ("Paramètres", "durée par défaut et tolérance, pour les contrôles"),
}
CHECKED, NOTHING_TO_RECOMPUTE, NOT_UNDERSTOOD, READ = "vérifié", "rien à recalculer", "non compris", "lu"


@dataclass(frozen=True)
class Link:
    row: int  # 0-based, as every row and column of the layout
    column: int
    target: str  # `'Annexe 1'!E7`, `'Annexe 1'!A3:F47`
    text: str


@dataclass
class ControlsLayout:
    rows: list[list[object]]  # the values from A1, None for an empty cell
    widths: tuple[float, ...]  # characters, column by column
    summary: range  # the key/value lines: the key bold, the value left-aligned
    # The rows of column headers (the findings', the tables'), and how many columns each
    # spans: bold, on HEADER_FILL.
    headers: tuple[tuple[int, int], tuple[int, int]]
    section_row: int  # « Tableaux lus », bold
    links: list[Link]
    formats: dict[tuple[int, int], str]  # Excel number formats of the figures
    fills: dict[tuple[int, int], str]  # the severity of each finding, RGB
    heights: dict[int, float]  # points, each row of the lists (their text wraps)

    @property
    def first_finding(self) -> int:
        """The row under the findings' headers (the panes freeze above it)."""
        return self.headers[0][0] + 1

    @property
    def cell_fills(self) -> dict[tuple[int, int], str]:
        """Every fill of the sheet, RGB: the column headers', then each finding's
        severity (what a painter of the sheet applies)."""
        fills = {(header, c): HEADER_FILL for header, columns in self.headers for c in range(columns)}
        fills.update(self.fills)
        return fills

    @property
    def lists(self) -> range:
        """The rows of the two lists, headers included: their text wraps."""
        return range(self.headers[0][0], len(self.rows))


def controls_layout(plan: MarkPlan) -> ControlsLayout:
    width = len(CONTROLES_HEADERS)
    rows: list[list[object]] = [[CONTROLES_TITLE], []]
    for key, value in plan.summary_lines():
        rows.append([key, value])
    summary = range(2, len(rows))
    rows.append([])
    header = len(rows)
    rows.append(list(CONTROLES_HEADERS))
    links: list[Link] = []
    formats: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}
    figures: dict[int, list[Figure]] = {column: [] for column in FIGURE_COLUMNS}
    for control in plan.controls:
        row = len(rows)
        these = (control.expected, control.found, control.difference)
        rows.append(
            [control.code, control.severity, control.sheet, control.cell, control.message]
            + [figure.cell_value if figure else None for figure in these]
        )
        for column, figure in zip(FIGURE_COLUMNS, these):
            if figure is not None:
                signed = column == DIFFERENCE_COLUMN
                formats[(row, column)] = (
                    signed_format(figure.number_format) if signed else figure.number_format
                )
                figures[column].append(figure)
        if control.target:
            links.append(Link(row, CELL_COLUMN, control.target, control.cell))
        if fill := SEVERITY_FILLS.get(control.severity):
            fills[(row, SEVERITY_COLUMN)] = fill
    if not plan.controls:
        rows.append([None] * MESSAGE_COLUMN + [NO_FINDING])
    rows.append([])
    section = len(rows)
    rows.append([TABLES_TITLE])
    tables_header = len(rows)
    rows.append(list(TABLES_HEADERS))
    for table in plan.tables:
        row = len(rows)
        title, details = _said(table)
        rows.append([title, _state(table), table.sheet, table.range, details])
        links.append(Link(row, CELL_COLUMN, sheet_reference(table.sheet, table.range, True), table.range))
    if not plan.tables:
        rows.append([None] * MESSAGE_COLUMN + [NO_TABLE])
    rows = [[None if v == "" else v for v in row] + [None] * (width - len(row)) for row in rows]
    widths = _column_widths(rows, summary, tables_header, figures)
    return ControlsLayout(
        rows=rows,
        widths=widths,
        summary=summary,
        headers=((header, len(CONTROLES_HEADERS)), (tables_header, len(TABLES_HEADERS))),
        section_row=section,
        links=links,
        formats=formats,
        fills=fills,
        heights=_heights(rows, header + 1, widths),
    )


def _column_widths(
    rows: list[list[object]], summary: range, tables_header: int, figures: dict[int, list[Figure]]
) -> tuple[float, ...]:
    """Each column as wide as its widest short text or figure (the figures as Excel
    shows them, the differences signed), within its bounds; the messages' column at
    its set width, since they wrap."""
    shown = _short_texts(rows, summary, tables_header)
    for column, of_column in figures.items():
        signed = column == DIFFERENCE_COLUMN
        shown[column].update(_signed(f) if signed else str(f) for f in _widest(of_column))
    return tuple(
        MESSAGE_WIDTH
        if column == MESSAGE_COLUMN
        else min(MAX_WIDTH, max(MIN_WIDTHS[column], column_width(*shown[column])))
        for column in range(len(rows[0]))
    )


def _short_texts(rows: list[list[object]], summary: range, tables_header: int) -> dict[int, set[str]]:
    """The distinct texts each column is sized by: not the messages (they wrap), not
    the tables' titles (column A wraps them), not the summary's values (the file name
    and the hash run over the empty cells to their right)."""
    shown: dict[int, set[str]] = {column: set() for column in range(len(rows[0]))}
    for index, row in enumerate(rows[summary.start :], start=summary.start):
        for column, value in enumerate(row):
            if value.__class__ is not str or column == MESSAGE_COLUMN:
                continue
            if (column == 0 and index > tables_header) or (index in summary and column > 0):
                continue
            shown[column].add(value)
    return shown


def _widest(figures: list[Figure]) -> list[Figure]:
    """The figures that can show widest, the only ones a width needs to measure: the
    largest of each kind (sign, money or not, decimals). Formatting 10 000 amounts
    only to measure them took a second."""
    best: dict[tuple[bool, bool, int], Figure] = {}
    for figure in figures:
        key = (figure.value < 0, figure.money, exponent_of(figure.value))
        kept = best.get(key)
        if kept is None or abs(figure.value) > abs(kept.value):
            best[key] = figure
    return list(best.values())


def _heights(rows: list[list[object]], first: int, widths: tuple[float, ...]) -> dict[int, float]:
    """The height of each row from `first`: as many lines as its tallest wrapped text
    (each distinct text measured once: codes, sheets and severities repeat)."""
    lines_of: dict[tuple[int, str], int] = {}
    heights: dict[int, float] = {}
    for index in range(first, len(rows)):
        lines = 1
        for column, value in enumerate(rows[index]):
            if value.__class__ is str:
                key = (column, value)
                count = lines_of.get(key)
                if count is None:
                    count = lines_of[key] = _lines(value, widths[column])
                lines = max(lines, count)
        heights[index] = LINE_HEIGHT * lines
    return heights


def _signed(figure: Figure) -> str:
    return ("+" if figure.value > 0 else "") + str(figure)


def _said(table: TableInfo) -> tuple[str, str | None]:
    """The table's title and what is said of it, one item a line."""
    if not table.title:  # Barème, Paramètres: read for the checks of the tables
        title, use = SETTINGS.get(table.kind, (table.kind, ""))
        return title, use or None
    # A table not understood has nothing checked: its total rows are not said, its
    # notes say why.
    said = table_details(table) if table.understood else list(table.notes)
    return table.title, "\n".join(said) or None


def _state(table: TableInfo) -> str:
    if not table.title:
        return READ
    if not table.understood:
        return NOT_UNDERSTOOD
    if not table.checked:
        return NOTHING_TO_RECOMPUTE
    return CHECKED


def _lines(value: str, width: float) -> int:
    """How many lines a wrapped text takes in a column of `width` characters."""
    room = max(1.0, width - PADDING)
    if len(value) * WIDEST_CHARACTER <= room:
        return 1  # a code, a cell, a sheet: one line whatever its letters
    return sum(max(1, math.ceil(text_width(line) / room)) for line in value.split("\n"))
