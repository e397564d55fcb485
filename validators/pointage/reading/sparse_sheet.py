"""A sheet whose used range is huge but whose filled cells are few, read cell by cell.

calamine makes a dense block of a sheet's used range: a stray empty text in cell
ALN1036131 makes it allocate a billion cells (33 GB), and the process dies. Every
sheet's cells are counted as its XML is inflated (`Census`), whatever its `<dimension>`
declares; a sheet whose block could pass the limit (`cell_limits.py`) is measured cell
by cell: if the cells calamine would keep span too much, the cells that hold a value
are read here instead, by their own XML, and the snapshot is their block only.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from xml.etree import ElementTree

from pointage.base.addresses import column_index, column_letter
from pointage.reading.snapshot import EXCEL_ERRORS, ExcelError
from pointage.reading.xml_rows import RowPieces, last_row_end
from pointage.reading.zip_parts import open_part, read_part

_CELL = re.compile(rb"<(?:\w+:)?(c|row)\b([^>]*?)(/?)>")
_ATTR_R = re.compile(rb'\br="([^"]*)"')
_FILLED = re.compile(rb"<(?:\w+:)?(?:v|t|f)(?:\s[^>]*)?>[^<]")
_CHUNK = 1 << 20
# How Excel, LibreOffice and every writer seen write a cell: its reference first.
_REFERENCED = b'<c r="'
_REFERENCE = re.compile(rb'<c r="([A-Z]+)(\d+)"')
# A cell that does not write its reference first, or whose reference is no cell's.
_UNREFERENCED = re.compile(rb"<c(?:>| (?!r=))")
# A sheet whose root is not a plain `<worksheet` in its first bytes, or that binds
# SpreadsheetML to a prefix, may write its elements `<x:c>`, `<x:f>`. Excel, LibreOffice
# and openpyxl write `<worksheet xmlns="…main">`.
PREFIXED_MAIN = re.compile(
    rb"xmlns:\w+=[\"']http://(?:schemas\.openxmlformats\.org/spreadsheetml/2006/main|"
    rb"purl\.oclc\.org/ooxml/spreadsheetml/main)[\"']"
)


def _may_write_prefixes(head: bytes) -> bool:
    """Whether a sheet whose XML begins with `head` may write its elements with a
    prefix (`<x:c>`, `<x:f>`)."""
    return b"<worksheet" not in head or bool(PREFIXED_MAIN.search(head))


class Census:
    """What one streamed pass over a sheet's XML (the blocks `check_inflation` inflates
    anyway) says of the block calamine would make of it, at C speed: the largest row
    and column its cells' references name, and the cells counted (for the annotated
    copy's limit; a check, which needs the bound only, leaves them uncounted). When
    every cell writes its reference first, (last row + 1) × (last column + 1) bounds
    calamine's block; a sheet whose cells follow each other without references is
    measured cell by cell (`measure`).

    Fed the part's blocks (`census(block)`, then `census(b"")` at its end), which it
    cuts after rows (`RowPieces`); `each_piece(piece, end)` reads the same pieces for
    more (the scan of `xlsx.py`), so that one inflate serves both."""

    def __init__(self, each_piece: Callable[[bytes, int], None] | None = None, counted: bool = True) -> None:
        self.cells = 0
        self.counted = counted
        self.one_by_one = False  # a cell without its reference first: measured cell by cell
        self.last_row = self.last_col = -1
        self.prefixed: bool | None = None  # known from the part's first bytes
        self._each_piece = each_piece
        self._pieces = RowPieces(self._piece)

    def __call__(self, block: bytes) -> None:
        self._pieces(block)
        if self._pieces.torn:  # a reference may have been cut in two
            self.one_by_one = True

    def _piece(self, piece: bytes, end: int) -> None:
        if self.prefixed is None:  # the part's first piece, its first bytes
            # A sheet that may write its cells with a prefix (`<x:c>`): one by one.
            self.prefixed = _may_write_prefixes(piece[: min(end, 8192)])
            self.one_by_one = self.one_by_one or self.prefixed
        self._count(piece, end)
        if self._each_piece is not None:
            self._each_piece(piece, end)

    def _count(self, piece: bytes, end: int) -> None:
        """Count the cells of `piece[:end]`, which ends after a tag (a row, most often).
        Most pieces cost one search (and one count, when counted): it finds the first
        cell without its reference first, or whose reference is not a plain one within
        the bound the piece's last cell sets."""
        if self.one_by_one:  # every cell counted, whatever its writing (openpyxl loads each)
            if self.counted:
                self.cells += sum(piece.count(form, 0, end) for form in (b"<c ", b"<c>", b":c ", b":c>"))
            return
        last = piece.rfind(_REFERENCED, 0, end)
        found = _REFERENCE.match(piece, last, end) if last >= 0 else None
        if found is not None:
            # Rows come in order: the last cell names the last row so far.
            self._grow(found)
        odd = _odd(self.last_row, self.last_col).search(piece, 0, end)
        # No cell without its reference lies before the first odd one.
        if odd is not None and _UNREFERENCED.search(piece, odd.start(), end):
            self.one_by_one = True
            self._count(piece, end)
            return
        if self.counted:
            self.cells += piece.count(_REFERENCED, 0, end)
        if last >= 0 and found is None:  # a reference that is no cell's (`r="foo"`)
            self.one_by_one = True
        elif odd is not None:  # past the bound (a wider row, a cell far away), or `A007`
            for reference in _REFERENCE.finditer(piece, 0, end):
                self._grow(reference)

    def _grow(self, reference: re.Match) -> None:
        self.last_row = max(self.last_row, int(reference.group(2)) - 1)
        self.last_col = max(self.last_col, column_index(reference.group(1).decode()))

    @property
    def bound(self) -> int | None:
        """calamine's block can be no larger than this; None: not known."""
        return None if self.one_by_one else (self.last_row + 1) * (self.last_col + 1)


def _up_to(text: bytes, first: bytes, alphabet: bytes) -> bytes:
    """A regex for the words of `alphabet` (`0-9`, `A-Z`) not larger than `text`, read
    as numbers: shorter words (first character from `first`: no leading zero), or
    words of its length that are not larger, character by character."""
    low, high = alphabet[0], alphabet[-1]
    options = []
    if len(text) > 1:  # possessive: a longer word is refused without backtracking
        options.append(_class(first[0], high) + _class(low, high) + b"{0,%d}+" % (len(text) - 2))
    # The words of its length, not larger, built from the last character.
    same = _class(first[0] if len(text) == 1 else low, text[-1])
    for i in reversed(range(len(text) - 1)):
        least, ch = (first[0] if i == 0 else low), text[i]
        here = re.escape(bytes([ch])) + same
        if ch > least:
            below = _class(least, ch - 1) + _class(low, high) + b"{%d}" % (len(text) - i - 1)
            same = b"(?:" + below + b"|" + here + b")"
        else:
            same = here
    options.append(same)
    return b"(?:" + b"|".join(options) + b")"


def _class(least: int, most: int) -> bytes:
    """`[A-G]`, or the one character."""
    return re.escape(bytes([least])) if least == most else b"[" + bytes([least, 45, most]) + b"]"


_ODD: dict[tuple[int, int], re.Pattern] = {}


def _odd(last_row: int, last_col: int) -> re.Pattern:
    """A cell written without its reference first (`_UNREFERENCED`), or whose reference
    is not a plain one within (last_row, last_col), 0-based (past it, or written
    `r="A007"`): one search finds either. The usual cell is refused by the look-ahead
    as soon as its reference is read."""
    key = (last_row, last_col)
    if key not in _ODD:
        if len(_ODD) > 256:
            _ODD.clear()
        if last_row < 0 or last_col < 0:
            within = b"(?!)"  # no bound yet: every reference is past it
        else:
            columns = _up_to(column_letter(last_col).encode(), b"A", b"AZ")
            within = columns + _up_to(str(last_row + 1).encode(), b"1", b"09") + b'"'
        _ODD[key] = re.compile(rb'<c(?:>| (?!r="' + within + rb"))")
    return _ODD[key]


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


class _Places:
    """Where each cell lies, as calamine places it: by its reference, or (none written)
    after the previous cell of its row, a row after the previous row."""

    def __init__(self) -> None:
        self.row, self.col = -1, -1

    def of_row(self, reference: bytes | None) -> None:
        self.row = int(reference) - 1 if reference and reference.isdigit() else self.row + 1
        self.col = -1

    def of_cell(self, reference: bytes | None) -> tuple[int, int]:
        found = _A1.fullmatch(reference or b"")
        if found:
            self.row, self.col = int(found.group(2)) - 1, column_index(found.group(1).decode())
        else:
            self.col += 1
        return self.row, self.col


_A1 = re.compile(rb"([A-Z]+)(\d+)")


def _reference(attributes: bytes) -> bytes | None:
    found = _ATTR_R.search(attributes)
    return found.group(1) if found else None


_ROW_END = re.compile(rb"</(?:\w+:)?row>")


def measure(archive: zipfile.ZipFile, part: str, enough: int | None = None) -> Extent:
    """The boxes of the sheet's kept and filled cells. `enough`: stop once this many
    cells are filled (the sheet is too big however it is read)."""
    extent = Extent()
    places = _Places()
    carry = b""
    with open_part(archive, part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buffer = carry + chunk
            cut = last_row_end(buffer) if chunk else len(buffer)
            if cut < 0:
                cut = max(0, buffer.rfind(b"<", 0, len(buffer) - 1))
            for row in _ROW_END.split(buffer[:cut]):
                if not _row_at_once(row, places, extent):
                    _cells_one_by_one(row, places, extent)
            carry = buffer[cut:]
            if not chunk or (enough is not None and extent.filled_count > enough):
                return extent


def _row_at_once(row: bytes, places: _Places, extent: Extent) -> bool:
    """A row written without references or prefixes (`<row><c><v>1</v></c>…`), its
    cells placed by counting them: at C speed, a row of writers that leave the
    references out. Its self-closing cells count as kept (a bound, never less)."""
    if b'r="' in row or b":" in row or row.count(b"<row") > 1:
        return False
    if row.count(b"<row>") + row.count(b"<row ") == 1:
        places.of_row(None)
    cells = row.count(b"<c>") + row.count(b"<c ")
    if cells:
        if places.row < 0:
            return False  # cells outside any row: placed one by one
        last = places.col + cells
        extent.kept = Extent._grow(Extent._grow(extent.kept, places.row, places.col + 1), places.row, last)
        filled = row.count(b"<v>") + row.count(b"<is>")
        if filled:
            extent.filled = Extent._grow(
                Extent._grow(extent.filled, places.row, places.col + 1), places.row, last
            )
            extent.filled_count += filled
        places.col = last
    return True


def _cells_one_by_one(block: bytes, places: _Places, extent: Extent) -> None:
    elements = list(_CELL.finditer(block))
    for i, element in enumerate(elements):
        if element.group(1) == b"row":
            places.of_row(_reference(element.group(2)))
            continue
        row, col = places.of_cell(_reference(element.group(2)))
        if element.group(3):  # `<c r="…" s="3"/>`: a format, no content
            continue
        extent.kept = Extent._grow(extent.kept, row, col)
        stop = elements[i + 1].start() if i + 1 < len(elements) else len(block)
        if _FILLED.search(block, element.end(), stop):
            extent.filled = Extent._grow(extent.filled, row, col)
            extent.filled_count += 1


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
    places, here = _Places(), (-1, -1)
    with open_part(archive, part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            name = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if name == "row":
                    places.of_row(element.get("r", "").encode())
                elif name == "c":
                    here = places.of_cell(element.get("r", "").encode())
                continue
            if name == "row":
                element.clear()
            elif name == "c":
                row, col = here
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
    if kind in _NOT_NUMBER_KINDS:
        return _typed_value(kind, text, shared)
    return _number_value(text, cell.get("s", "0"), date_styles, date1904)


# The cell types (`t=`) whose `<v>` is not a number; any other reads as one.
_NOT_NUMBER_KINDS = frozenset({"s", "str", "d", "b", "e"})


def _typed_value(kind: str, text: str, shared: list[str]) -> object:
    """The value of a cell typed as a shared string, a text, a date, a boolean or an
    error, from its `<v>` text (None for a shared string's index out of the table)."""
    if kind == "s":
        index = int(text) if text.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else None
    if kind in ("str", "d"):
        return text
    if kind == "b":
        return text.strip() == "1"
    return ExcelError(text if text in EXCEL_ERRORS else "#N/A")


def _number_value(text: str, style: str | None, date_styles: set[int], date1904: bool) -> object:
    """A number cell's value as calamine gives it: a date (or date and time) when its
    format shows one, an int when written whole, else a float; the text itself when it
    is no number at all."""
    try:
        number = float(text)
    except ValueError:
        return text
    if int(style or 0) in date_styles:
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
    with open_part(archive, part) as stream:
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
    root = ElementTree.fromstring(read_part(archive, part))
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
