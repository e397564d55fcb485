"""Snapshot of a `.xls`, `.xlsb` or `.ods` workbook, its values read by python-calamine.

An `.ods` gets the rest from its content.xml (`ods_extras.py`). `.xls` and `.xlsb` have
no such pass here: what calamine does not tell (hidden rows and columns, error cells,
formulas without a value, the rows a SUM adds; merged cells and Excel Tables in some
of them) is unknown, and said once as a reading gap, so that the officer knows what
was not checked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

import python_calamine

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.calamine_source import calamine_reason, is_calamine_failure, open_calamine
from pointage.reading.cell_limits import refuse_spread
from pointage.reading.formats import FORMAT_NAMES, ODS, XLS, XLSB
from pointage.reading.ods_extras import OdsExtras, scan_ods
from pointage.reading.ods_extras import cell_boxes as ods_cell_boxes
from pointage.reading.snapshot import ReadingGap, SheetSnapshot, WorkbookSnapshot
from pointage.reading.xls_extras import XlsExtras, cell_boxes, scan_xls
from pointage.reading.xlsb_extent import cell_boxes as xlsb_cell_boxes
from pointage.reading.xlsx import with_errors
from pointage.reading.zip_parts import check_inflation

# What each format is read without (calamine reads the merged cells of `.xls` only).
_NOT_READ = {
    XLS: "les lignes et colonnes masquées, les cellules en erreur et les formules des totaux",  # not BIFF8
    XLSB: "les cellules fusionnées, les lignes et colonnes masquées, les cellules en erreur, "
    "les formules des totaux et les tableaux Excel",
    # When its content.xml cannot be parsed (calamine may still read the values).
    ODS: "les cellules fusionnées, les lignes et colonnes masquées, les cellules en erreur et "
    "les formules des totaux",
}


def format_gap(kind: str) -> ReadingGap:
    return ReadingGap(
        f"classeur au format {FORMAT_NAMES[kind]}, lu sans {_NOT_READ[kind]} (les totaux "
        "sont reconnus par leur libellé et leurs montants) ; enregistré au format .xlsx, "
        "il serait vérifié en entier"
    )


def read_other(path: Path, kind: str) -> WorkbookSnapshot:
    # What the file says beyond its values (None: not known, the format's E001 says so).
    extras: Mapping[str, OdsExtras | XlsExtras] | None = None
    if kind in (ODS, XLSB):  # zip archives: bombs and oversized sheets refused first
        try:
            with zipfile.ZipFile(path) as archive:
                check_inflation(archive)
                # calamine makes each sheet's dense block from its own records.
                refuse_spread(ods_cell_boxes(archive) if kind == ODS else xlsb_cell_boxes(archive))
                if kind == ODS:
                    extras = scan_ods(archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise UnreadableWorkbook("le fichier est endommagé (archive tronquée ou corrompue).") from exc
    elif kind == XLS:
        extras = scan_xls(path)
        boxes = cell_boxes(path)
        if boxes is not None:  # calamine makes every sheet's dense block when it opens
            refuse_spread(boxes)
    workbook = open_calamine(path, kind)
    try:  # calamine's own work only: an error of ours is never « endommagé »
        names = [m.name for m in workbook.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        read = [_calamine_sheet(workbook.get_sheet_by_name(name)) for name in names]
    except BaseException as exc:
        if not is_calamine_failure(exc):
            raise
        raise UnreadableWorkbook(calamine_reason(exc, kind)) from exc
    finally:
        workbook.close()
    sheets = []
    for name, (values, start, merged) in zip(names, read):
        said = (extras or {}).get(name)
        if said is not None and not _agrees(values, start, said):
            # What the records say is not what calamine read (another stream, a
            # damaged part): none of it is used, and the E001 says what is not read.
            said, extras = None, None
        sheets.append(_snapshot(name, values, start, merged, said))
    if not sheets:
        raise UnreadableWorkbook("le classeur ne contient aucune feuille de calcul.")
    # An .ods (its content.xml) and a BIFF8 .xls (its records) say all the rest.
    gaps = [] if extras is not None else [format_gap(kind)]
    return WorkbookSnapshot(name=path.name, sheets=sheets, gaps=gaps)


def _agrees(values: list, start: tuple[int, int], extras: OdsExtras | XlsExtras) -> bool:
    """Whether what the file says fits what calamine read: an error cell is one that
    calamine gives as empty, a SUM total one it gives as a number (or an error)."""

    def at(row: int, col: int) -> object:
        r, c = row - start[0], col - start[1]
        if 0 <= r < len(values) and 0 <= c < len(values[r]):
            return values[r][c]
        return ""

    def number(value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    return all(at(r, c) == "" for r, c in extras.errors) and all(
        number(at(r, c)) or (r, c) in extras.errors for r, c in extras.sums
    )


def _calamine_sheet(sheet: python_calamine.CalamineSheet) -> tuple[list, tuple[int, int], list]:
    """What calamine reads of a sheet: its values, their origin, its merged cells."""
    values = sheet.to_python(skip_empty_area=True)
    merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
    return values, sheet.start or (0, 0), merged


def _snapshot(
    name: str,
    values: list,
    start: tuple[int, int],
    merged: list[tuple[int, int, int, int]],
    extras: OdsExtras | XlsExtras | None,
) -> SheetSnapshot:
    """`extras`: what the file says of the sheet beyond its values (None: nothing, or
    nothing is known of it)."""
    if not values or all(cell == "" for row in values for cell in row):
        values, start = [], (0, 0)
    # calamine gives error cells as empty ones: when the file was not read, none is seen
    # (the format's E001 says so); when it was and says nothing of this sheet, it has none.
    extras = extras or XlsExtras()
    if extras.errors:
        values, start = with_errors(values, start, extras.errors)
    hidden_rows, hidden_cols = extras.hidden(
        start[0] + len(values), start[1] + max(map(len, values), default=0)
    )
    return SheetSnapshot(
        name=name,
        values=values,
        origin_row=start[0],
        origin_col=start[1],
        sums=extras.sums,
        column_sums=extras.column_sums,
        merged=merged or _within_grid(extras.merged, start, values),
        hidden_rows=hidden_rows,
        hidden_cols=hidden_cols,
        error_cells=frozenset(extras.errors),
        formulas=extras.formulas,
    )


def _within_grid(merged: list[tuple[int, int, int, int]], start: tuple[int, int], values: list) -> list:
    """Merged ranges cut to the cells the sheet holds: a span written as two billion
    rows (a hostile file) covers no more than the sheet's last row."""
    last_row, last_col = start[0] + len(values) - 1, start[1] + max(map(len, values), default=0) - 1
    return [
        (r1, c1, min(r2, last_row), min(c2, last_col))
        for r1, c1, r2, c2 in merged
        if r1 <= last_row and c1 <= last_col and (min(r2, last_row), min(c2, last_col)) != (r1, c1)
    ]
