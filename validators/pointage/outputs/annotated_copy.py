"""The annotated copy: the checked workbook with its marks, written as a new file.

The user's file is never written. openpyxl re-saves what it understands; what it
cannot keep is listed by `losses()` and said to the user before the copy is made.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pointage.base.errors import UnreadableWorkbook
from pointage.base.files import already_exists, write_atomically
from pointage.base.formatting import count, first_of
from pointage.base.own_sheets import (
    CONTROLES_MARK,
    CONTROLES_SHEET,
    COPY_MARK,
    JOURNAL_SHEET,
    OWN_MARKS,
    copy_mark_value,
    free_name,
    looks_like_own_sheet,
    mark_value,
    marked_sheet,
)
from pointage.outputs.column_widths import font
from pointage.outputs.controls_layout import CONTROLES_HEADERS, controls_layout
from pointage.outputs.marks import MarkPlan
from pointage.outputs.palette import HEADER_FILL, LINK_COLOUR
from pointage.reading.zip_parts import holds

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

COPY_SUFFIX = ".pointage"
NOTE_AUTHOR = "Pointage"


class CopyRefused(Exception):
    """The copy cannot be written; the message is French, for the user."""


def copy_path(source: Path, output: Path | None = None) -> Path:
    """`annexe.xlsx` -> `annexe.pointage.xlsx` (`.xlsm` stays `.xlsm`, with its VBA);
    any other workbook (`.xls`, `.ods`, XML 2003) gets an `.xlsx` copy."""
    if output is not None:
        return output
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    return source.with_name(source.stem + COPY_SUFFIX + suffix)


def check_copy_target(source: Path, target: Path, force: bool) -> None:
    if source.suffix.lower() == ".xlam":
        raise CopyRefused("un complément Excel (.xlam) ne peut pas être annoté.")
    if target.resolve() == source.resolve():
        raise CopyRefused("la copie annotée ne peut pas remplacer le classeur vérifié.")
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise CopyRefused(f"la copie doit être un fichier .xlsx ou .xlsm, pas « {target.name} ».")
    if source.suffix.lower() == ".xlsm" and target.suffix.lower() != ".xlsm":
        raise CopyRefused("la copie d'un classeur .xlsm doit garder l'extension .xlsm (macros).")
    refusal = None if force else already_exists(target)
    if refusal:
        raise CopyRefused(f"{refusal[:-1]}, ou choisissez un autre nom avec --sortie.")


# Parts of a workbook that openpyxl drops or alters when it re-saves (checked, see
# ../shared/notes/excel-facts.md), with what the user loses, in French.
_LOST_PARTS = [
    (re.compile(r"^xl/charts/"), "les graphiques"),
    (re.compile(r"^xl/media/"), "les images"),
    (re.compile(r"^xl/pivotTables/|^xl/pivotCache/"), "les tableaux croisés dynamiques"),
    (re.compile(r"^xl/slicers/|^xl/slicerCaches/|^xl/timelines/"), "les segments et chronologies"),
    (re.compile(r"^xl/ctrlProps/|^xl/activeX/"), "les contrôles de formulaire"),
    (re.compile(r"^customUI/"), "le ruban personnalisé"),
    (
        re.compile(r"^xl/comments\d*\.xml$|^xl/comments/"),
        "la mise en forme des commentaires (le texte est gardé)",
    ),
    (re.compile(r"^xl/threadedComments/"), "les commentaires en fil de discussion (convertis en notes)"),
    (re.compile(r"^xl/printerSettings/"), "les réglages d'imprimante"),
    (re.compile(r"^xl/webextensions/"), "les compléments Office intégrés"),
]


UNKNOWN_LOSSES = (
    "peut-être d'autres parties du classeur (leur liste n'a pas pu être établie : "
    "l'archive n'a pas pu être relue en entier)"
)


def losses(source: Path) -> list[str]:
    """What the annotated copy of `source` will not keep, in French."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(source) as archive:
            names = archive.namelist()
            for pattern, what in _LOST_PARTS:
                if any(pattern.search(n) for n in names) and what not in found:
                    found.append(what)
            sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
            if any(holds(archive, n, b"<extLst") for n in sheets):
                found.append(
                    "les extensions des feuilles (graphiques sparkline, certaines mises en "
                    "forme conditionnelles)"
                )
    except Exception:  # BadZipFile, zlib.error, an unsupported compression...
        # Never "nothing is lost" when the parts could not all be looked at.
        found.append(UNKNOWN_LOSSES)
    return found


def write_annotated_copy(source: Path, target: Path, plan: MarkPlan) -> None:
    from openpyxl.workbook.properties import CalcProperties
    from openpyxl.writer.excel import ExcelWriter

    from pointage.outputs.copy_bounds import check_copy_size
    from pointage.outputs.copy_check import CopyUnreadable, changed_cells
    from pointage.outputs.faithful_save import FaithfulArchive
    from pointage.outputs.openpyxl_source import load_for_copy
    from pointage.reading.cached_values import formula_values

    check_copy_size(source)  # before openpyxl loads a cell: its memory follows their count
    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        with warnings.catch_warnings(), source.open("rb") as handle:
            # openpyxl's warnings are English and about its own defaults: not the user's.
            warnings.simplefilter("ignore")
            # A file object: openpyxl refuses a workbook by its name (an .xlsx named .xls).
            workbook = load_for_copy(handle, keep_vba)
        cached = formula_values(source)
    except Exception as exc:
        raise UnreadableWorkbook(COPY_UNREADABLE) from exc
    left_out = set(own_sheet_names(workbook))  # a copy of a copy: Pointage's sheets go
    apply_marks(workbook, plan)
    write_controles(workbook, plan)
    # The copy keeps the formulas and the values they had (put back as each sheet is
    # written: openpyxl drops them); Excel recomputes them all on opening anyway.
    if workbook.calculation is None:  # a workbook without <calcPr> (Apache POI, exporters)
        workbook.calculation = CalcProperties()
    workbook.calculation.fullCalcOnLoad = True
    # openpyxl numbers the sheet parts in workbook order as it writes them.
    by_part = {
        f"xl/worksheets/sheet{index}.xml": cached.get(sheet.title, {})
        for index, sheet in enumerate(workbook.worksheets, start=1)
    }
    buffer = io.BytesIO()
    try:
        ExcelWriter(workbook, FaithfulArchive(buffer, by_part)).save()
    except Exception as exc:
        raise UnreadableWorkbook(COPY_UNWRITABLE) from exc
    # Never hand over a copy that does not open, nor one that says a figure otherwise.
    try:
        changed = changed_cells(source, buffer.getvalue(), left_out)
    except CopyUnreadable as exc:
        raise UnreadableWorkbook(COPY_UNWRITABLE) from exc
    if changed:
        raise CopyRefused(COPY_CHANGES.format(cells=count(len(changed), "cellule"), which=first_of(changed)))
    write_atomically(target, buffer.getvalue())


# Plain words, and the Excel route, which marks the open workbook without re-saving it.
COPY_UNREADABLE = (
    "une partie du classeur n'est pas comprise par l'outil qui écrit la copie (les constats "
    "restent valables). Ouvrez le classeur dans Excel et cliquez sur « Vérifier » "
    "(complément Pointage) : les marques sont posées dans le classeur ouvert."
)
COPY_CHANGES = (
    "la copie ne garderait pas à l'identique {cells} du classeur ({which}) : elle n'est pas "
    "écrite, pour ne changer aucun chiffre. Ouvrez le classeur dans Excel et cliquez sur "
    "« Vérifier » (complément Pointage) : les marques sont posées dans le classeur ouvert."
)
COPY_UNWRITABLE = (
    "une partie du classeur ne peut pas être réenregistrée par l'outil qui écrit la copie "
    "(les constats restent valables). Ouvrez le classeur dans Excel et cliquez "
    "sur « Vérifier » (complément Pointage) : les marques sont posées dans le classeur ouvert."
)


def apply_marks(workbook: Workbook, plan: MarkPlan) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for sheet_name, marks in plan.by_sheet().items():
        if sheet_name not in workbook.sheetnames:
            continue
        sheet = workbook[sheet_name]
        merged = _MergedIndex(sheet)
        for mark in marks:
            cell = merged.writable_cell(mark.cell)
            cell.fill = PatternFill(fill_type="solid", start_color=mark.fill, end_color=mark.fill)
            if mark.note:
                previous = cell.comment.text if cell.comment else ""
                text = f"{previous.rstrip()}\n\n{mark.note}" if previous else mark.note
                comment = Comment(text, NOTE_AUTHOR)
                comment.width, comment.height = 420, 40 + 18 * (text.count("\n") + len(text) // 60)
                cell.comment = comment


class _MergedIndex:
    """The merged ranges of a sheet by bands of rows, built on the first mark of the
    sheet: a mark then looks at the ranges of its band only, however many the sheet
    holds (a range taller than a few bands is looked at by every mark)."""

    BAND = 64
    MAX_BANDS = 16

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.bands: dict[int, list[tuple[int, int, int, int]]] | None = None
        self.tall: list[tuple[int, int, int, int]] = []

    def writable_cell(self, coordinate: str) -> Cell:
        """The cell itself, or the top-left cell of the merged range that covers it
        (Excel keeps a merged range's value, fill and note there)."""
        from openpyxl.utils.cell import coordinate_to_tuple

        row, col = coordinate_to_tuple(coordinate)
        bands = self.bands if self.bands is not None else self._index()
        for r1, c1, r2, c2 in (*bands.get(row // self.BAND, ()), *self.tall):
            if r1 <= row <= r2 and c1 <= col <= c2:
                return self.sheet.cell(row=r1, column=c1)
        return self.sheet.cell(row=row, column=col)

    def _index(self) -> dict[int, list[tuple[int, int, int, int]]]:
        bands: dict[int, list[tuple[int, int, int, int]]] = {}
        self.bands = bands
        for merged in self.sheet.merged_cells.ranges:
            bounds = (merged.min_row, merged.min_col, merged.max_row, merged.max_col)
            first, last = merged.min_row // self.BAND, merged.max_row // self.BAND
            if last - first >= self.MAX_BANDS:
                self.tall.append(bounds)
                continue
            for band in range(first, last + 1):
                bands.setdefault(band, []).append(bounds)
        return bands


def own_sheet_names(workbook: Workbook) -> list[str]:
    """The sheets of an openpyxl workbook that Pointage wrote: marked by its defined
    names, or (written before the marks) holding its title and headers."""
    found: list[str] = []
    for mark in OWN_MARKS:
        defined = workbook.defined_names.get(mark)
        sheet = marked_sheet(defined.attr_text) if defined is not None else None
        if sheet is not None and sheet in workbook.sheetnames and sheet not in found:
            found.append(sheet)
    for sheet in workbook.worksheets:
        if sheet.title in found or sheet.title not in (CONTROLES_SHEET, JOURNAL_SHEET):
            continue
        first_rows = [list(r) for r in sheet.iter_rows(max_row=12, max_col=7, values_only=True)]
        if looks_like_own_sheet(first_rows):
            found.append(sheet.title)
    return found


def write_controles(workbook: Workbook, plan: MarkPlan) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.hyperlink import Hyperlink

    for name in own_sheet_names(workbook):  # a copy of a copy: Pointage's sheets go
        del workbook[name]
    title = free_name(CONTROLES_SHEET, workbook.sheetnames)  # a user's `Contrôles` stays
    sheet = workbook.create_sheet(title, 0)
    workbook.defined_names[CONTROLES_MARK] = DefinedName(
        CONTROLES_MARK, attr_text=mark_value(title), hidden=True
    )
    # The whole file is Pointage's copy: a folder checked again lists it, never checks it.
    workbook.defined_names[COPY_MARK] = DefinedName(
        COPY_MARK, attr_text=copy_mark_value(plan.file_name), hidden=True
    )
    layout = controls_layout(plan)
    for r, values in enumerate(layout.rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text, never a formula (a label may start with =)
    sheet["A1"].font = font(bold=True, size=14)
    for r in layout.summary:
        sheet.cell(row=r + 1, column=1).font = font(bold=True)
        sheet.cell(row=r + 1, column=2).alignment = Alignment(horizontal="left")
    sheet.cell(row=layout.section_row + 1, column=1).font = font(bold=True, size=12)
    header_fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for header, columns in layout.headers:
        for c in range(1, columns + 1):
            cell = sheet.cell(row=header + 1, column=c)
            cell.font, cell.fill = font(bold=True), header_fill
    width = len(CONTROLES_HEADERS)
    sheet.freeze_panes = sheet.cell(row=layout.first_finding + 1, column=1)
    wrapped = Alignment(vertical="top", wrap_text=True)
    for r in layout.lists:
        for c in range(1, width + 1):
            sheet.cell(row=r + 1, column=c).alignment = wrapped
    for r, height in layout.heights.items():
        sheet.row_dimensions[r + 1].height = height
    for (r, c), code in layout.formats.items():
        sheet.cell(row=r + 1, column=c + 1).number_format = code
    for link in layout.links:
        cell = sheet.cell(row=link.row + 1, column=link.column + 1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=link.target, display=link.text)
        cell.font = font(color=LINK_COLOUR, underline="single")
    for (r, c), colour in layout.fills.items():
        sheet.cell(row=r + 1, column=c + 1).fill = PatternFill(
            fill_type="solid", start_color=colour, end_color=colour
        )
    for c, column_width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column_width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Only the Contrôles tab is selected: several selected tabs would open grouped.
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = False
    sheet.sheet_view.tabSelected = True
    workbook.active = 0
