"""`pointage modele`: a blank annex workbook, recognised as it is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from classeurs import parties_canoniques

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "workbooks" / "modeles" / "modele-annexes.xlsx"


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=60
    )


def verifier_json(path: Path) -> dict:
    return json.loads(pointage("verifier", path, "--format", "json").stdout)


def test_blank_template_has_no_finding(tmp_path):
    target = tmp_path / "annexes.xlsx"
    result = pointage("modele", "--sortie", target)
    assert result.returncode == 0, result.stderr
    assert pointage("verifier", target).returncode == 0
    [file] = verifier_json(target)["files"]
    assert (file["status"], file["findings"]) == ("ok", [])
    assert {t["kind"] for t in file["tables"]} == {"parametres", "bareme", "repartition", "imputation"}


def test_shipped_template_is_the_generated_one(tmp_path):
    target = tmp_path / "annexes.xlsx"
    pointage("modele", "--sortie", target)
    assert parties_canoniques(target) == parties_canoniques(SHIPPED)


def test_template_content():
    workbook = openpyxl.load_workbook(SHIPPED)
    assert workbook.sheetnames == ["Mode d'emploi", "Paramètres", "Barème", "Annexe", "Imputation"]
    bareme = [tuple(r) for r in workbook["Barème"].iter_rows(values_only=True)]
    assert bareme[:3] == [
        ("Unité", "Coût annuel (€)", "Structure"),
        ("place", 160, None),
        ("portefeuille", 13750, None),
    ]
    annexe = workbook["Annexe"]
    assert [(t.name, t.ref) for t in annexe.tables.values()] == [("Repartition", "A3:G200")]
    [validation] = annexe.data_validations.dataValidation
    assert (validation.formula1, str(validation.sqref)) == ('"Oui,Non"', "F4:F200")
    assert annexe["E4"].number_format == '#,##0.00 "€"'
    imputation = workbook["Imputation"]
    assert imputation["G4"].value == '=IF(AND(ISNUMBER(E4),ISNUMBER(F4)),E4-F4,"")'
    assert imputation["F4"].number_format == '#,##0.00 "€"'


def test_a_wrong_total_typed_into_the_template_is_found(tmp_path):
    target = tmp_path / "annexes.xlsx"
    pointage("modele", "--sortie", target)
    workbook = openpyxl.load_workbook(target)
    annexe = workbook["Annexe"]
    rows = [
        ("Mobilité", "Artois", "CCAS de Lens", "10 places du 1er juillet au 31 décembre 2024", 800, "Oui"),
        ("Mobilité", "Artois", "CCAS de Liévin", "20 places du 1er juillet au 31 décembre 2024", 1600, "Oui"),
        ("TOTAL", None, None, 30, 2500, None),
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            annexe.cell(row=4 + offset, column=col, value=value)
    filled = tmp_path / "rempli.xlsx"
    workbook.save(filled)
    result = pointage("verifier", filled, "--format", "json")
    assert result.returncode == 1
    findings = [
        (f["code"], f["sheet"], f["cell"], f["expected"], f["found"])
        for f in json.loads(result.stdout)["files"][0]["findings"]
        if f["severity"] == "erreur"
    ]
    assert ("T001", "Annexe", "E6", "2400.00", "2500.00") in findings
    # The Solde formulas of the empty Imputation lines are outside any table: no F003.
    assert [code for code, *_ in findings] == ["T001"]


def test_modele_refuses_to_overwrite(tmp_path):
    target = tmp_path / "annexes.xlsx"
    target.write_bytes(b"a moi")
    result = pointage("modele", "--sortie", target)
    assert result.returncode == 2 and "existe déjà" in result.stderr
    assert target.read_bytes() == b"a moi"
    assert pointage("modele", "--sortie", target, "--remplacer").returncode == 0


# The header rows of the template's sheets, and the keys of Paramètres (column A).
HEADER_ROWS = {"Paramètres": 1, "Barème": 1, "Annexe": 3, "Imputation": 3}


def _headers(workbook) -> list[tuple[str, str, str, bool]]:
    """(sheet, column letter, text, under an Excel Table's filter button)."""
    found = []
    for name, row in HEADER_ROWS.items():
        sheet = workbook[name]
        in_table = {ws_cell for t in sheet.tables.values() for ws_cell in _first_row(t.ref)}
        for cell in sheet[row]:
            if isinstance(cell.value, str):
                found.append((name, cell.column_letter, cell.value, cell.coordinate in in_table))
    keys = workbook["Paramètres"]
    found.extend(("Paramètres", "A", c.value, False) for c in keys["A"][1:] if isinstance(c.value, str))
    return found


def _first_row(ref: str) -> list[str]:
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import range_boundaries

    first_col, first_row, last_col, _ = range_boundaries(ref)
    return [f"{get_column_letter(c)}{first_row}" for c in range(first_col, last_col + 1)]


def test_every_header_fits_its_column():
    # « DOSSIER RETENU » showed as « DOSSIER RE »: each column is at least as wide as
    # its header measured in Calibri, plus the filter button of an Excel Table.
    from pointage.outputs.column_widths import column_width

    workbook = openpyxl.load_workbook(SHIPPED)
    headers = _headers(workbook)
    assert ("Annexe", "F", "DOSSIER RETENU", True) in headers
    assert ("Imputation", "A", "Code Opération", False) in headers
    too_narrow = [
        (sheet, letter, text)
        for sheet, letter, text, button in headers
        if workbook[sheet].column_dimensions[letter].width < column_width(text, filter_button=button)
    ]
    assert too_narrow == []


def test_every_header_shows_whole_in_libreoffice(tmp_path):
    # Rendered with Carlito (Calibri's metrics), as Excel shows it: no header is cut
    # by the next column.
    import shutil

    from classeurs import par_libreoffice

    if (
        not shutil.which("fc-match")
        or "Carlito"
        not in subprocess.run(["fc-match", "Calibri:bold"], capture_output=True, text=True).stdout
    ):
        pytest.skip("police Carlito absente : .ci/run l'installe (paquet fonts-crosextra-carlito)")
    pdf = par_libreoffice(SHIPPED, "pdf", tmp_path)
    if pdf is None or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice ou pdftotext absent : .ci/run les installe")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = set(text.splitlines())
    workbook = openpyxl.load_workbook(SHIPPED)
    assert [text for _, _, text, _ in _headers(workbook) if text not in lines] == []
