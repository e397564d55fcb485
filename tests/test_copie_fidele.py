"""The annotated copy is faithful: no text lost, formulas with the values they had
(checking the copy gives the original's findings), workbooks without `<calcPr>`, every
format (a non-`.xlsx` workbook gets an `.xlsx` copy), French words only."""

from __future__ import annotations

import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from classeurs import avec_valeurs_en_cache, construire, par_libreoffice, vers_xml_2003
from pointage.base.fingerprint import sha256_of
from pointage.commands.verifier import annotate
from pointage.engine.check import check_path
from pointage.outputs.annotated_copy import COPY_UNREADABLE
from pointage.reading.workbook import read_workbook

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "workbooks" / "exemples").glob("*.xlsx"))
GOLDEN_KO = sorted((ROOT / "tests" / "rules").glob("*/ko*.py"))


def _found(path: Path):
    return [
        (f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in check_path(path).findings
    ]


def _annotated(path: Path) -> Path:
    ok, lines = annotate(path, check_path(path), None, force=True)
    assert ok, lines
    copy = Path(re.search(r"Copie annotée écrite : (.+) \(le classeur", lines[0])[1])
    openpyxl.load_workbook(copy)  # it reopens in openpyxl (and calamine, in the check)
    return copy


def _golden(case: Path, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location(f"copie_{case.parent.name}_{case.stem}", case)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return construire(folder / f"{case.parent.name}-{case.stem}.xlsx", module.CLASSEUR)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_checking_the_copy_of_each_example_gives_its_findings(example, tmp_path):
    source = Path(shutil.copy(example, tmp_path / example.name))
    assert _found(_annotated(source)) == _found(source)


@pytest.mark.parametrize("case", GOLDEN_KO, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_checking_the_copy_of_each_golden_workbook_gives_its_findings(case, tmp_path):
    source = _golden(case, tmp_path)
    assert _found(_annotated(source)) == _found(source)


def test_formulas_keep_their_cached_values_in_the_copy(tmp_path):
    source = construire(
        tmp_path / "formules.xlsx",
        {
            "Annexe": """
            STRUCTURE     | PLACES      | MONTANT RETENU | OBSERVATIONS
            CCAS Outreau  | 30          | =B2*80         | =""
            CCAS Wimereux | 13          | 1040           |
            ="TOTAL"      | =SUM(B2:B3) | =SUM(C2:C3)    |
            """
        },
    )
    # A number, a text (`t="str"`) and the empty text a formula may give.
    avec_valeurs_en_cache(source, {"Annexe": {"C2": 2400, "D2": "", "A4": "TOTAL", "B4": 43, "C4": 3441}})
    assert [f[:4] for f in _found(source)] == [("T001", "erreur", "Annexe", "C4")]
    copy = _annotated(source)
    assert _found(copy) == _found(source)  # no F003 on the formulas of the copy
    sheet = openpyxl.load_workbook(copy)["Annexe"]
    assert (sheet["C2"].value, sheet["C4"].value) == ("=B2*80", "=SUM(C2:C3)")  # formulas kept
    assert openpyxl.load_workbook(copy).calculation.fullCalcOnLoad  # and Excel recomputes them


def test_a_rich_text_run_of_spaces_keeps_its_spaces(tmp_path):
    source = Path(shutil.copy(EXAMPLES[1], tmp_path / "riche.xlsx"))
    book = openpyxl.load_workbook(source)
    runs = [
        TextBlock(InlineFont(b=True), "CCAS"),
        TextBlock(InlineFont(), " "),
        TextBlock(InlineFont(i=True), "de Bethune"),
    ]
    book["Annexe 1"]["C7"] = CellRichText(runs)
    book.save(source)
    # As Excel writes it: a run of spaces keeps them (openpyxl itself forgets to say so).
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts = {n: d.replace(b"<t> </t>", b'<t xml:space="preserve"> </t>') for n, d in parts.items()}
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_workbook(source).sheets[0].value(6, 2) == "CCAS de Bethune"
    copy = _annotated(source)
    assert read_workbook(copy).sheets[1].value(6, 2) == "CCAS de Bethune"


def test_a_workbook_without_calc_properties_is_copied(tmp_path):
    source = Path(shutil.copy(EXAMPLES[1], tmp_path / "poi.xlsx"))
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", b"", parts["xl/workbook.xml"])
    assert b"calcPr" not in parts["xl/workbook.xml"]
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert _found(_annotated(source)) == _found(source)


def test_a_workbook_openpyxl_cannot_open_gets_a_french_reason_and_the_excel_route(tmp_path):
    source = Path(shutil.copy(EXAMPLES[1], tmp_path / "marges.xlsx"))
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    # A page margin that is not a number: Excel and calamine pass over it, openpyxl does not.
    sheet = re.sub(rb"<pageMargins[^>]*/>", b"", parts["xl/worksheets/sheet1.xml"])
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</sheetData>",
        b'</sheetData><pageMargins left="abc" right="1" top="1" bottom="1" header="0" footer="0"/>',
        1,
    )
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = check_path(source)
    assert not report.unreadable
    ok, lines = annotate(source, report, None, force=False)
    assert (ok, lines) == (False, [f"Copie annotée non écrite pour {source} : {COPY_UNREADABLE}"])
    assert "Excel" in COPY_UNREADABLE and "« Vérifier »" in COPY_UNREADABLE


def test_a_workbook_of_another_format_gets_an_xlsx_copy(tmp_path):
    source = vers_xml_2003(EXAMPLES[1], tmp_path / "export.xls")
    ok, lines = annotate(source, check_path(source), None, force=False)
    copy = tmp_path / "export.pointage.xlsx"
    assert ok and lines == [
        f"Copie annotée écrite : {copy} (le classeur vérifié n'a pas été modifié).",
        "Attention, la copie annotée ne garde pas : le format d'origine (la copie est un classeur "
        ".xlsx) ; les formules (la copie garde les valeurs qu'elles affichaient) ; la mise en forme "
        "des cellules.",
    ]
    assert _found(copy) == _found(source)
    assert openpyxl.load_workbook(copy).sheetnames[0] == "Contrôles"


def test_the_copy_of_an_xls_says_the_findings_of_the_xls(tmp_path):
    source = par_libreoffice(EXAMPLES[1], "xls", tmp_path)
    if source is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    copy = _annotated(source)
    assert copy.suffix == ".xlsx"
    # The .xls was read without its hidden rows (E001); the copy holds what was read.
    assert _found(copy) == [f for f in _found(source) if f[0] != "E001"]
    assert sha256_of(source) != sha256_of(copy)


def test_a_mark_inside_a_merged_range_goes_to_its_top_left_cell():
    from datetime import datetime

    from pointage.outputs.annotated_copy import apply_marks
    from pointage.outputs.marks import CellMark, MarkPlan
    from pointage.report.findings import Severity

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Annexe"
    for row in range(1, 2001, 2):  # a thousand merged ranges, as in a long annex
        sheet.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=3)
    sheet.merge_cells("E100:E300")
    marks = [
        CellMark("Annexe", "B1202", Severity.ERREUR, True, ["une note"]),
        CellMark("Annexe", "E250", Severity.AVERTISSEMENT, True),
        CellMark("Annexe", "D7", Severity.AVERTISSEMENT, False),
    ]
    apply_marks(book, MarkPlan(datetime(2026, 12, 2), "0" * 64, "annexe.xlsx", {}, marks, []))
    filled = {
        c.coordinate: (c.fill.start_color.rgb[-6:], c.comment.text if c.comment else None)
        for row in sheet.iter_rows()
        for c in row
        if c.fill.fill_type == "solid"
    }
    assert filled == {
        "A1201": (marks[0].fill[-6:], "une note"),
        "E100": (marks[1].fill[-6:], None),
        "D7": (marks[2].fill[-6:], None),
    }


def test_a_copy_that_would_not_reopen_is_not_written(tmp_path, monkeypatch):
    import pointage.outputs.faithful_save as faithful
    from pointage.outputs.annotated_copy import COPY_UNWRITABLE

    source = Path(shutil.copy(EXAMPLES[1], tmp_path / "annexe.xlsx"))
    # A part damaged on the way (as a pivot cache openpyxl drops and still names).
    monkeypatch.setattr(faithful, "mend_sheet", lambda xml, cached: xml[: len(xml) // 2])
    ok, lines = annotate(source, check_path(source), None, force=False)
    assert (ok, lines) == (False, [f"Copie annotée non écrite pour {source} : {COPY_UNWRITABLE}"])
    assert not (tmp_path / "annexe.pointage.xlsx").exists()


def test_the_xlsx_copy_of_another_format_gives_its_sheets_names_excel_allows(tmp_path):
    # An .ods (here Excel 2003 XML) allows 40 characters and a `/` in a sheet's name.
    long_name = "Annexe 1 - Répartition 2024/2025 des crédits"
    source = tmp_path / "export.xml"
    source.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="{long_name}"><Table>'
        '<Row><Cell><Data ss:Type="String">STRUCTURE</Data></Cell><Cell><Data ss:Type="String">MONTANT RETENU</Data></Cell></Row>'
        '<Row><Cell><Data ss:Type="String">CCAS de Lens</Data></Cell><Cell><Data ss:Type="Number">100</Data></Cell></Row>'
        '<Row><Cell><Data ss:Type="String">CCAS d\'Arras</Data></Cell><Cell><Data ss:Type="Number">200</Data></Cell></Row>'
        '<Row><Cell><Data ss:Type="String">TOTAL</Data></Cell><Cell><Data ss:Type="Number">301</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    assert [(f[0], f[2], f[3]) for f in _found(source)] == [("T001", long_name, "B4")]
    copy = _annotated(source)
    title = "Annexe 1 - Répartition 2024_202"  # 31 characters
    assert openpyxl.load_workbook(copy).sheetnames == ["Contrôles", title]
    assert [(f[0], f[2], f[3]) for f in _found(copy)] == [("T001", title, "B4")]
    controles = openpyxl.load_workbook(copy)["Contrôles"]
    assert controles["D12"].hyperlink.location == f"'{title}'!B4"
    # The table read is listed under the sheet's name in the copy, and links there.
    assert [c.value for c in controles[16][:4]] == ["Tableau de répartition", "vérifié", title, "A1:B4"]
    assert controles["D16"].hyperlink.location == f"'{title}'!A1:B4"
