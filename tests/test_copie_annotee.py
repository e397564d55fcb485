"""`pointage verifier --annoter`: a new, annotated file; the checked file untouched."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from classeurs import Feuille, construire
from pointage.engine.check import check_path

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
XLWINGS = Path(__import__("xlwings").__file__).parent


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def example(tmp_path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "annexe.xlsx"))


def test_annotated_copy_of_the_seed_000_example(example):
    before = sha(example)
    result = pointage("verifier", example, "--annoter")
    assert result.returncode == 1, result.stderr
    copy = example.with_name("annexe.pointage.xlsx")
    assert f"Copie annotée écrite : {copy}" in result.stdout
    assert sha(example) == before

    annotated = openpyxl.load_workbook(copy)
    assert annotated.sheetnames[0] == "Contrôles"
    controles = annotated["Contrôles"]
    assert controles["B5"].value == before
    report = check_path(example)
    rows = [tuple(c.value for c in row) for row in controles.iter_rows(min_row=12, max_row=16, max_col=8)]
    assert [r[:5] for r in rows] == [
        (f.code, f.severity.value, f.sheet, f.cell, f.message) for f in report.findings
    ]
    assert controles["D12"].hyperlink.location == "'Annexe 1'!E7"
    assert rows[0][5:] == (17275, 24150, 6875)

    original = openpyxl.load_workbook(example)
    sheet, source = annotated["Annexe 1"], original["Annexe 1"]
    for cell in ("E7", "E17"):
        assert sheet[cell].fill.fgColor.rgb == "00FF8080"
    assert sheet["E7"].comment.text.startswith(
        "Trouvé 24 150,00 € — attendu 17 275,00 € (écart +6 875,00 €) [M001]"
    )
    assert sheet["E17"].comment.text.startswith(
        "Trouvé 19 675,00 € — attendu 13 945,83 € (écart +5 729,17 €) [M001]"
    )
    marked = {"C7", "D7", "E7", "C17", "D17", "E17"}
    for row in source.iter_rows():
        for cell in row:
            if cell.coordinate in marked:
                continue
            copied = sheet[cell.coordinate]
            assert (copied.fill.patternType, copied.fill.fgColor.rgb) == (
                cell.fill.patternType,
                cell.fill.fgColor.rgb,
            ), cell.coordinate
            assert copied.comment is None, cell.coordinate


def test_existing_copy_needs_remplacer(example):
    assert pointage("verifier", example, "--annoter").returncode == 1
    copy = example.with_name("annexe.pointage.xlsx")
    first = sha(copy)
    refused = pointage("verifier", example, "--annoter")
    assert refused.returncode == 2
    assert "existe déjà : ajoutez --remplacer" in refused.stdout
    assert sha(copy) == first
    assert pointage("verifier", example, "--annoter", "--remplacer").returncode == 1


def test_sortie_and_refusals(example, tmp_path):
    target = tmp_path / "controle.xlsx"
    assert pointage("verifier", example, "--annoter", "--sortie", target).returncode == 1
    assert openpyxl.load_workbook(target).sheetnames[0] == "Contrôles"
    same = pointage("verifier", example, "--annoter", "--sortie", example, "--remplacer")
    assert same.returncode == 2 and "ne peut pas remplacer le classeur vérifié" in same.stdout
    alone = pointage("verifier", example, "--sortie", target)
    assert alone.returncode == 2 and "--sortie ne s'emploie qu'avec --annoter" in alone.stderr
    addin = Path(shutil.copy(XLWINGS / "quickstart_addin.xlam", tmp_path / "addin.xlam"))
    refused = pointage("verifier", addin, "--annoter", "--format", "json")
    assert refused.returncode == 2
    assert "complément Excel (.xlam)" in refused.stderr + refused.stdout


def _annex_sheet(sheet) -> None:
    for row in (("STRUCTURE", "MONTANT RETENU"), ("CCAS de Lens", 800), ("TOTAL", 900)):
        sheet.append(row)


def test_xlsm_copy_keeps_its_vba(tmp_path):
    workbook = openpyxl.load_workbook(XLWINGS / "quickstart.xlsm", keep_vba=True)
    _annex_sheet(workbook.create_sheet("Annexe"))
    source = tmp_path / "macros.xlsm"
    workbook.save(source)
    result = pointage("verifier", source, "--annoter")
    assert result.returncode == 1, result.stdout
    copy = tmp_path / "macros.pointage.xlsm"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(copy) as b:
        assert b.read("xl/vbaProject.bin") == a.read("xl/vbaProject.bin")
    assert openpyxl.load_workbook(copy, keep_vba=True)["Annexe"]["B3"].fill.fgColor.rgb == "00FF8080"


def _rich_workbook(path: Path) -> Path:
    """Formulas, merged cells, hidden rows, validation, an Excel Table, defined names."""
    construire(
        path,
        {
            "Annexe": Feuille(
                """
Annexe : répartition
OPÉRATION | STRUCTURE    | MONTANT RETENU | DOSSIER RETENU
Mobilité  | CCAS de Lens | 800            | Oui
Mobilité  | CCAS Liévin  | 1600           | Oui
TOTAL     |              | =SUM(C3:C4)    |
""",
                fusions=("A3:A4",),
                lignes_masquees=(4,),
            ),
            "Données": Feuille(
                """
Porteur | Coût | Commentaire
AIFOR   | 10   | =B2*2
""",
                tableau_excel="Liste",
            ),
        },
    )
    workbook = openpyxl.load_workbook(path)
    validation = DataValidation(type="list", formula1='"Oui,Non"')
    validation.add("D3:D4")
    workbook["Annexe"].add_data_validation(validation)
    workbook.defined_names["Montants"] = DefinedName("Montants", attr_text="Annexe!$C$3:$C$4")
    workbook["Annexe"]["B3"].comment = Comment("vérifié par la mission", "Mission budget")
    workbook.save(path)
    return path


def _content(path: Path) -> dict:
    workbook = openpyxl.load_workbook(path)
    return {
        "names": sorted((n, d.attr_text) for n, d in workbook.defined_names.items()),
        "sheets": {
            ws.title: {
                "cells": {
                    c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None
                },
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "hidden": sorted(i for i, d in ws.row_dimensions.items() if d.hidden),
                "validations": sorted((str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation),
                "tables": sorted((t.name, t.ref) for t in ws.tables.values()),
                "formats": {c.coordinate: c.number_format for row in ws.iter_rows() for c in row},
            }
            for ws in workbook.worksheets
        },
    }


@pytest.mark.parametrize("kind", ["exemple", "riche"])
def test_nothing_of_the_original_is_lost(kind, tmp_path):
    source = (
        Path(shutil.copy(EXAMPLE, tmp_path / "exemple.xlsx"))
        if kind == "exemple"
        else _rich_workbook(tmp_path / "riche.xlsx")
    )
    before = sha(source)
    result = pointage("verifier", source, "--annoter")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    copy = source.with_name(source.stem + ".pointage.xlsx")
    original, annotated = _content(source), _content(copy)
    # Every name of the original, the mark of Pointage's own sheet and the copy's own.
    assert annotated["names"] == sorted(
        [
            *original["names"],
            ("_pointage_controles", '"Contrôles"'),
            ("_pointage_copie", f'"{source.name}"'),
        ]
    )
    assert {k: v for k, v in annotated["sheets"].items() if k != "Contrôles"} == original["sheets"]
    assert sha(source) == before
    if kind == "riche":
        assert "ne garde pas : la mise en forme des commentaires" in result.stdout
        assert openpyxl.load_workbook(copy)["Annexe"]["B3"].comment.text.startswith("vérifié par la mission")


def test_copy_renders_in_libreoffice(example, tmp_path):
    from classeurs import par_libreoffice

    pointage("verifier", example, "--annoter")
    copy = example.with_name("annexe.pointage.xlsx")
    pdf = par_libreoffice(copy, "pdf", tmp_path / "pdf")
    if pdf is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    assert pdf.exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Contrôles Pointage" in text
        assert "17 275,00 €" in text and "CCAS de Bethune" in text


def test_a_text_that_looks_like_a_formula_stays_text_on_controles(tmp_path):
    # A structure named `=SOMME…` (typed as text in the annex) gives a message that
    # starts with `=`: the Contrôles sheet must show it, not compute it.
    from classeurs import construire
    from pointage.outputs.annotated_copy import write_annotated_copy
    from pointage.outputs.marks import build_plan
    from pointage.report.findings import Finding, Severity
    from pointage.report.model import FileReport

    source = construire(tmp_path / "annexe.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10"})
    finding = Finding("F008", Severity.AVERTISSEMENT, "A", "A2", "=SOMME(B2:B9) : ligne collée deux fois ?")
    plan = build_plan(FileReport(str(source), [finding]), "0" * 64)
    copy = tmp_path / "annexe.pointage.xlsx"
    write_annotated_copy(source, copy, plan)
    cell = openpyxl.load_workbook(copy)["Contrôles"]["E12"]
    assert (cell.value, cell.data_type) == ("=SOMME(B2:B9) : ligne collée deux fois ?", "s")


def test_infos_past_a_hundred_of_one_code_are_one_row_on_controles(tmp_path):
    # 9 256 numbers typed as text were 9 256 rows to lay out (17 s): past 100 infos of a
    # code, one row says how many more; errors and warnings are all listed.
    from pointage.outputs.annotated_copy import write_annotated_copy
    from pointage.outputs.marks import build_plan
    from pointage.report.findings import Finding, Severity
    from pointage.report.model import FileReport

    source = construire(tmp_path / "annexe.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10"})
    infos = [Finding("F001", Severity.INFO, "A", f"B{r}", f"info {r}") for r in range(2, 252)]
    rare = [Finding("F009", Severity.INFO, "A", f"C{r}", f"rare {r}") for r in range(2, 5)]
    errors = [Finding("T001", Severity.ERREUR, "A", f"D{r}", f"erreur {r}") for r in range(2, 152)]
    plan = build_plan(FileReport(str(source), [*infos[:60], *rare, *errors, *infos[60:]]), "0" * 64)
    assert [(c.code, c.cell, c.message) for c in plan.controls] == [
        *[("F001", f"B{r}", f"info {r}") for r in range(2, 62)],
        *[("F009", f"C{r}", f"rare {r}") for r in range(2, 5)],
        *[("T001", f"D{r}", f"erreur {r}") for r in range(2, 152)],
        *[("F001", f"B{r}", f"info {r}") for r in range(62, 102)],
        (
            "F001",
            "",
            "150 autres infos F001 ne sont pas listées ici (au-delà de 100 infos d'un même code, une "
            "seule ligne les résume) : la sortie de « pointage verifier » (texte ou JSON) les donne toutes.",
        ),
    ]
    assert plan.summary_lines()[-3:] == [("Infos", 253), ("Infos non listées", 150), ("Tableaux lus", 0)]
    copy = tmp_path / "annexe.pointage.xlsx"
    write_annotated_copy(source, copy, plan)
    controles = openpyxl.load_workbook(copy)["Contrôles"]
    assert (controles["A9"].value, controles["B9"].value) == ("Infos non listées", 150)
    # The findings from row 13, then a blank row, « Tableaux lus », its headers, and
    # the row that says no table was read.
    assert controles.max_row == 12 + len(plan.controls) + 4
