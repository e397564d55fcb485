"""A workbook on disk, whatever its format: the format is told by the content (see
`formats.py`), and the reader for it makes the snapshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pointage.reading.formats import CSV, XLSX, XML2003, sniff
from pointage.reading.recalculation import recalculate
from pointage.reading.snapshot import WorkbookSnapshot


def read_workbook(path: str | Path, while_loading: Callable[[], None] | None = None) -> WorkbookSnapshot:
    """The snapshot of every worksheet; UnreadableWorkbook with a French reason when the
    file is not a workbook Pointage reads."""
    path = Path(path)
    kind = sniff(path)
    if kind == XLSX:
        from pointage.reading.xlsx import read_xlsx

        snapshot = read_xlsx(path, while_loading)
    elif kind == CSV:
        from pointage.reading.csv_text import read_csv

        snapshot = read_csv(path)
    elif kind == XML2003:
        from pointage.reading.xml2003 import read_xml2003

        snapshot = read_xml2003(path)
    else:
        from pointage.reading.other_formats import read_other

        snapshot = read_other(path, kind)
    # A workbook never recalculated: its simple formulas get their values here.
    recalculate(snapshot)
    return snapshot
