"""Error cells (`#REF!`, `#DIV/0!`…) are values of their own: never empty, never 0.

calamine gives them as empty strings; the XML pass reads them (`t="e"`), the live
book reads them as their text (xlwings' `err_to_str`). In a table they are F010, and
the checks that need them are not made.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from addin_payload import book_of, payload_from_file
from classeurs import construire
from pointage.addin.read_book import read_book
from pointage.engine.check import check_path, check_snapshot
from pointage.reading.snapshot import ExcelError
from pointage.reading.workbook import read_workbook
from pointage.reading.xlsx import _scan_block, _SheetExtras

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
UNKNOWN = "valeur inconnue, jamais lue comme 0 ; les contrôles qui l'utilisent (total, solde, montant recalculé) n'ont pas été faits."


def _found(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def test_the_xml_pass_reads_which_error_a_cell_shows():
    extras = _SheetExtras()
    block = (
        b'<row r="7"><c r="E7" t="e"><f>D7/0</f><v>#DIV/0!</v></c><c r="F7" t="e"><v>#N/A</v></c>'
        b'<c r="G7" t="s"><v>3</v></c><c r="H7" t="e"/><c r="I7"><v>42</v></c></row>'
    )
    _scan_block(block, len(block), extras, prefixed=False)
    assert extras.errors == {(6, 4): "#DIV/0!", (6, 5): "#N/A"}
    assert extras.formulas_without_value == set()


def _example_with_errors(tmp_path: Path) -> Path:
    path = tmp_path / "erreurs.xlsx"
    shutil.copy(EXAMPLE, path)
    book = openpyxl.load_workbook(path)
    book["Annexe 1"]["E7"] = "#REF!"  # openpyxl writes it as an error cell, t="e"
    book["Rapport"]["F4"] = "#DIV/0!"
    book.save(path)
    return path


def test_error_cells_of_the_example_are_erreurs_where_they_are(tmp_path):
    report = check_path(_example_with_errors(tmp_path))
    assert [f for f in _found(report) if f[0] in ("F002", "F010")] == [
        (
            "F010",
            "erreur",
            "Annexe 1",
            "E7",
            ("E7",),
            f"La cellule affiche l'erreur Excel « #REF! » (colonne « MONTANT RETENU ») : {UNKNOWN}",
        ),
        (
            "F010",
            "erreur",
            "Rapport",
            "F4",
            ("F4",),
            f"La cellule affiche l'erreur Excel « #DIV/0! » (colonne « Proposition € ») : {UNKNOWN}",
        ),
    ]
    # The amount of E7 is unknown: it is not recomputed (its M001 is gone), the rest stays.
    original = [f for f in _found(check_path(EXAMPLE)) if f[3] != "E7"]
    assert [f for f in _found(report) if f[0] != "F010"] == original


def test_the_live_book_reads_error_cells_as_the_file_does(tmp_path):
    path = _example_with_errors(tmp_path)
    in_excel = check_snapshot(read_book(book_of(payload_from_file(path))))
    assert _found(in_excel) == _found(check_path(path))


def test_several_error_cells_of_one_table_are_one_finding(tmp_path):
    path = construire(
        tmp_path / "t.xlsx",
        {
            "Annexe": """
            STRUCTURE    | MONTANT RETENU
            CCAS de Lens | #REF!
            CCAS d'Arras | 1600
            CCAS de Liévin | #N/A
            TOTAL        | #REF!
            """
        },
    )
    f010 = [f for f in _found(check_path(path)) if f[0] == "F010"]
    assert f010 == [
        (
            "F010",
            "erreur",
            "Annexe",
            "B2",
            ("B2", "B4", "B5"),
            f"3 cellules affichent une erreur Excel (« #REF! » en B2, « #N/A » en B4, « #REF! » en B5) : {UNKNOWN}",
        )
    ]
    assert [f[0] for f in _found(check_path(path))] == ["F010"]  # no total checked, none flagged


def test_a_sheet_of_error_cells_only_is_not_empty(tmp_path):
    book = openpyxl.Workbook()
    book.active["B2"], book.active["C3"] = "#REF!", "#N/A"
    book.save(tmp_path / "e.xlsx")
    sheet = read_workbook(tmp_path / "e.xlsx").sheets[0]
    assert (sheet.origin_row, sheet.origin_col) == (1, 1)
    assert sheet.values == [["#REF!", ""], ["", "#N/A"]]
    assert isinstance(sheet.value(1, 1), ExcelError)
    report = check_path(tmp_path / "e.xlsx")
    assert "vide" not in report.findings[0].message
