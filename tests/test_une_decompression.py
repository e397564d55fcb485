"""Each sheet of an `.xlsx` is inflated once per check: the inflate that refuses bombs
before calamine starts (`zip_parts.check_inflation`) also counts the sheet's cells and
scans its XML for what calamine does not tell. The scan inflated every sheet a second
time (0,1 s of CPU on the 41 MB sheet of the `lecture` bench)."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from pointage.engine.check import check_path
from pointage.reading import zip_parts
from pointage.reading.xlsx import sheet_parts

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
