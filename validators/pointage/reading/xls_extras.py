"""What calamine does not tell of an Excel 97-2003 `.xls` workbook (BIFF8), read from its
`Workbook` stream record by record: error cells (calamine gives them as empty ones,
a `BOOLERR` cell or a formula whose result is an error), the rows a `SUM` adds (a
formula's tokens: one area of one column, summed), hidden rows and columns.

Cells are placed by their own row and column numbers, calamine's grid. A file in an
older BIFF, encrypted, or whose records do not read as BIFF8 gives nothing: it is then
read as calamine reads it, and the E001 of the format says what is not.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pointage.base.excel_errors import ExcelError
from pointage.reading.cell_limits import Box
from pointage.reading.snapshot import record_sum

BOF, EOF, BOUNDSHEET, FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
ROW, COLINFO, BOOLERR, FORMULA = 0x0208, 0x007D, 0x0205, 0x0006
BIFF8, BIFF5 = 0x0600, 0x0500
WORKSHEET = 0x0010  # a BOF's substream type
# The error codes of BIFF ([MS-XLS] 2.5.97.2, BErr).
ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}
# Formula tokens: an area (reference, value or array class), `SUM` written as an
# attribute, a function with a variable count of arguments, an integer.
_AREAS = (0x25, 0x45, 0x65)
_ATTR, _ATTR_SUM = 0x19, 0x10
_FUNC_VAR = (0x22, 0x42, 0x62)
_INT = 0x1E
_SUM, _SUBTOTAL = 4, 344


@dataclass
class XlsExtras:
    errors: dict[tuple[int, int], ExcelError] = field(default_factory=dict)
    sums: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    column_sums: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # calamine reads them
    # A formula's text is not read from BIFF8 tokens: none.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def hidden(self, end_row: int, end_col: int) -> tuple[set[int], set[int]]:
        """The hidden rows and columns before (end_row, end_col): those that hold cells."""
        return {r for r in self.hidden_rows if r < end_row}, {c for c in self.hidden_cols if c < end_col}


def scan_xls(path: Path) -> dict[str, XlsExtras] | None:
    """Sheet name -> what its records say beyond the values, or None when the file is
    not plain BIFF8 (nothing is then known of it)."""
    from pyopenvba.cfb import CFB

    try:
        container = CFB.from_bytes(path.read_bytes())
        # The root's own stream: an embedded workbook (an `MBD…` storage) has one too.
        stream = container.get_stream_at((), "Workbook")
    except Exception:  # any container this reader cannot follow: calamine reads it alone
        return None
    try:
        return _scan(stream)
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return None


# The records that put a value in a cell, calamine's grid (BLANK and MULBLANK, a
# format without a value, it leaves out): row and column first; MULRK ends with its
# last column.
_VALUE_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006}
MULRK = 0x00BD


def cell_boxes(path: Path) -> dict[str, Box] | None:
    """Sheet name -> the box of its cells that hold a value, from its records (BIFF5
    and BIFF8), before calamine makes a dense block of it; None when the file's
    streams cannot be followed (calamine then reads it, or says it is damaged)."""
    from pyopenvba.cfb import CFB

    try:
        container = CFB.from_bytes(path.read_bytes())
        names = container.list_streams_at(())
        stream = container.get_stream_at((), "Workbook" if "Workbook" in names else "Book")
    except Exception:  # any container this reader cannot follow
        return None
    try:
        return _boxes(stream)
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return None


def _boxes(stream: bytes) -> dict[str, Box] | None:
    sheets: list[tuple[str, int]] = []
    version = None
    for number, (kind, data, _) in enumerate(_records(stream, 0)):
        if number == 0:
            if kind != BOF or struct.unpack_from("<H", data, 0)[0] not in (BIFF8, BIFF5):
                return None
            version = struct.unpack_from("<H", data, 0)[0]
        if kind == BOUNDSHEET and data[5] == 0:
            name = _sheet_name(data) if version == BIFF8 else data[7 : 7 + data[6]].decode("latin-1")
            sheets.append((name, struct.unpack_from("<I", data, 0)[0]))
    boxes: dict[str, Box] = {}
    for name, offset in sheets:
        box = boxes.setdefault(name, Box())
        for kind, data, _ in _records(stream, offset) if 0 <= offset < len(stream) else ():
            if kind in _VALUE_CELLS:
                row, col = struct.unpack_from("<HH", data, 0)
                box.add(row, col)
            elif kind == MULRK:
                row, first = struct.unpack_from("<HH", data, 0)
                last = struct.unpack_from("<H", data, len(data) - 2)[0]
                if last >= first:
                    box.add(row, first, 1, last - first + 1)
    return boxes


def _records(stream: bytes, at: int) -> Iterator[tuple[int, bytes, int]]:
    """(type, data, offset) of each record from `at` to its substream's EOF."""
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        data = stream[at + 4 : at + 4 + length]
        yield kind, data, at
        if kind == EOF:
            return
        at += 4 + length


def _scan(stream: bytes) -> dict[str, XlsExtras] | None:
    sheets: list[tuple[str, int]] = []
    for number, (kind, data, _) in enumerate(_records(stream, 0)):
        if number == 0 and (kind != BOF or struct.unpack_from("<H", data, 0)[0] != BIFF8):
            return None
        if kind == FILEPASS:
            return None  # encrypted
        if kind == BOUNDSHEET and data[5] == 0:  # a worksheet (not a chart, not a macro sheet)
            sheets.append((_sheet_name(data), struct.unpack_from("<I", data, 0)[0]))
    found = {}
    for name, offset in sheets:
        extras = _sheet(stream, offset)
        if extras is None:
            return None
        found[name] = extras
    return found


def _sheet_name(data: bytes) -> str:
    count, high = data[6], data[7] & 1
    raw = data[8 : 8 + count * (2 if high else 1)]
    return raw.decode("utf-16-le") if high else raw.decode("latin-1")


def _sheet(stream: bytes, offset: int) -> XlsExtras | None:
    extras = XlsExtras()
    if not 0 <= offset < len(stream):
        return None  # the sheet's records are not where the workbook says
    for number, (kind, data, _) in enumerate(_records(stream, offset)):
        if number == 0:
            if kind != BOF or struct.unpack_from("<HH", data, 0) != (BIFF8, WORKSHEET):
                return None
            continue
        if kind == ROW and struct.unpack_from("<H", data, 12)[0] & 0x0020:  # fDyZero
            extras.hidden_rows.add(struct.unpack_from("<H", data, 0)[0])
        elif kind == COLINFO and struct.unpack_from("<H", data, 8)[0] & 0x0001:  # fHidden
            first, last = struct.unpack_from("<HH", data, 0)
            extras.hidden_cols.update(range(first, min(last, 16383) + 1))
        elif kind == BOOLERR and data[7] == 1:  # fError
            row, col = struct.unpack_from("<HH", data, 0)
            extras.errors[(row, col)] = ExcelError(ERRORS.get(data[6], "#N/A"))
        elif kind == FORMULA:
            _formula(data, extras)
    return extras


def _formula(data: bytes, extras: XlsExtras) -> None:
    row, col = struct.unpack_from("<HH", data, 0)
    result = data[6:14]
    if result[6:8] == b"\xff\xff" and result[0] == 2:  # the formula's value is an error
        extras.errors[(row, col)] = ExcelError(ERRORS.get(result[2], "#N/A"))
    size = struct.unpack_from("<H", data, 20)[0]
    summed = _summed_area(data[22 : 22 + size])
    if summed is not None:
        first, last, c1, c2 = summed
        if c1 == c2:
            record_sum(extras.sums, extras.column_sums, (row, col), c1, first, last)


def _summed_area(tokens: bytes) -> tuple[int, int, int, int] | None:
    """(first row, last row, first col, last col) of `SUM(area)` or `SUBTOTAL(9|109,
    area)` written as its only tokens, as Excel writes a total."""
    if tokens[:1] and tokens[0] == _INT and len(tokens) == 3 + 9 + 4:
        if struct.unpack_from("<H", tokens, 1)[0] not in (9, 109):
            return None
        area, tail = tokens[3:12], tokens[12:]
        if (
            tail[0] not in _FUNC_VAR
            or tail[1] != 2
            or struct.unpack_from("<H", tail, 2)[0] & 0x7FFF != _SUBTOTAL
        ):
            return None
    elif len(tokens) == 9 + 4:
        area, tail = tokens[:9], tokens[9:]
        sum_attribute = tail[0] == _ATTR and tail[1] & _ATTR_SUM
        sum_function = (
            tail[0] in _FUNC_VAR and tail[1] == 1 and struct.unpack_from("<H", tail, 2)[0] & 0x7FFF == _SUM
        )
        if not (sum_attribute or sum_function):
            return None
    else:
        return None
    if area[0] not in _AREAS:
        return None
    first, last, c1, c2 = struct.unpack_from("<HHHH", area, 1)
    return first, last, c1 & 0x3FFF, c2 & 0x3FFF
