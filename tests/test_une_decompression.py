"""Each sheet of an `.xlsx` is inflated once per check: the inflate that refuses bombs
before calamine starts (`zip_parts.check_inflation`) also counts the sheet's cells and
scans its XML for what calamine does not tell. The scan inflated every sheet a second
time (0,1 s of CPU on the 41 MB sheet of the `lecture` bench)."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pointage.base.addresses import column_letter
from pointage.engine.check import check_path
from pointage.reading import zip_parts
from pointage.reading.sparse_sheet import Census
from pointage.reading.xlsx import sheet_parts
from pointage.reading.xml_rows import PIECE, RowPieces

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def test_each_sheet_is_inflated_once_per_check(monkeypatch):
    inflated: Counter[str] = Counter()
    inflate = zip_parts.PartStream._next

    def counted(stream, size):
        out = inflate(stream, size)
        inflated[stream.info.filename] += len(out)
        return out

    monkeypatch.setattr(zip_parts.PartStream, "_next", counted)
    report = check_path(EXAMPLE)
    assert [(f.code, f.cell) for f in report.findings] == [
        ("M001", "E7"),
        ("M001", "E17"),
        ("B007", "B4"),
        ("B007", "B4"),
        ("B006", "C4"),
    ]
    with zipfile.ZipFile(EXAMPLE) as archive:
        sizes = {part: archive.getinfo(part).file_size for _, part in sheet_parts(archive)}
    assert len(sizes) == 5
    assert {part: inflated[part] for part in sizes} == sizes


# --- the census made during that inflate -----------------------------------------------

HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
REFERENCES = st.tuples(st.integers(1, 1_048_576), st.integers(0, 16_383))


@st.composite
def sheets(draw):
    """A sheet's XML in blocks: rows of cells in order, some cells written far away or
    without their reference, cut anywhere."""
    rows, number = [], 0
    for _ in range(draw(st.integers(0, 30))):
        number += draw(st.integers(1, 3000))
        cells = [(number, col) for col in range(draw(st.integers(0, 8)))]
        cells += draw(st.lists(REFERENCES, max_size=1))  # a cell far away (or not)
        rows.append(cells)
    unreferenced = draw(st.booleans()) and draw(st.integers(0, max(len(rows) - 1, 0)))
    xml = [HEAD]
    for position, cells in enumerate(rows):
        xml.append(b'<row r="%d">' % cells[0][0] if cells else b"<row>")
        for row, col in cells:
            xml.append(b'<c r="%s%d" s="1"><v>7</v></c>' % (column_letter(col).encode(), row))
        if unreferenced is not False and position == unreferenced:
            xml.append(b'<c s="1"><v>7</v></c>')
        xml.append(b"</row>")
    data = b"".join(xml) + b"</sheetData></worksheet>"
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=6)))
    blocks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)]) if b > a]
    return blocks, [c for cells in rows for c in cells], unreferenced is not False and bool(rows)


@given(sheets())
@settings(max_examples=300, deadline=None)
def test_the_census_bound_is_the_block_its_references_span(sheet):
    blocks, cells, unreferenced = sheet
    census = Census()
    for block in [*blocks, b""]:
        census(block)
    if unreferenced:
        assert census.bound is None  # measured cell by cell
        return
    last_row = max((row - 1 for row, _ in cells), default=-1)
    last_col = max((col for _, col in cells), default=-1)
    assert census.bound == (last_row + 1) * (last_col + 1)
    assert census.cells == len(cells)


def test_a_run_without_a_tag_end_is_kept_within_a_piece():
    pieces = []
    cutter = RowPieces(lambda piece, end: pieces.append(piece[:end]))
    text = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"x" * (3 * PIECE) + b"</t></is></c></row>"
    for start in range(0, len(text), 1 << 20):
        cutter(text[start : start + (1 << 20)])
        assert sum(len(b) for b in cutter._blocks) <= PIECE + (1 << 20)
    cutter(b"")
    assert b"".join(pieces) == text
    assert cutter.torn
