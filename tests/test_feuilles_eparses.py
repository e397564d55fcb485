"""A sheet whose used range is huge and whose filled cells are few is read by the cells
that exist: calamine would make a dense block of a billion cells and kill the process
(« memory allocation of 33222504384 bytes failed »), so such a sheet is measured first
and its filled cells read from their own XML."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from classeurs import par_libreoffice
from pointage.reading.workbook import read_workbook

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
FAR = b'<row r="1036131"><c r="ALN1036131" t="inlineStr"><is><t></t></is></c></row>'


def _with_far_cell(source: Path, target: Path, sheet_part: str, cell: bytes = FAR) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts[sheet_part] = parts[sheet_part].replace(b"</sheetData>", cell + b"</sheetData>", 1)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _verifier(path: Path) -> tuple[int, list]:
    # In a process of its own: before the fix, calamine aborted the whole process.
    run = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = json.loads(run.stdout)["files"][0]["findings"] if run.stdout else run.stderr[-300:]
    return run.returncode, findings


def test_an_empty_text_far_away_leaves_the_sheet_read_as_it_is(tmp_path):
    far = _with_far_cell(EXAMPLE, tmp_path / "loin.xlsx", "xl/worksheets/sheet1.xml")
    assert _verifier(far) == _verifier(EXAMPLE)


def test_the_cells_read_apart_keep_their_types(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Annexe"
    sheet.append(["STRUCTURE", "DATE", "MONTANT RETENU", "SIGNÉ"])
    sheet.append(["CCAS de Lens", datetime(2024, 9, 16), 1600.5, True])
    sheet.append(["CCAS d'Arras", datetime(2024, 9, 17), "#REF!", False])
    sheet["C2"].number_format = '#,##0.00 "€"'
    book.save(tmp_path / "types.xlsx")
    far = _with_far_cell(tmp_path / "types.xlsx", tmp_path / "loin.xlsx", "xl/worksheets/sheet1.xml")
    apart, whole = read_workbook(far).sheets[0], read_workbook(tmp_path / "types.xlsx").sheets[0]
    assert (apart.values, apart.origin_row, apart.origin_col) == (
        whole.values,
        whole.origin_row,
        whole.origin_col,
    )
    assert type(apart.value(2, 2)).__name__ == "ExcelError"


def test_shared_strings_read_apart(tmp_path):
    converted = par_libreoffice(EXAMPLE, "xlsx", tmp_path / "lo")  # LibreOffice writes shared strings
    if converted is None:
        import pytest

        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    with zipfile.ZipFile(converted) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    far = _with_far_cell(converted, tmp_path / "loin.xlsx", "xl/worksheets/sheet1.xml")
    assert _verifier(far) == _verifier(converted)


def test_filled_cells_too_spread_out_are_said_and_the_other_sheets_checked(tmp_path):
    stray = b'<row r="1036131"><c r="ALN1036131" t="inlineStr"><is><t>x</t></is></c></row>'
    far = _with_far_cell(EXAMPLE, tmp_path / "eparse.xlsx", "xl/worksheets/sheet3.xml", stray)
    code, findings = _verifier(far)
    sheet = openpyxl.load_workbook(EXAMPLE, read_only=True).sheetnames[2]
    gap = [f for f in findings if f["code"] == "E001"]
    assert [(f["sheet"], f["severity"]) for f in gap] == [(sheet, "info")]
    assert re.fullmatch(
        r"Lecture incomplète : la feuille s'étend sur 1 036 131 lignes et 1 002 colonnes pour \d+ cellules "
        r"remplies, éparpillées : trop grande pour être lue, elle n'a pas été vérifiée \(rapprochez "
        r"ses cellules ou supprimez les cellules isolées\)\.",
        gap[0]["message"],
    )
    # The other sheets are checked: the two M001 of Annexe 1 are still found.
    assert code == 1 and [f["cell"] for f in findings if f["code"] == "M001"] == ["E7", "E17"]
