"""Snapshot of a CSV file: the open-data publications (SCDL subventions, lists of
grants) come as CSV, and a person opens them in Excel.

Read as Excel reads it in the locale that writes it: UTF-8 (with or without its BOM)
or, when the bytes are not UTF-8, Windows-1252 (Excel's « CSV (séparateur : point-
virgule) »); the separator is the one of `;`, `,` and tabulation that splits the first
lines into the same number of columns, most of them. A number is read as a number
when it is written the separator's way (`1200.50` with commas, `1200,50` with
semicolons), without a leading zero (`01234` is a code) and within float's 15 digits
(a SIRET stays exact); anything else stays text, as typed. One sheet, named after the
file as Excel names it. Bounded like the other readers: the same byte limit as a
sheet's XML, and `cell_limits.MAX_CELLS`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.cell_limits import MAX_CELLS, too_many_cells
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.reading.zip_parts import MAX_CHECKED_XML_BYTES

SEPARATORS = (";", ",", "\t")
_SNIFFED_LINES = 20
_CHUNK = 1 << 20
# Excel's limit on a sheet's name.
_SHEET_NAME = 31
_POINT_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_COMMA_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:,\d+)?")
_FLOAT_DIGITS = 15


def read_csv(path: Path) -> WorkbookSnapshot:
    size = path.stat().st_size
    if size > MAX_CHECKED_XML_BYTES:
        raise UnreadableWorkbook(
            f"le fichier CSV est trop volumineux pour être vérifié (plus de "
            f"{MAX_CHECKED_XML_BYTES // (1024 * 1024)} Mo) : découpez-le en plusieurs fichiers."
        )
    encoding = text_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        separator = separator_of(handle.read(64 * 1024))
        handle.seek(0)
        try:
            values = _rows(csv.reader(handle, delimiter=separator), separator)
        except csv.Error as exc:
            raise UnreadableWorkbook(
                "le fichier CSV est mal formé (guillemet jamais refermé, ou champ de plus de "
                f"{csv.field_size_limit() // 1024} Ko) : il ne peut pas être lu en entier."
            ) from exc
    name = path.stem[:_SHEET_NAME] or "Feuil1"
    return WorkbookSnapshot(name=path.name, sheets=[SheetSnapshot(name=name, values=values)])


def text_encoding(path: Path) -> str:
    """`utf-8-sig` for UTF-8 (a BOM or not), else `cp1252`: the whole file is decoded
    once, a chunk at a time, in bounded memory."""
    with path.open("rb") as handle:
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def separator_of(sample: str) -> str:
    """The separator that splits the sample's first lines into the same number of
    columns, the most of them; `;` when none does (a one-column file)."""
    lines = [line for line in sample.splitlines()[:_SNIFFED_LINES] if line.strip()]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines.pop()  # cut by the sample's end
    best, widest = ";", 1
    for separator in SEPARATORS:
        try:
            widths = {len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=separator)}
        except csv.Error:
            continue
        if len(widths) == 1 and (width := widths.pop()) > widest:
            best, widest = separator, width
    return best


def _rows(reader: Iterator[list[str]], separator: str) -> list[list[object]]:
    number = _COMMA_NUMBER if separator == ";" else _POINT_NUMBER
    rows: list[list[object]] = []
    width = 0
    for line in reader:
        width = max(width, len(line))
        if (len(rows) + 1) * width > MAX_CELLS:
            raise UnreadableWorkbook(too_many_cells((len(rows) + 1) * width))
        rows.append([_value(cell, number) for cell in line])
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def _value(cell: str, number: re.Pattern[str]) -> object:
    if not cell.strip():
        return None
    if number.fullmatch(cell) and sum(ch.isdigit() for ch in cell) <= _FLOAT_DIGITS:
        return float(cell.replace(",", "."))
    return cell
