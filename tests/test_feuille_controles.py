"""The Contrôles sheet of the annotated copy: amounts as numbers in French formats, and
the tables read listed under the findings, even when there is none (issue 28)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from classeurs import construire, par_libreoffice
from pointage.engine.check import check_path
from pointage.outputs.marks import build_plan
from pointage.report.findings import Finding, Severity
from pointage.report.model import FileReport, TableInfo

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
REAL = ROOT.parent / "shared" / "real-workbooks"
MONEY = '#,##0.00 "€"'
SIGNED_MONEY = '+#,##0.00 "€";-#,##0.00 "€";#,##0.00 "€"'
TABLES_HEADER = ["Tableau", "État", "Feuille", "Plage", "Ce qui est vérifié, et ce qui ne l'est pas"]
NOTHING_RECOMPUTED = (
    "aucun total, aucune identité entre colonnes ni barème à recalculer : seules la forme des "
    "cellules et les lignes en double sont vérifiées"
)


def annotate(source: Path) -> tuple[subprocess.CompletedProcess, Path]:
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(source), "--annoter"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result, source.with_name(source.stem + ".pointage.xlsx")


def values(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def tables_listed(rows: list[list[object]]) -> list[list[object]]:
    """The rows under the headers of « Tableaux lus », their five columns."""
    start = next(i for i, row in enumerate(rows) if row[0] == "Tableaux lus" and row[1] is None)
    assert rows[start + 1][:5] == TABLES_HEADER
    return [row[:5] for row in rows[start + 2 :]]


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory) -> Path:
    source = Path(shutil.copy(EXAMPLE, tmp_path_factory.mktemp("copie") / "annexe.xlsx"))
    result, copy = annotate(source)
    assert result.returncode == 1, result.stdout + result.stderr
    return copy


def test_amounts_are_numbers_in_french_formats(example_copy):
    sheet = openpyxl.load_workbook(example_copy)["Contrôles"]
    assert [c.value for c in sheet[11]] == [
        "Code",
        "Sévérité",
        "Feuille",
        "Cellule",
        "Message",
        "Attendu",
        "Trouvé",
        "Écart",
    ]
    # Attendu, Trouvé, Écart (trouvé − attendu): numbers to sum and filter, exact to
    # the cent, shown `24 150,00 €` by a French Excel.
    figures = [[(c.value, c.number_format) for c in sheet[row][5:8]] for row in (12, 13)]
    assert figures == [
        [(17275, MONEY), (24150, MONEY), (6875, SIGNED_MONEY)],
        [(13945.83, MONEY), (19675, MONEY), (5729.17, SIGNED_MONEY)],
    ]
    # A finding without amounts leaves the three cells empty.
    assert [c.value for c in sheet[14][5:8]] == [None, None, None]
    # calamine (Pointage's own reader, and pandas') reads the numbers back.
    rows = CalamineWorkbook.from_path(str(example_copy)).get_sheet_by_name("Contrôles").to_python()
    assert [row[5:8] for row in rows[11:14]] == [
        [17275.0, 24150.0, 6875.0],
        [13945.83, 19675.0, 5729.17],
        ["", "", ""],
    ]


def test_the_example_lists_its_tables_under_the_findings(example_copy):
    sheet = openpyxl.load_workbook(example_copy)["Contrôles"]
    rows = values(sheet)
    assert rows[8][:2] == ["Tableaux lus", 5]
    assert tables_listed(rows) == [
        ["Tableau de répartition", "vérifié", "Annexe 1", "A3:F47", "2 lignes de total"],
        ["Tableau budgétaire (imputation)", "vérifié", "Délibération", "A3:E4", None],
        ["Tableau budgétaire (imputation)", "vérifié", "Rapport", "A3:G4", None],
        ["Barème", "lu", "Barème", "A1:C6", "coûts par unité, pour recalculer les montants"],
        ["Paramètres", "lu", "Paramètres", "A2:B4", "durée par défaut et tolérance, pour les contrôles"],
    ]
    # Each range links to its table.
    assert sheet["D20"].hyperlink.location == "'Annexe 1'!A3:F47"


def test_a_clean_workbook_lists_the_tables_it_checked(tmp_path):
    source = construire(
        tmp_path / "propre.xlsx",
        {
            "Annexe": """
STRUCTURE      | MONTANT RETENU
CCAS de Lens   | 800
CCAS de Liévin | 1600
TOTAL          | 2400
""",
            "Liste": """
BÉNÉFICIAIRE | MONTANT
AIFOR        | 100
Emmaüs       | 250
""",
        },
    )
    result, copy = annotate(source)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = values(openpyxl.load_workbook(copy)["Contrôles"])
    assert [row[:2] for row in rows[5:9]] == [
        ["Erreurs", 0],
        ["Avertissements", 0],
        ["Infos", 0],
        ["Tableaux lus", 2],
    ]
    # « Checked, nothing found » is said, not an empty table.
    assert rows[10][0] == "Code" and rows[11] == [None, None, None, None, "Aucun constat.", None, None, None]
    assert tables_listed(rows) == [
        ["Tableau de répartition", "vérifié", "Annexe", "A1:B4", "1 ligne de total"],
        ["Tableau en liste", "rien à recalculer", "Liste", "A1:B3", NOTHING_RECOMPUTED],
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_tables_not_understood_are_listed_with_their_reason(tmp_path):
    # A real school budget: « conforme » (no finding), but 11 of its tables have no
    # column of labels. The officer sees they were not understood, and why.
    source = Path(shutil.copy(REAL / "Adrastor__Projet-Ecole__Budget.xlsx", tmp_path / "budget.xlsx"))
    result, copy = annotate(source)
    assert result.returncode == 0, result.stdout + result.stderr
    report = check_path(source)
    assert report.findings == []
    listed = tables_listed(values(openpyxl.load_workbook(copy)["Contrôles"]))
    assert [(row[2], row[3]) for row in listed] == [(t.sheet, t.range) for t in report.tables]
    not_understood = [row for row in listed if row[1] == "non compris"]
    assert [row[3] for row in not_understood] == [
        "G15:J25",
        "B29:E37",
        "G29:J36",
        "B40:E45",
        "G40:J45",
        "B48:E52",
        "G48:J52",
        "B55:E61",
        "G55:J59",
        "B64:E72",
        "G64:J69",
    ]
    # Their total rows were seen, not checked: only why is said.
    assert {(row[0], row[4]) for row in not_understood} == {
        (
            "Tableau de répartition",
            "colonnes non reconnues (il manque STRUCTURE (ou BÉNÉFICIAIRE, ORGANISME, PORTEUR)) : "
            "rien n'y est vérifié",
        )
    }
    assert [row[1] for row in listed if row[1] != "non compris"] == ["vérifié"] * 3


def test_the_state_of_a_table_comes_from_the_report():
    from pointage.outputs.controls_layout import controls_layout

    # As the JSON output says them: a table of unknown columns, one with nothing to
    # recompute, one checked with its identities and notes, each item on its own line.
    tables = [
        TableInfo(
            "A",
            "A1:C9",
            "repartition",
            total_rows=((9, "libellé"),),
            notes=("colonnes non reconnues",),
            title="Tableau de répartition",
            understood=False,
        ),
        TableInfo(
            "B", "B2:D5", "liste", notes=(NOTHING_RECOMPUTED,), title="Tableau en liste", checked=False
        ),
        TableInfo(
            "C d'été",
            "A3:F20",
            "plan",
            total_rows=((10, "libellé"), (20, "libellé")),
            identities=("Delta = Cible − Existant",),
            notes=("2 sous-totaux au-dessus de leurs lignes",),
            title="Tableau de plan de financement",
            subtables=2,
        ),
    ]
    report = FileReport("x.xlsx", [Finding("F002", Severity.AVERTISSEMENT, "A", "B2", "texte")], tables)
    layout = controls_layout(build_plan(report, "0" * 64))
    assert [row[:5] for row in layout.rows[layout.headers[1][0] + 1 :]] == [
        ["Tableau de répartition", "non compris", "A", "A1:C9", "colonnes non reconnues"],
        ["Tableau en liste", "rien à recalculer", "B", "B2:D5", NOTHING_RECOMPUTED],
        [
            "Tableau de plan de financement",
            "vérifié",
            "C d'été",
            "A3:F20",
            "2 sous-tableaux\n2 lignes de total\nidentités : Delta = Cible − Existant\n"
            "2 sous-totaux au-dessus de leurs lignes",
        ],
    ]
    assert [(link.target, link.text) for link in layout.links[1:]] == [
        ("'A'!A1:C9", "A1:C9"),
        ("'B'!B2:D5", "B2:D5"),
        ("'C d''été'!A3:F20", "A3:F20"),
    ]


def test_quantities_are_numbers_in_their_own_format():
    from pointage.outputs.controls_layout import controls_layout

    # P001 speaks of places, A002 of a key figure: numbers shown as `3 030`, `0,5`.
    findings = [
        Finding("P001", Severity.ERREUR, "A", "F26", "delta", expected="330", found="3030"),
        Finding("A002", Severity.ERREUR, "A", "B3", "chiffre", expected="8942", found="8661"),
        Finding("P001", Severity.ERREUR, "A", "F27", "ETP", expected="0.5", found="0.25"),
    ]
    layout = controls_layout(build_plan(FileReport("x.xlsx", findings), "0" * 64))
    first = layout.first_finding
    assert [row[5:] for row in layout.rows[first : first + 3]] == [
        [330, 3030, 2700],
        [8942, 8661, -281],
        [0.5, 0.25, -0.25],
    ]
    assert layout.formats == {
        (first, 5): "#,##0",
        (first, 6): "#,##0",
        (first, 7): "+#,##0;-#,##0;#,##0",
        (first + 1, 5): "#,##0",
        (first + 1, 6): "#,##0",
        (first + 1, 7): "+#,##0;-#,##0;#,##0",
        (first + 2, 5): "#,##0.0",
        (first + 2, 6): "#,##0.00",
        (first + 2, 7): "+#,##0.00;-#,##0.00;#,##0.00",
    }


def test_amounts_render_the_french_way_in_libreoffice(example_copy, tmp_path):
    pdf = par_libreoffice(example_copy, "pdf", tmp_path, langue="fr-FR")
    if pdf is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent : .ci/run l'installe (paquet poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    text = text.replace("\u202f", " ").replace("\u00a0", " ")  # the group separator
    # Attendu, Trouvé and Écart side by side on the first finding's row.
    assert re.search(r"17 275,00 €\s+24 150,00 €\s+\+6 875,00 €", text)
    assert re.search(r"13 945,83 €\s+19 675,00 €\s+\+5 729,17 €", text)
