"""The annotated copy compared with the original before it is handed over.

Every cell of every sheet of the original is read again in the copy by calamine (the
reader the checks use), and compared with the same cell of the original: its value
and the kind of it (a number, a date or a time, a text, a boolean). A copy that says
one figure otherwise is not written.
"""

from __future__ import annotations

import io
import zipfile
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

import python_calamine

from pointage.base.addresses import a1, sheet_reference
from pointage.reading.calamine_source import is_calamine_failure, open_calamine, sheet_cells, worksheet_names
from pointage.reading.formats import XLSX, workbook_part

if TYPE_CHECKING:
    from collections.abc import Iterator


class CopyUnreadable(Exception):
    """calamine cannot read the copy back."""


def changed_cells(source: Path, copy: bytes, left_out: set[str]) -> list[str]:
    """`Feuille!A1` (quoted as Excel quotes it) of each cell of the original that the copy does not hold as the
    original does, in sheet order then row by row; the sheets `left_out` of the copy
    (Pointage's own, written again) are not compared."""
    with zipfile.ZipFile(source) as archive:
        part = workbook_part(archive)
    original = open_calamine(source, XLSX, part)
    try:
        copied = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(copy))
    except BaseException as exc:
        original.close()
        if not is_calamine_failure(exc):
            raise
        raise CopyUnreadable from exc
    changed: list[str] = []
    with original, copied:
        in_copy = set(worksheet_names(copied))
        for name in worksheet_names(original):
            if name in left_out:
                continue
            before = sheet_cells(original, name)
            if name not in in_copy:
                changed += [sheet_reference(name, a1(r, c)) for r, c in _filled(before)]
                continue
            try:
                after = sheet_cells(copied, name)
            except BaseException as exc:
                if not is_calamine_failure(exc):
                    raise
                raise CopyUnreadable from exc
            changed += [sheet_reference(name, a1(r, c)) for r, c in _differences(before, after)]
    return changed


def _filled(cells: tuple[tuple[int, int], list[list]]) -> Iterator[tuple[int, int]]:
    (top, left), rows = cells
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value != "":
                yield top + i, left + j


def _differences(
    before: tuple[tuple[int, int], list[list]], after: tuple[tuple[int, int], list[list]]
) -> Iterator[tuple[int, int]]:
    """(row, column) of each cell whose value or kind differs, 0-based."""
    (top_a, left_a), rows_a = before
    (top_b, left_b), rows_b = after
    top, left = min(top_a, top_b), min(left_a, left_b)
    last = max(top_a + len(rows_a), top_b + len(rows_b))
    for row in range(top, last):
        a = _aligned(rows_a, row - top_a, left_a - left)
        b = _aligned(rows_b, row - top_b, left_b - left)
        # Most rows are equal: compared whole (values, then their types: 1.0 == True).
        if a == b and list(map(type, a)) == list(map(type, b)):
            continue
        for col, (x, y) in enumerate(zip_longest(a, b, fillvalue="")):
            if type(x) is not type(y) or x != y:
                yield row, left + col


def _aligned(rows: list[list], index: int, shift: int) -> list:
    """Row `index` of a block, shifted right by `shift` empty cells, without its
    trailing empty cells."""
    if not 0 <= index < len(rows):
        return []
    row = rows[index]
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return [""] * shift + row[:end] if shift else row[:end]
