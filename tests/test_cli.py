from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def pointage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *args], capture_output=True, text=True, timeout=60
    )


def codes(result) -> list[str]:
    return [f["code"] for file in json.loads(result.stdout)["files"] for f in file["findings"]]


def test_select_a_family_and_ignore_a_code():
    result = pointage("verifier", str(EXAMPLE), "--format", "json", "--choisir", "B")
    assert codes(result) == ["B007", "B007", "B006"]
    assert result.returncode == 0  # only avertissements remain
    result = pointage("verifier", str(EXAMPLE), "--format", "json", "--ignorer", "M001,B007")
    assert codes(result) == ["B006"]


def test_directory_checks_every_workbook(tmp_path):
    (tmp_path / "sous-dossier").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "a.xlsx")
    shutil.copy(EXAMPLE, tmp_path / "sous-dossier" / "b.xlsm")
    (tmp_path / "notes.txt").write_text("pas un classeur")
    (tmp_path / "~$a.xlsx").write_bytes(b"verrou Excel")
    result = pointage("verifier", str(tmp_path), "--format", "json")
    document = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in document["files"]] == ["a.xlsx", "b.xlsm"]
    assert document["summary"] == {"erreur": 4, "avertissement": 6, "info": 0}
    assert result.returncode == 1


def test_usage_errors_are_french_and_exit_2():
    for args, words in [
        (["verifier"], "indiquez au moins un classeur"),
        (["verifier", str(EXAMPLE), "--choisir", "Z999"], "code « Z999 » inconnu"),
        (["verifier", str(EXAMPLE), "--format", "xml"], "choix « xml » invalide"),
        (["verifier", str(EXAMPLE), "--inconnue"], "arguments inconnus"),
        (["nimporte"], "commande « nimporte » inconnue"),
        (
            ["exporter", str(EXAMPLE), "--feuille", "A", "--tableau", "x"],
            "attend un nombre entier, pas « x »",
        ),
        (["exporter", str(EXAMPLE), "--f", "docx"], "option --f ambiguë : --feuille, --format ?"),
    ]:
        result = pointage(*args)
        assert result.returncode == 2, args
        assert words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_empty_directory(tmp_path):
    result = pointage("verifier", str(tmp_path))
    assert result.returncode == 2
    assert "aucun classeur (.xlsx, .xlsm, .xls, .xlsb, .ods, XML Excel 2003, CSV)" in result.stderr


def test_no_command_prints_help():
    result = pointage()
    assert result.returncode == 2
    assert "verifier" in result.stdout


def test_annotating_brings_the_cycle_collector_back(tmp_path, monkeypatch):
    # pointage.cli.run switches the collector off for the command; the annotated
    # copies (openpyxl workbooks, full of cycles) must not pile up in a folder.
    import gc

    from classeurs import construire
    from pointage.cli import main

    source = construire(tmp_path / "annexe.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nTOTAL | 10"})
    gc.disable()
    try:
        assert main(["verifier", str(source), "--annoter"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
