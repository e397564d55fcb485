"""How many cells a workbook may spread over to be read, whatever its format and layout.

calamine makes a dense block of each sheet's used range, from its first to its last
cell that holds something: 32 bytes a cell in calamine, 8 more in the Python lists,
whether the cell is filled or not (a `.xls` with one number in A1 and one in IV65536
takes 1.2 GiB). Each reader measures that range from the file's own records before
calamine reads anything (`sparse_sheet.py` for `.xlsx`, `xls_extras.py`, `ods_extras.py`,
`xlsb_extent.py`, `xml2003.py`); a sheet past the limit is read by its filled cells
only where the format allows it (`.xlsx`, XML 2003), said and skipped, or refused.
"""

from __future__ import annotations

from pointage.base.formatting import count

# The used ranges of a workbook's sheets, together: past this, a check takes more than
# 512 MiB for an empty range and passes 1 GiB for a filled one (a filled cell costs
# about 180 bytes along the check: 480 000 annex rows of 7 columns, 3,4 million cells,
# take 605 MiB).
MAX_CELLS = 3_500_000
# What the limit is, said to the user.
LIMIT_SAID = "3 500 000 cellules (environ 500 000 lignes d'annexe de 7 colonnes)"


def too_many_cells(cells: int) -> str:
    """The reason a workbook whose sheets span `cells` cells is refused."""
    return (
        f"le classeur est trop volumineux pour être vérifié : ses feuilles s'étendent sur au moins "
        f"{count(cells, 'cellule')} (de la première à la dernière cellule remplie de chacune), "
        f"au-delà de {LIMIT_SAID} ; la vérification prendrait plus de 1 Gio de mémoire : "
        "découpez-le en plusieurs classeurs."
    )


def spread_out(rows: int, cols: int, filled: int) -> str:
    """A sheet whose filled cells are too far apart to be read, said as what it is."""
    return (
        f"la feuille s'étend sur {count(rows, 'ligne')} et {count(cols, 'colonne')} pour "
        f"{count(filled, 'cellule remplie', 'cellules remplies')}, éparpillées : trop grande pour être lue"
    )


def spread_out_refused(sheet: str, rows: int, cols: int, filled: int) -> str:
    """The reason a workbook is refused when one of its sheets is too spread out and
    its format is read whole by calamine (`.xls`, `.ods`, `.xlsb`)."""
    return (
        f"{spread_out(rows, cols, filled).replace('la feuille', f'la feuille « {sheet} »', 1)} "
        "(rapprochez ses cellules ou supprimez les cellules isolées ; enregistré au format .xlsx, "
        "le classeur serait lu par ses seules cellules remplies)."
    )


def block_refused(sheet: str, rows: int, cols: int, filled: int) -> str:
    """The reason a sheet's block of `rows` × `cols` cells, `filled` of them filled, is
    not read: too many cells, or (half of them empty at least) too spread out."""
    if filled > rows * cols // 2:
        return too_many_cells(rows * cols)
    return spread_out_refused(sheet, rows, cols, filled)


class Box:
    """The bounding box of a sheet's cells (0-based, inclusive) and how many there are."""

    def __init__(self) -> None:
        self.top = self.left = self.bottom = self.right = -1
        self.cells = 0

    def add(self, row: int, col: int, rows: int = 1, cols: int = 1) -> None:
        """A cell, or a block of `rows` × `cols` repeated ones."""
        if self.cells == 0:
            self.top, self.left = row, col
            self.bottom, self.right = row + rows - 1, col + cols - 1
        else:
            self.top, self.left = min(self.top, row), min(self.left, col)
            self.bottom, self.right = max(self.bottom, row + rows - 1), max(self.right, col + cols - 1)
        self.cells += rows * cols

    @property
    def height(self) -> int:
        return 0 if self.cells == 0 else self.bottom - self.top + 1

    @property
    def width(self) -> int:
        return 0 if self.cells == 0 else self.right - self.left + 1

    @property
    def area(self) -> int:
        return self.height * self.width


def refuse_spread(boxes: dict[str, Box]) -> None:
    """For the formats calamine reads whole when it opens them: the workbook is refused
    when one sheet's used range, or all of them together, pass MAX_CELLS."""
    from pointage.base.errors import UnreadableWorkbook

    for sheet, box in boxes.items():
        if box.area > MAX_CELLS:
            raise UnreadableWorkbook(block_refused(sheet, box.height, box.width, box.cells))
    total = sum(box.area for box in boxes.values())
    if total > MAX_CELLS:
        raise UnreadableWorkbook(too_many_cells(total))
