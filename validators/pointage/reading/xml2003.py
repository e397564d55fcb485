"""Snapshot of an Excel 2003 XML Spreadsheet (SpreadsheetML 2003).

French finance software exports this format, often under a `.xls` name. It is plain
XML, read here in one streamed pass, and it says everything the snapshot needs: values
with their types (error cells included), formulas (in R1C1 notation, whose SUMs of the
rows above say which rows a total adds), merged and hidden cells.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.cell_limits import MAX_CELLS, block_refused
from pointage.reading.snapshot import EXCEL_ERRORS, ExcelError, SheetSnapshot, WorkbookSnapshot, record_sum
from pointage.reading.zip_parts import MAX_CHECKED_XML_BYTES

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# The same limit as the sheets' XML of an .xlsx.
MAX_XML_BYTES = MAX_CHECKED_XML_BYTES
# `=SUM(R[-4]C:R[-1]C)`, `=SUBTOTAL(9,R2C5:R5C5)`: rows of one column.
_REF = r"R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?"
_SUM = re.compile(rf"^=\s*(?:SUM\(|SUBTOTAL\(\s*(?:9|109)\s*[,;]\s*){_REF}\s*:\s*{_REF}\s*\)$", re.IGNORECASE)


def read_xml2003(path: Path) -> WorkbookSnapshot:
    if path.stat().st_size > MAX_XML_BYTES:
        raise UnreadableWorkbook(
            f"le classeur est trop volumineux pour être vérifié (plus de {MAX_XML_BYTES // (1024 * 1024)} Mo "
            "de XML) : découpez-le en plusieurs classeurs."
        )
    with path.open("rb") as handle:
        if b"<!ENTITY" in handle.read(1 << 16):
            # Entities are how XML bombs are made; Excel never writes any.
            raise UnreadableWorkbook(
                "le fichier XML déclare des entités : fichier refusé (archive piégée ?)."
            )
    try:
        sheets = _parse(path)
    except ElementTree.ParseError as exc:
        raise UnreadableWorkbook(
            "le fichier XML Excel 2003 est endommagé : son contenu ne peut pas être lu en entier."
        ) from exc
    if not sheets:
        raise UnreadableWorkbook("le classeur ne contient aucune feuille de calcul.")
    return WorkbookSnapshot(name=path.name, sheets=sheets)


class _Sheet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[tuple[int, int], object] = {}
        self.row, self.col = -1, -1
        self.merged: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.formulas_without_value: set[tuple[int, int]] = set()
        self.sums: dict[tuple[int, int], tuple[int, int]] = {}
        self.column_sums: dict[tuple[int, int], tuple[int, int, int]] = {}
        self.next_column = 0

    def snapshot(self) -> SheetSnapshot:
        cells = self.cells
        if not cells:
            return SheetSnapshot(name=self.name, values=[])
        top, left = min(r for r, _ in cells), min(c for _, c in cells)
        bottom, right = max(r for r, _ in cells), max(c for _, c in cells)
        area = (bottom - top + 1) * (right - left + 1)
        if area > MAX_CELLS:  # the dense block of a few cells far apart (`ss:Index`)
            raise UnreadableWorkbook(block_refused(self.name, bottom - top + 1, right - left + 1, len(cells)))
        values: list[list[object]] = [[""] * (right - left + 1) for _ in range(bottom - top + 1)]
        for (r, c), value in cells.items():
            values[r - top][c - left] = value
        return SheetSnapshot(
            name=self.name,
            values=values,
            origin_row=top,
            origin_col=left,
            formulas_without_value=self.formulas_without_value,
            sums=self.sums,
            column_sums=self.column_sums,
            merged=self.merged,
            hidden_rows=self.hidden_rows,
            hidden_cols=self.hidden_cols,
        )


def _parse(path: Path) -> list[SheetSnapshot]:
    parser = _Parser()
    for event, element in ElementTree.iterparse(path, events=("start", "end")):
        tag = element.tag
        if not tag.startswith(_SS):
            continue
        if event == "start":
            parser.start(tag[len(_SS) :], element)
        else:
            parser.end(tag[len(_SS) :], element)
    return parser.sheets


class _Parser:
    """The state of the one streamed pass: the sheets read so far, the sheet being read
    (None between sheets: what lies outside a `Worksheet` is not read), and what the
    cell being read has told of its formula and value."""

    def __init__(self) -> None:
        self.sheets: list[SheetSnapshot] = []
        self.sheet: _Sheet | None = None
        self.formula: str | None = None
        self.has_data = False
        self.in_comment = False  # a cell's comment holds its own `ss:Data`: not the cell's value

    def start(self, tag: str, element: ElementTree.Element) -> None:
        if tag == "Worksheet":
            self.sheet = _Sheet(element.get(f"{_SS}Name", f"Feuille {len(self.sheets) + 1}"))
            return
        sheet = self.sheet
        if sheet is None:
            return
        if tag == "Column":
            col = _index(element, sheet.next_column)
            span = int(element.get(f"{_SS}Span", "0"))
            if element.get(f"{_SS}Hidden") == "1":
                sheet.hidden_cols.update(range(col, col + span + 1))
            sheet.next_column = col + span + 1
        elif tag == "Row":
            sheet.row, sheet.col = _index(element, sheet.row + 1), -1
            if element.get(f"{_SS}Hidden") == "1":
                sheet.hidden_rows.add(sheet.row)
        elif tag == "Cell":
            sheet.col = _index(element, sheet.col + 1)
            self.formula, self.has_data = element.get(f"{_SS}Formula"), False
        elif tag == "Comment":
            self.in_comment = True

    def end(self, tag: str, element: ElementTree.Element) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        if tag == "Comment":
            self.in_comment = False
        elif tag == "Data" and not self.in_comment:
            self.has_data = True
            value = _value(element)
            if value != "":
                sheet.cells[(sheet.row, sheet.col)] = value
        elif tag == "Cell":
            self._end_cell(sheet, element)
            element.clear()
        elif tag == "Row":
            # `ss:Span="2"`: this row stands for itself and the two after it (empty ones).
            span = element.get(f"{_SS}Span", "0")
            sheet.row += int(span) if span.isdigit() else 0
            element.clear()
        elif tag == "Worksheet":
            self.sheets.append(sheet.snapshot())
            self.sheet = None
            element.clear()

    def _end_cell(self, sheet: _Sheet, element: ElementTree.Element) -> None:
        """Keep a cell's merge, whether its formula has a value, and the rows its SUM
        adds; then step over the columns it spans."""
        across = int(element.get(f"{_SS}MergeAcross", "0"))
        down = int(element.get(f"{_SS}MergeDown", "0"))
        here = (sheet.row, sheet.col)
        if across or down:
            sheet.merged.append((sheet.row, sheet.col, sheet.row + down, sheet.col + across))
        if self.formula is not None:
            if not self.has_data:
                sheet.formulas_without_value.add(here)
            summed = _summed_rows(self.formula, *here)
            if summed is not None:
                record_sum(sheet.sums, sheet.column_sums, here, *summed)
        sheet.col += across


def _index(element: ElementTree.Element, default: int) -> int:
    """`ss:Index` (1-based) when given, else the position after the previous one."""
    index = element.get(f"{_SS}Index")
    return int(index) - 1 if index and index.isdigit() else default


def _value(data: ElementTree.Element) -> object:
    kind = data.get(f"{_SS}Type", "String")
    text = "".join(data.itertext())  # rich text: runs inside html: elements
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text and "E" not in text.upper() else number
    if kind == "Boolean":
        return text.strip() == "1"
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text
    if kind == "Error":
        return ExcelError(text.strip() if text.strip() in EXCEL_ERRORS else "#N/A")
    return text


def _summed_rows(formula: str, row: int, col: int) -> tuple[int, int, int] | None:
    """The column and rows (column, first, last) a SUM/SUBTOTAL of one column adds."""
    match = _SUM.match(formula.strip())
    if match is None:
        return None
    first, c1, last, c2 = (
        _position(match[1], row),
        _position(match[2], col),
        _position(match[3], row),
        _position(match[4], col),
    )
    if c1 == c2 and 0 <= first <= last:
        return c1, first, last
    return None


def _position(part: str | None, here: int) -> int:
    """An R1C1 coordinate, 0-based: none = here, `[-3]` = relative, `5` = absolute."""
    if not part:
        return here
    if part.startswith("["):
        return here + int(part[1:-1])
    return int(part) - 1
