"""What a file is said to be: « conforme » only when something was recomputed and found
right; a workbook without any table Pointage understands is `aucun_tableau` (E002),
never « illisible »; exit code 3 only when no file of the run had a table."""

from __future__ import annotations

import json
import subprocess
import sys

from classeurs import construire
from pointage.engine.check import check_path
from pointage.engine.described import NOTHING_RECOMPUTED
from pointage.outputs.text_report import render_text
from pointage.report.model import Report

LISTE = "BÉNÉFICIAIRE | OBJET | MONTANT\nCCAS de Lens | Action | 1000\nAIFOR | Formation | 2000"
AVEC_TOTAL = LISTE + "\nTOTAL | | 3000"


def _verifier(*paths, fmt="json"):
    return subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", *map(str, paths), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_table_with_nothing_to_recompute_is_never_said_conforme(tmp_path):
    chemin = construire(tmp_path / "liste.xlsx", {"Liste": LISTE})
    report = check_path(chemin)
    [table] = report.tables
    assert (table.kind, table.notes, table.checked) == ("liste", (NOTHING_RECOMPUTED,), False)
    assert render_text(Report(files=[report])).splitlines()[:2] == [
        f"{chemin} — lu, rien à recalculer (0 erreur, 0 avertissement, 0 info)",
        f"  Lu : Liste!A1:C3 — Tableau en liste ({NOTHING_RECOMPUTED})",
    ]
    result = _verifier(chemin)
    assert result.returncode == 0
    [file] = json.loads(result.stdout)["files"]
    assert (file["status"], file["tables"][0]["notes"]) == ("ok", [NOTHING_RECOMPUTED])


def test_a_table_whose_total_is_right_is_conforme(tmp_path):
    chemin = construire(tmp_path / "annexe.xlsx", {"Annexe": AVEC_TOTAL})
    report = check_path(chemin)
    assert [t.checked for t in report.tables] == [True]
    assert render_text(Report(files=[report])).splitlines()[0] == (
        f"{chemin} — conforme (0 erreur, 0 avertissement, 0 info)"
    )


def test_a_folder_of_workbooks_without_table_exits_with_3(tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    construire(dossier / "physique.xlsx", {"Trajectoire": "Temps | Position\n0 | 1\n1 | 3"})
    construire(dossier / "notes.xlsx", {"Notes": "Ordre du jour"})
    result = _verifier(dossier)
    assert result.returncode == 3, result.stdout
    files = json.loads(result.stdout)["files"]
    assert [f["status"] for f in files] == ["aucun_tableau", "aucun_tableau"]
    assert [f["findings"][0]["code"] for f in files] == ["E002", "E002"]
    assert files[1]["findings"][0]["message"] == (
        "Aucun tableau reconnu, rien n'a été vérifié : il faut une ligne d'en-têtes comme STRUCTURE | "
        "MONTANT RETENU, ou CODE OPÉRATION | IMPUTATION | LIBELLÉ | PROPOSITION, ou des lignes de "
        "total ; lignes d'en-têtes lues, non reconnues : Trajectoire!A1 (« Temps », « Position »)."
    )


def test_a_header_written_on_two_lines_is_quoted_on_one(tmp_path):
    # `Prévu\nCoût` (Alt+Entrée in the cell): E002 quotes it on one line, as the text
    # report shows one finding a line.
    import openpyxl

    classeur = openpyxl.Workbook()
    classeur.active.title = "Budget"
    for ligne in (["Temps", "Prévu \nCoût"], [0, 1], [1, 3]):
        classeur.active.append(ligne)
    classeur.save(tmp_path / "budget.xlsx")
    [finding] = check_path(tmp_path / "budget.xlsx").findings
    assert finding.code == "E002" and "\n" not in finding.message
    assert "Budget!A1 (« Temps », « Prévu Coût »)." in finding.message
