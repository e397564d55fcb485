"""Snapshot of a live book, through the xlwings Book API (desktop or remote engine).

Each sheet's values come from ONE block read of its used range. Merged areas and
hidden rows/columns are asked where the engine answers them (desktop Excel); the
remote engine does not, and then they are unknown (F005/F006 stay silent).
Formulas without a cached value cannot be seen in a live book: Excel has computed
every formula it shows, so F003 only concerns files (docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import json

from pointage.addin.sheets import own_sheet_names
from pointage.reading.snapshot import EXCEL_ERRORS, ExcelError, ListObject, SheetSnapshot, WorkbookSnapshot


def read_book(book) -> WorkbookSnapshot:
    own = own_sheet_names(book)
    sheets = [read_sheet(sheet) for sheet in book.sheets if sheet.name not in own]
    return WorkbookSnapshot(name=book.name, sheets=sheets, own_sheets=own)


def read_sheet(sheet) -> SheetSnapshot:
    used = sheet.used_range
    # The one read of the sheet's cells; error cells come as their text (`#REF!`), not
    # as None, and become ExcelError values: never empty, never 0.
    values = used.options(ndim=2, err_to_str=True).value
    return SheetSnapshot(
        name=sheet.name,
        # A row without an error value (nearly all) is kept as xlwings made it.
        values=[row if EXCEL_ERRORS.isdisjoint(row) else _with_errors(row) for row in values],
        origin_row=used.row - 1,
        origin_col=used.column - 1,
        merged=_merged_areas(used),
        hidden_rows=_hidden(used.rows, used.row - 1),
        hidden_cols=_hidden(used.columns, used.column - 1),
        list_objects=_list_objects(sheet),
    )


def _with_errors(row: list[object]) -> list[object]:
    return [ExcelError(v) if v.__class__ is str and v in EXCEL_ERRORS else v for v in row]


def _merged_areas(used) -> list[tuple[int, int, int, int]]:
    """(first_row, first_col, last_row, last_col), 0-based; rows are only scanned
    when Excel says the used range holds merged cells."""
    try:
        state = used.merge_cells
    except NotImplementedError:
        return []
    if state is False:
        return []
    areas: list[tuple[int, int, int, int]] = []
    covered: set[tuple[int, int]] = set()
    for line in used.rows:
        if line.merge_cells is False:
            continue
        for cell in line:
            if (cell.row, cell.column) in covered:
                continue
            area = cell.merge_area
            rows, cols = area.shape
            if rows * cols > 1:
                first_row, first_col = area.row - 1, area.column - 1
                areas.append((first_row, first_col, first_row + rows - 1, first_col + cols - 1))
                covered.update((area.row + r, area.column + c) for r in range(rows) for c in range(cols))
    return areas


def _hidden(lines, first: int) -> set[int]:
    """0-based indexes of the hidden rows (or columns) among `lines`."""
    try:
        state = lines.hidden
    except NotImplementedError:
        return set()
    if state is False:
        return set()
    if state is True:
        return set(range(first, first + len(lines)))
    return {first + i for i, line in enumerate(lines) if line.hidden}


def _list_objects(sheet) -> list[ListObject]:
    found = []
    for table in sheet.tables:
        area = table.range
        rows, cols = area.shape
        found.append(
            ListObject(table.name, area.row - 1, area.column - 1, area.row + rows - 2, area.column + cols - 2)
        )
    return found


def fingerprint(snapshot: WorkbookSnapshot) -> str:
    """SHA-256 of the values read: a live book has no file bytes to hash (it may
    hold unsaved changes), so the Contrôles sheet shows the hash of what was checked."""
    digest = hashlib.sha256()
    for sheet in snapshot.sheets:
        block = [sheet.name, sheet.origin_row, sheet.origin_col, sheet.values]
        digest.update(json.dumps(block, default=repr, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
