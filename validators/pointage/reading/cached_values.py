"""The cached values of a workbook's formulas, as the file writes them.

openpyxl drops them when it re-saves (it keeps the formula, not its last result): the
annotated copy puts them back from here, so that the copy, checked again, reads the
values the original showed. Streamed, one sheet at a time; only formula cells kept.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pointage.reading.xlsx import sheet_parts
from pointage.reading.xml_rows import last_row_end
from pointage.reading.zip_parts import open_part

_CELL = re.compile(rb"<(?:\w+:)?c(\s[^>]*)?(?<!/)>(.*?)</(?:\w+:)?c>", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_CHUNK = 1 << 20


def formula_values(path: Path) -> dict[str, dict[bytes, tuple[bytes, bytes]]]:
    """Sheet name -> cell reference -> (type attribute, value text) of every formula
    cell that has a cached value. A sheet without formulas has no entry."""
    found: dict[str, dict[bytes, tuple[bytes, bytes]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in sheet_parts(archive):
            cells = _scan(archive, part)
            if cells:
                found[name] = cells
    return found


def _scan(archive: zipfile.ZipFile, part: str) -> dict[bytes, tuple[bytes, bytes]]:
    cells: dict[bytes, tuple[bytes, bytes]] = {}
    carry = b""
    with open_part(archive, part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buffer = carry + chunk
            cut = len(buffer) if not chunk else last_row_end(buffer)
            if cut < 0:
                cut = 0  # no row end yet: read on
            block = buffer[:cut]
            if b"<f" in block or b":f" in block:
                for cell in _CELL.finditer(block):
                    body = cell.group(2)
                    if b"<f" not in body and b":f" not in body:
                        continue
                    attributes = cell.group(1) or b""
                    value, ref = _VALUE.search(body), _REF.search(attributes)
                    typed = _TYPE.search(attributes)
                    kind = typed.group(1) if typed else b"n"
                    # An empty `<v>` is a value only for a formula whose result is "".
                    if value and ref and (value.group(1) or kind == b"str"):
                        cells[ref.group(1)] = (kind, value.group(1))
            carry = buffer[cut:]
            if not chunk:
                break
    return cells
