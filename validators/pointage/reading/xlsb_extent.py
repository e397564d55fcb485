"""The used range of each sheet of an `.xlsb`, from its own records, before calamine.

calamine reads an `.xlsb` sheet's cells, then makes a dense block from the first to the
last cell that holds something (an empty cell record is dropped), whatever the sheet's
BrtWsDim declares. A 40 kB file with one number in A1 and one in XFD1048576 would make
it allocate 17 billion cells. The cell records are walked here (MS-XLSB 2.1.4: a type
and a size as variable-length integers, then the data), their rows and columns boxed
(`cell_limits.Box`), so that `cell_limits.refuse_spread` refuses the workbook first.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from pointage.reading.cell_limits import Box
from pointage.reading.formats import normalise_part, rels_of, workbook_part
from pointage.reading.zip_parts import open_part, read_part

_ROW_HEADER = 0x00  # BrtRowHdr: rw (u32) first
# BrtCellRk … BrtFmlaError: a cell that holds something, its column (u32) first.
# BrtCellBlank (0x01) is left out: calamine keeps no empty cell in its block.
_VALUE_CELLS = frozenset(range(0x02, 0x0C))
_SHEET = 0x9C  # BrtBundleSh: hsState, iTabID, strRelID, strName
_BLOCK = 1 << 20


def cell_boxes(archive: zipfile.ZipFile) -> dict[str, Box]:
    """Sheet name -> the box of its cells that hold something. Empty when the workbook
    part cannot be read this way: calamine then says, in French, what it cannot read."""
    try:
        sheets = _sheet_parts(archive)
    except (KeyError, ElementTree.ParseError, struct.error, UnicodeDecodeError, ValueError):
        return {}
    boxes = {}
    for name, part in sheets:
        if part in archive.NameToInfo:
            boxes[name] = _box(archive, part)
    return boxes


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of each sheet the workbook part lists."""
    book = workbook_part(archive)
    if book is None:
        return []
    targets = {}
    folder = book.rsplit("/", 1)[0] + "/" if "/" in book else ""
    for rel in ElementTree.fromstring(read_part(archive, rels_of(book))):
        target = rel.get("Target", "")
        targets[rel.get("Id", "")] = normalise_part(
            target.lstrip("/") if target.startswith("/") else folder + target
        )
    sheets = []
    for kind, data in _records(read_part(archive, book)):
        if kind == _SHEET and len(data) >= 12:
            relation, used = _wide(data, 8)
            name, _ = _wide(data, 8 + used)
            if relation in targets:
                sheets.append((name, targets[relation]))
    return sheets


def _wide(data: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at `at`: its text and the bytes it takes."""
    (length,) = struct.unpack_from("<I", data, at)
    if length == 0xFFFFFFFF:  # a nullable string left empty
        return "", 4
    return data[at + 4 : at + 4 + 2 * length].decode("utf-16-le"), 4 + 2 * length


def _records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(type, data) of each whole record of `data`."""
    for kind, start, end in _headers(data, 0):
        yield kind, data[start:end]


def _headers(data: bytes, at: int) -> Iterator[tuple[int, int, int]]:
    """(type, first byte of its data, end of its data) of each record starting at `at`
    whose data lies whole in `data`; stops before the first one cut by its end."""
    size = len(data)
    while at < size:
        kind = data[at]
        at += 1
        if kind & 0x80:
            if at >= size:
                return
            kind = (kind & 0x7F) | ((data[at] & 0x7F) << 7)
            at += 1
        length = shift = 0
        for _ in range(4):
            if at >= size:
                return
            byte = data[at]
            at += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if at + length > size:
            return
        yield kind, at, at + length
        at += length


def _box(archive: zipfile.ZipFile, part: str) -> Box:
    """The box of the sheet's cells that hold something, its part streamed in blocks."""
    rows: list[int] = []  # the rows that have a cell, and the columns of their cells
    cols: list[int] = []
    cells = row = 0
    carry = b""
    unpack = struct.unpack_from
    with open_part(archive, part) as stream:
        while block := stream.read(_BLOCK):
            data = carry + block
            done = 0
            seen = False  # a cell of `row` in this block
            for kind, start, end in _headers(data, 0):
                done = end
                if kind == _ROW_HEADER and end - start >= 4:
                    if seen:
                        rows.append(row)
                    (row,) = unpack("<I", data, start)
                    seen = False
                elif kind in _VALUE_CELLS and end - start >= 4:
                    cols.append(unpack("<I", data, start)[0])
                    cells += 1
                    seen = True
            if seen:
                rows.append(row)
            carry = data[done:]
            # Only the extremes matter: the lists stay short whatever the sheet.
            rows, cols = _ends(rows), _ends(cols)
    box = Box()
    if cells:
        box.top, box.bottom, box.left, box.right = min(rows), max(rows), min(cols), max(cols)
        box.cells = cells
    return box


def _ends(values: list[int]) -> list[int]:
    return [min(values), max(values)] if values else []
