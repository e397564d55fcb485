"""An Excel 97-2003 `.xls` (BIFF8) is read in full: calamine reads its values, its
records the rest (error cells, the rows a SUM adds, hidden rows and columns)."""

from __future__ import annotations

import struct

import pytest

from classeurs import Feuille, construire, par_libreoffice
from pointage.base.excel_errors import ExcelError
from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook
from pointage.reading.xls_extras import _summed_area

ANNEXE = Feuille(
    """
STRUCTURE      | MONTANT RETENU | AUTRE
CCAS de Lens   | 1000           | 5
CCAS d'Arras   | 1600           | 6
CCAS de Liévin | #N/A           | 7
TOTAL          | =SUM(C4:C6)    | =SUBTOTAL(9,D4:D6)
""",
    a="B3",
    lignes_masquees=(5,),
    colonnes_masquees=("D",),
)


@pytest.fixture(scope="module")
def xls(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xls")
    made = par_libreoffice(construire(folder / "annexe.xlsx", {"Annexe": ANNEXE}), "xls", folder)
    if made is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    return made


def test_the_records_say_what_calamine_does_not(xls):
    [sheet] = read_workbook(xls).sheets
    assert (sheet.origin_row, sheet.origin_col) == (2, 1)
    # The #N/A typed in C6 and the total that shows it (a formula whose value is an error).
    assert sheet.error_cells == frozenset({(5, 2), (6, 2)})
    assert all(isinstance(sheet.value(r, c), ExcelError) for r, c in sheet.error_cells)
    assert sheet.sums == {(6, 2): (3, 5), (6, 3): (3, 5)}
    assert (sheet.hidden_rows, sheet.hidden_cols) == ({4}, {3})


def test_an_error_cell_of_an_xls_is_f010_not_an_empty_amount(xls):
    # Read as calamine gives it, the total would be « vide alors que les lignes totalisent… ».
    assert [(f.code, f.cell, f.cells) for f in check_path(xls).findings] == [
        ("F006", "B5", ("B5",)),  # the hidden column D (`Note`) is read by no check
        ("F010", "C6", ("C6", "C7")),
    ]


def _area(first: int, last: int, c1: int, c2: int) -> bytes:
    return bytes([0x25]) + struct.pack("<HHHH", first, last, c1 | 0xC000, c2 | 0xC000)


def test_a_total_formula_is_known_by_its_tokens():
    sum_attribute = bytes([0x19, 0x10, 0, 0])  # how Excel writes SUM(area)
    sum_function = bytes([0x22, 1]) + struct.pack("<H", 4)
    subtotal = bytes([0x1E]) + struct.pack("<H", 109)
    subtotal_function = bytes([0x22, 2]) + struct.pack("<H", 344)
    assert _summed_area(_area(3, 8, 4, 4) + sum_attribute) == (3, 8, 4, 4)
    assert _summed_area(_area(3, 8, 4, 4) + sum_function) == (3, 8, 4, 4)
    assert _summed_area(subtotal + _area(3, 8, 4, 4) + subtotal_function) == (3, 8, 4, 4)
    # AVERAGE(area), SUBTOTAL(1, area), an area and something more: not a total's formula.
    assert _summed_area(_area(3, 8, 4, 4) + bytes([0x22, 1]) + struct.pack("<H", 5)) is None
    assert _summed_area(bytes([0x1E]) + struct.pack("<H", 1) + _area(3, 8, 4, 4) + subtotal_function) is None
    assert _summed_area(_area(3, 8, 4, 4) + sum_attribute + bytes([0x1E, 1, 0])) is None


def test_an_embedded_workbook_is_not_read_as_the_workbook(xls, tmp_path):
    # An Excel 95 file (its stream is `Book`) holding an embedded Excel 97 object (its
    # own `Workbook` stream, full of errors): the object's records are not the file's.
    from pyopenvba.cfb import CFB

    clean = par_libreoffice(
        construire(
            tmp_path / "propre.xlsx", {"Annexe": Feuille(ANNEXE.texte.replace("#N/A", "400"), a="B3")}
        ),
        "xls",
        tmp_path,
    )
    container = CFB.from_bytes(clean.read_bytes())
    own = container.get_stream_at((), "Workbook")
    container.remove_stream("Workbook")
    container.add_stream_at((), "Book", own)
    container.add_substorage_at((), "MBD00000001")
    container.add_stream_at(
        ("MBD00000001",), "Workbook", CFB.from_bytes(xls.read_bytes()).get_stream_at((), "Workbook")
    )
    hybrid = tmp_path / "objet.xls"
    hybrid.write_bytes(container.to_bytes())
    # calamine itself reads the object's values here: the file is said not read in full.
    [sheet] = read_workbook(hybrid).sheets
    assert sheet.error_cells == frozenset()
    assert [f.code for f in check_path(hybrid).findings][:1] == ["E001"]


def test_records_that_do_not_fit_calamines_values_are_not_used(xls, tmp_path, monkeypatch):
    # The errors' workbook records over the clean workbook's values (another stream
    # than the one calamine read): a « #N/A » where calamine read 400 is not believed.
    from pyopenvba.cfb import CFB

    from pointage.reading import other_formats, xls_extras

    clean = par_libreoffice(
        construire(
            tmp_path / "propre.xlsx", {"Annexe": Feuille(ANNEXE.texte.replace("#N/A", "400"), a="B3")}
        ),
        "xls",
        tmp_path,
    )
    errors = xls_extras._scan(CFB.from_bytes(xls.read_bytes()).get_stream_at((), "Workbook"))
    monkeypatch.setattr(other_formats, "scan_xls", lambda path: errors)
    snapshot = read_workbook(clean)
    [sheet] = snapshot.sheets
    assert (sheet.error_cells, sheet.value(5, 2), sheet.sums) == (frozenset(), 400, {})
    assert len(snapshot.gaps) == 1
