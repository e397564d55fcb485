"""A sheet whose used range is huge but whose filled cells are few, read cell by cell.

calamine makes a dense block of a sheet's used range: a stray empty text in cell
ALN1036131 makes it allocate a billion cells (33 GB), and the process dies. A sheet
whose declared range (`<dimension>`) is that large is first measured here, in one
streamed pass: if the cells calamine would keep span too much, the cells that hold a
value are read here instead, by their own XML, and the snapshot is their block only.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta
from xml.etree import ElementTree

from pointage.base.addresses import column_index, parse_a1
from pointage.reading.snapshot import EXCEL_ERRORS, ExcelError
from pointage.reading.xml_rows import last_row_end

# Past this many cells, a dense block (calamine keeps 32 bytes a cell) passes 512 MB.
MAX_DENSE_CELLS = 16_000_000
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+)(?::([A-Z]+\d+))?"')
_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+\d+)"[^>]*?(/?)>')
_FILLED = re.compile(rb"<(?:\w+:)?(?:v|t|f)(?:\s[^>]*)?>[^<]")
_CHUNK = 1 << 20


# A sheet part this small is measured by its cell references before calamine reads it
# (a few milliseconds): a stray cell far away is seen whatever the sheet declares.
QUICK_BYTES = 4 * 1024 * 1024
_REFERENCE = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})(\d+)"')


def may_be_spread(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether calamine's dense block of the sheet could pass MAX_DENSE_CELLS: for a
    small part, by the references of its cells; for a big one, by its `<dimension>`."""
    if part not in archive.NameToInfo:
        return False  # the streamed pass says, in French, that the sheet is missing
    if archive.getinfo(part).file_size > QUICK_BYTES:
        return declared_cells(archive, part) > MAX_DENSE_CELLS
    data = archive.read(part)
    references = _REFERENCE.findall(data)
    if not references:
        return False
    rows = [int(r) for _, r in references]
    letters = {c for c, _ in references}
    columns = [column_index(c.decode()) for c in letters]
    return (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1) > MAX_DENSE_CELLS


def declared_cells(archive: zipfile.ZipFile, part: str) -> int:
    """The number of cells of the range the sheet declares (0 when it declares none)."""
    with archive.open(part) as stream:
        head = stream.read(1 << 16)
    match = _DIMENSION.search(head)
    if match is None or match.group(2) is None:
        return 0
    (r1, c1), (r2, c2) = parse_a1(match.group(1).decode()), parse_a1(match.group(2).decode())
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


class Extent:
    """Bounding boxes of the cells calamine keeps (any cell with content) and of the
    cells that hold a value, and how many of these there are."""

    def __init__(self) -> None:
        self.kept: list[int] | None = None  # first row, first col, last row, last col
        self.filled: list[int] | None = None
        self.filled_count = 0

    @staticmethod
    def _grow(box: list[int] | None, row: int, col: int) -> list[int]:
        if box is None:
            return [row, col, row, col]
        box[0], box[1] = min(box[0], row), min(box[1], col)
        box[2], box[3] = max(box[2], row), max(box[3], col)
        return box

    @staticmethod
    def area(box: list[int] | None) -> int:
        return 0 if box is None else (box[2] - box[0] + 1) * (box[3] - box[1] + 1)


def measure(archive: zipfile.ZipFile, part: str) -> Extent:
    extent = Extent()
    carry = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buffer = carry + chunk
            cut = last_row_end(buffer) if chunk else len(buffer)
            if cut < 0:
                cut = max(0, len(buffer) - _CHUNK)
            cells = list(_CELL.finditer(buffer, 0, cut))
            for i, cell in enumerate(cells):
                if cell.group(2):  # `<c r="…" s="3"/>`: a format, no content
                    continue
                row, col = parse_a1(cell.group(1).decode())
                extent.kept = Extent._grow(extent.kept, row, col)
                stop = cells[i + 1].start() if i + 1 < len(cells) else cut
                if _FILLED.search(buffer, cell.end(), stop):
                    extent.filled = Extent._grow(extent.filled, row, col)
                    extent.filled_count += 1
            carry = buffer[cut:]
            if not chunk:
                return extent


def read_cells(
    archive: zipfile.ZipFile,
    part: str,
    box: list[int],
    shared: list[str],
    date_styles: set[int],
    date1904: bool,
) -> tuple[list[list[object]], tuple[int, int]]:
    """The dense block `box` of the sheet, from its cells' own XML."""
    top, left, bottom, right = box
    values: list[list[object]] = [[""] * (right - left + 1) for _ in range(bottom - top + 1)]
    with archive.open(part) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag.rsplit("}", 1)[-1] != "c":
                if element.tag.rsplit("}", 1)[-1] == "row":
                    element.clear()
                continue
            ref = element.get("r")
            if ref:
                row, col = parse_a1(ref)
                if top <= row <= bottom and left <= col <= right:
                    value = _value(element, shared, date_styles, date1904)
                    if value is not None and value != "":
                        values[row - top][col - left] = value
    return values, (top, left)


def _value(cell: ElementTree.Element, shared: list[str], date_styles: set[int], date1904: bool) -> object:
    kind = cell.get("t", "n")
    children = {child.tag.rsplit("}", 1)[-1]: child for child in cell}
    text = children["v"].text if "v" in children and children["v"].text is not None else None
    if kind == "inlineStr":
        inline = children.get("is")
        return "".join(_texts(inline)) if inline is not None else None
    if text is None:
        return None
    if kind == "s":
        index = int(text) if text.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else None
    if kind in ("str", "d"):
        return text
    if kind == "b":
        return text.strip() == "1"
    if kind == "e":
        return ExcelError(text if text in EXCEL_ERRORS else "#N/A")
    try:
        number = float(text)
    except ValueError:
        return text
    if int(cell.get("s", "0") or 0) in date_styles:
        moment = (datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)) + timedelta(days=number)
        return moment.date() if number.is_integer() else moment  # as calamine gives them
    return int(number) if number.is_integer() and not any(ch in text for ch in ".eE") else number


def _texts(element: ElementTree.Element) -> list[str]:
    """The texts of a string item: its `t`, or its runs' `t`, never the phonetic `rPh`."""
    found = []
    for child in element:
        name = child.tag.rsplit("}", 1)[-1]
        if name == "t":
            found.append(child.text or "")
        elif name == "r":
            found.extend(t.text or "" for t in child if t.tag.rsplit("}", 1)[-1] == "t")
    return found


def shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    strings = []
    with archive.open(part) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag.rsplit("}", 1)[-1] == "si":
                strings.append("".join(_texts(element)))
                element.clear()
    return strings


# Built-in number formats that show a date or a time.
_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def date_styles(archive: zipfile.ZipFile, part: str | None) -> set[int]:
    """The indexes of the cell formats (`s=`) that show dates."""
    if part is None:
        return set()
    root = ElementTree.fromstring(archive.read(part))
    custom: dict[int, str] = {}
    dates: set[int] = set()
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "numFmt":
            custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
        elif name == "cellXfs":
            for index, xf in enumerate(element):
                number_format = int(xf.get("numFmtId", "0"))
                code = _QUOTED.sub("", custom.get(number_format, "")).lower()
                if number_format in _DATE_FORMATS or (code and any(ch in code for ch in "dmyhs")):
                    dates.add(index)
    return dates
