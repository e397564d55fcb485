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
from typing import TYPE_CHECKING

from pointage.addin.sheets import own_sheet_names
from pointage.reading.snapshot import EXCEL_ERRORS, ExcelError, ListObject, SheetSnapshot, WorkbookSnapshot

if TYPE_CHECKING:
    from xlwings import Book, Range, Sheet


def read_book(book: Book) -> WorkbookSnapshot:
    own = own_sheet_names(book)
    sheets = [read_sheet(sheet) for sheet in book.sheets if sheet.name not in own]
    return WorkbookSnapshot(name=book.name, sheets=sheets, own_sheets=own)


def read_sheet(sheet: Sheet) -> SheetSnapshot:
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
        merged=_merged_areas(sheet, used),
        hidden_rows=_hidden(used, "rows"),
        hidden_cols=_hidden(used, "columns"),
        list_objects=_list_objects(sheet),
    )


def _with_errors(row: list[object]) -> list[object]:
    return [ExcelError(v) if v.__class__ is str and v in EXCEL_ERRORS else v for v in row]


def _merged_areas(sheet: Sheet, used: Range) -> list[tuple[int, int, int, int]]:
    """(first_row, first_col, last_row, last_col), 0-based, in reading order. Excel
    answers for a whole block whether its cells are merged (True), not (False) or some
    of them (None): the used range is cut into columns, then each column halved, until
    the blocks answer False or are one cell, whose merged area is then asked; the rows
    of a block already inside areas found are not asked again. About 2 × log2(rows)
    calls per merged area and column it spans, instead of one per row of the sheet and
    one per cell of a row that holds a merge (10 000 and more for a title merged above
    10 000 rows)."""
    try:
        # True, False, or None for some cells merged: the blocks below hold `...` for « ask ».
        state: object = used.merge_cells
    except NotImplementedError:
        return []
    if state is False:
        return []
    rows, cols = used.shape
    owners: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # 1-based cell -> its area
    blocks: list[tuple[int, int, int, int, object]] = [
        (used.row, used.column, used.row + rows - 1, used.column + cols - 1, state)
    ]
    while blocks:
        first_row, first_col, last_row, last_col, state = blocks.pop()
        while first_row <= last_row and all((first_row, c) in owners for c in range(first_col, last_col + 1)):
            first_row, state = first_row + 1, ...
        while last_row >= first_row and all((last_row, c) in owners for c in range(first_col, last_col + 1)):
            last_row, state = last_row - 1, ...
        if first_row > last_row:
            continue  # inside areas already found
        if state is ...:
            state = sheet.range((first_row, first_col), (last_row, last_col)).merge_cells
        if state is False:
            continue
        if (first_row, first_col) == (last_row, last_col):
            area = sheet.range((first_row, first_col)).merge_area
            height, width = area.shape
            top, left = area.row, area.column
            cells = [(r, c) for r in range(top, top + height) for c in range(left, left + width)]
            owners.update(dict.fromkeys(cells, (top, left, top + height - 1, left + width - 1)))
            continue
        if last_col > first_col:
            middle = (first_col + last_col) // 2
            halves = [(first_row, first_col, last_row, middle), (first_row, middle + 1, last_row, last_col)]
        else:
            middle = (first_row + last_row) // 2
            halves = [(first_row, first_col, middle, last_col), (middle + 1, first_col, last_row, last_col)]
        blocks.extend((*half, ...) for half in reversed(halves))
    return sorted(
        {(r1 - 1, c1 - 1, r2 - 1, c2 - 1) for r1, c1, r2, c2 in owners.values() if (r1, c1) != (r2, c2)}
    )


def _hidden(used: Range, axis: str) -> set[int]:
    """0-based indexes of the hidden rows (`axis` "rows") or columns ("columns") of the
    used range. xlwings answers visibility for `Range.rows` and `Range.columns`, not for
    a Range itself: when some lines are hidden, each is asked through its own."""
    lines = getattr(used, axis)
    first = used.row - 1 if axis == "rows" else used.column - 1
    try:
        state = lines.hidden
    except NotImplementedError:
        return set()
    if state is False:
        return set()
    if state is True:
        return set(range(first, first + len(lines)))
    return {first + i for i, line in enumerate(lines) if getattr(line, axis).hidden}


def _list_objects(sheet: Sheet) -> list[ListObject]:
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
