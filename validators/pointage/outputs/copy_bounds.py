"""How large a workbook the annotated copy is written for: openpyxl holds every cell of
it as a Python object (about 600 bytes each, ten times what the check takes: the copy
of the 100 000-row benchmark workbook takes 538 MiB), so the cells are counted before
openpyxl loads anything, by the same streamed pass the check makes (`zip_parts.py`,
`sparse_sheet.Census`), and a copy past the limit is refused with a French reason. The
copy is read back by calamine before it is written (`copy_check.py`): a sheet whose
cells lie too far apart for calamine to read it as one block (the check read its filled
cells one by one, or not at all) gets no copy either."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pointage.base.errors import UnreadableWorkbook
from pointage.base.formatting import count, first_of
from pointage.reading.cell_limits import MAX_CELLS
from pointage.reading.snapshot import WorkbookSnapshot
from pointage.reading.sparse_sheet import Census, Extent, measure
from pointage.reading.xlsx import book_structure
from pointage.reading.zip_parts import check_inflation

# About 140 000 annex rows of 7 columns; openpyxl then takes some 700 MiB.
MAX_COPIED_CELLS = 1_000_000


def check_copy_size(source: Path) -> None:
    """Refuse the copy of an `.xlsx` whose sheets write more cells than the limit (every
    `<c>`, formatted empty ones too: openpyxl makes an object of each)."""
    with zipfile.ZipFile(source) as archive:
        sheets = book_structure(archive).sheets
        census = {part: Census() for _, part in sheets}
        check_inflation(archive, census)
        _refuse_past_limit(sum(c.cells for c in census.values()))
        spread = [name for name, part in sheets if _spread(archive, part, census[part])]
    if spread:
        raise UnreadableWorkbook(COPY_SPREAD.format(sheets=first_of([f"« {name} »" for name in spread])))


COPY_SPREAD = (
    "les cellules de la feuille {sheets} sont trop éloignées les unes des autres pour que la "
    "copie soit relue et comparée au classeur : elle n'est pas écrite (les constats restent "
    "valables). Rapprochez ses cellules ou supprimez les cellules isolées, ou ouvrez le classeur "
    "dans Excel et cliquez sur « Vérifier » (complément Pointage)."
)


def _spread(archive: zipfile.ZipFile, part: str, census: Census) -> bool:
    """Whether calamine's block of the sheet would pass MAX_CELLS (measured as the check
    measures it: by the census's bound, or cell by cell)."""
    bound = census.bound
    if bound is not None and bound <= MAX_CELLS:
        return False
    return part in archive.NameToInfo and Extent.area(measure(archive, part).kept) > MAX_CELLS


def check_values_copy_size(snapshot: WorkbookSnapshot) -> None:
    """Refuse the values copy of a workbook whose sheets hold more filled cells than the limit."""
    filled = sum(1 for sheet in snapshot.sheets for row in sheet.values for value in row if value != "")
    _refuse_past_limit(filled)


def _refuse_past_limit(cells: int) -> None:
    if cells > MAX_COPIED_CELLS:
        raise UnreadableWorkbook(
            f"le classeur compte {count(cells, 'cellule')}, au-delà des "
            f"{count(MAX_COPIED_CELLS, 'cellule')} (environ 140 000 lignes d'annexe de 7 colonnes) "
            "dont la copie annotée peut être écrite sans dépasser la mémoire prévue (les constats "
            "restent valables). Ouvrez le classeur dans Excel et cliquez sur « Vérifier » "
            "(complément Pointage) : les marques sont posées dans le classeur ouvert."
        )
