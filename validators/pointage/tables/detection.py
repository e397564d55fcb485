"""Finding the annex tables of a sheet (classeur.md, "How tables are found")."""

from __future__ import annotations

from pointage.base.text import is_blank, is_blank_row
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.headers import MAX_HEADER_TEXT, is_header_row, read_header
from pointage.tables.table import Table, classify_rows

# A header row is looked for in the first rows of a block (a block starts at the
# top of the sheet, after 3 blank rows, or after a table).
HEADER_SEARCH_ROWS = 50
BLANK_RUN_ENDS_TABLE = 3


def find_tables(sheet: SheetSnapshot) -> list[Table]:
    tables: list[Table] = []
    claimed: set[int] = set()
    for listobject in sheet.list_objects:
        header = sheet.row(listobject.first_row)
        if not is_header_row(header):
            continue
        table = _new_table(sheet, listobject.first_row, listobject.first_col, listobject.last_col)
        body = range(listobject.first_row + 1, listobject.last_row + 1)
        _finish(table, list(body))
        tables.append(table)
        claimed.update(range(listobject.first_row, listobject.last_row + 1))

    current: Table | None = None
    body: list[int] = []
    block_start = sheet.origin_row
    blank_run = 0
    values, top = sheet.values, sheet.origin_row
    for index in range(sheet.origin_row, sheet.row_count):
        if claimed and index in claimed:
            if current is not None:
                tables.append(_finish(current, body))
                current = None
            block_start, blank_run = index + 1, 0
            continue
        cells = values[index - top]
        if is_blank_row(cells):
            blank_run += 1
            if blank_run >= BLANK_RUN_ENDS_TABLE:
                if current is not None:
                    tables.append(_finish(current, body))
                    current = None
                block_start = index + 1
            continue
        blank_run = 0
        may_be_header = current is not None or index - block_start < HEADER_SEARCH_ROWS
        if (
            may_be_header
            and _NUMBER_TYPES.isdisjoint(map(type, cells))  # most rows: one C call
            and _looks_like_header(cells)
            and is_header_row(cells)
        ):
            if current is not None and not body:
                # A header on two rows (`Etat des lieux de l'existant` above
                # `Cible`), or repeated after a page break: one table.
                current = _new_table(sheet, current.header_row, header_rows=[*current.header_rows, index])
                continue
            if current is not None:
                tables.append(_finish(current, body))
            current = _new_table(sheet, index)
            body = []
        elif current is not None:
            body.append(index)
    if current is not None:
        tables.append(_finish(current, body))
    tables.sort(key=lambda t: (t.header_row, t.first_col))
    return tables


_NUMBER_TYPES = frozenset({int, float})


def _looks_like_header(cells: list[object]) -> bool:
    """A header row has no number, and at least two text cells short enough to be
    headers: a cheap test before any text is normalised. Among rows without a number,
    it never refuses a row that `is_header_row` accepts (a property test checks it)."""
    texts = 0
    for value in cells:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return False
        if isinstance(value, str) and 0 < len(value) <= MAX_HEADER_TEXT:
            texts += 1
    return texts >= 2


def _new_table(
    sheet: SheetSnapshot,
    header_row: int,
    first_col: int | None = None,
    last_col: int | None = None,
    header_rows: list[int] | None = None,
) -> Table:
    header_rows = header_rows or [header_row]
    cells = _stacked_headers(sheet, header_rows)
    columns = [sheet.origin_col + i for i, v in enumerate(cells) if not is_blank(v)]
    first = columns[0] if first_col is None else first_col
    last = columns[-1] if last_col is None else last_col
    in_table = [
        cells[c - sheet.origin_col] if first <= c <= last else None
        for c in range(sheet.origin_col, sheet.origin_col + len(cells))
    ]
    reading = read_header(in_table, sheet.origin_col)
    return Table(
        sheet=sheet,
        kind=reading.kind,
        header_row=header_row,
        first_col=first,
        last_col=last,
        last_row=header_row,
        roles=reading.roles,
        headers=reading.headers,
        missing=reading.missing,
        header_rows=header_rows,
    )


def _stacked_headers(sheet: SheetSnapshot, header_rows: list[int]) -> list[object]:
    """One header per column: the lowest filled cell of the header rows."""
    width = max(len(sheet.row(r)) for r in header_rows)
    cells: list[object] = [None] * width
    for row in header_rows:
        for i in range(width):
            value = sheet.value(row, sheet.origin_col + i)
            if not is_blank(value):
                cells[i] = value
    return cells


def _finish(table: Table, body: list[int]) -> Table:
    classify_rows(table, body)
    if table.rows:
        table.last_row = table.rows[-1].index
    return table
