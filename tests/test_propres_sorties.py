"""Pointage's own outputs in a folder checked again (issue 25, point 7).

The annotated copies are known by the mark written inside them (`_pointage_copie`),
never by their name: a folder checked twice with `--annoter --remplacer` lists them as
Pointage's copies, checks only the workbooks and writes no copy of a copy. The exports
(Word, HTML) are no workbooks and are said to be what they are.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import openpyxl

from classeurs import vers_xml_2003

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "workbooks" / "exemples"
SEED_000 = EXAMPLES / "cp-2024-09-16-accompagnement-global.xlsx"
FRANCE_TRAVAIL = EXAMPLES / "cp-2024-09-16-convention-france-travail.xlsx"
SCHEMA = json.loads((ROOT / "docs" / "sortie-json.schema.json").read_text(encoding="utf-8"))


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def _copy_reason(original: str) -> str:
    return (
        f"copie annotée de « {original} » écrite par Pointage, pas vérifiée de nouveau "
        "(indiquez-la par son nom pour la vérifier)."
    )


def _folder(tmp_path: Path) -> Path:
    """Two workbooks, an Excel 2003 XML one (its copy is made of its values) and the
    two exports of a table."""
    folder = tmp_path / "dossier-cp"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "annexe.xlsx")
    shutil.copy(FRANCE_TRAVAIL, folder / "convention.xlsx")
    vers_xml_2003(SEED_000, folder / "ancien.xls")
    for fmt in ("docx", "html"):
        made = pointage("exporter", folder / "annexe.xlsx", "--feuille", "Délibération", "--format", fmt)
        assert made.returncode == 0, made.stdout + made.stderr
    return folder


def test_a_folder_checked_twice_lists_the_copies_and_checks_only_the_workbooks(tmp_path):
    folder = _folder(tmp_path)
    first = pointage("verifier", "--annoter", "--remplacer", "--format", "json", folder)
    second = pointage("verifier", "--annoter", "--remplacer", "--format", "json", folder)
    assert first.returncode == second.returncode == 1, first.stderr + second.stderr
    before, after = json.loads(first.stdout), json.loads(second.stdout)
    jsonschema.validate(after, SCHEMA)
    # The same workbooks, the same findings, the same counts.
    assert [f["path"] for f in after["files"]] == [
        str(folder / name) for name in ("ancien.xls", "annexe.xlsx", "convention.xlsx")
    ]
    assert after["files"] == before["files"]
    assert after["summary"] == before["summary"] == {"erreur": 6, "avertissement": 6, "info": 0}
    exports = [
        {
            "path": str(folder / "annexe-Délibération.docx"),
            "reason": "c'est un document Word, pas un classeur Excel.",
        },
        {
            "path": str(folder / "annexe-Délibération.html"),
            "reason": "c'est un export HTML écrit par Pointage (pointage exporter), pas un classeur.",
        },
    ]
    assert before["skipped"] == exports
    assert after["skipped"] == exports + [
        {
            "path": str(folder / f"{stem}.pointage.xlsx"),
            "reason": _copy_reason(name),
            "pointage_copy_of": name,
        }
        for stem, name in (
            ("ancien", "ancien.xls"),
            ("annexe", "annexe.xlsx"),
            ("convention", "convention.xlsx"),
        )
    ]
    # The copies were written again, and no copy of a copy.
    assert sorted(p.name for p in folder.iterdir()) == [
        "ancien.pointage.xlsx",
        "ancien.xls",
        "annexe-Délibération.docx",
        "annexe-Délibération.html",
        "annexe.pointage.xlsx",
        "annexe.xlsx",
        "convention.pointage.xlsx",
        "convention.xlsx",
    ]
    assert second.stderr.count("Copie annotée écrite") == 3


def test_the_text_report_says_which_files_are_pointage_copies(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "annexe.xlsx")
    assert pointage("verifier", "--annoter", folder).returncode == 1
    run = pointage("verifier", folder)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-3:] == [
        f"{folder / 'annexe.pointage.xlsx'} — ignoré : {_copy_reason('annexe.xlsx')}",
        "",
        "1 fichier vérifié : 2 erreurs, 3 avertissements, 0 info ; 1 copie annotée par Pointage ignorée",
    ]
    assert lines[0] == f"{folder / 'annexe.xlsx'} — à corriger (2 erreurs, 3 avertissements, 0 info)"


def test_a_copy_is_known_by_its_mark_never_by_its_name(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    source = shutil.copy(SEED_000, tmp_path / "annexe.xlsx")
    assert pointage("verifier", "--annoter", "--sortie", folder / "budget.xlsx", source).returncode == 1
    # A user's workbook whose name looks like a copy's is the user's: checked.
    shutil.copy(SEED_000, folder / "annexe.pointage.xlsx")
    run = pointage("verifier", "--format", "json", folder)
    report = json.loads(run.stdout)
    assert [f["path"] for f in report["files"]] == [str(folder / "annexe.pointage.xlsx")]
    assert report["skipped"] == [
        {
            "path": str(folder / "budget.xlsx"),
            "reason": _copy_reason("annexe.xlsx"),
            "pointage_copy_of": "annexe.xlsx",
        }
    ]
    # The add-in's marks in the user's own workbook (its Contrôles sheet) make no copy.
    book = openpyxl.load_workbook(folder / "budget.xlsx")
    del book.defined_names["_pointage_copie"]
    book.save(folder / "budget.xlsx")
    report = json.loads(pointage("verifier", "--format", "json", folder).stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["annexe.pointage.xlsx", "budget.xlsx"]
    assert "skipped" not in report


def test_a_copy_named_on_the_command_line_is_checked_and_said_to_be_a_copy(tmp_path):
    source = shutil.copy(SEED_000, tmp_path / "annexe.xlsx")
    assert pointage("verifier", "--annoter", source).returncode == 1
    copy = tmp_path / "annexe.pointage.xlsx"
    original = json.loads(pointage("verifier", "--format", "json", source).stdout)
    run = pointage("verifier", "--format", "json", copy)
    assert run.returncode == 1
    checked = json.loads(run.stdout)
    assert [f["path"] for f in checked["files"]] == [str(copy)]
    assert checked["files"][0]["findings"] == original["files"][0]["findings"]
    assert run.stderr == (
        f"Note : {copy} est une copie annotée par Pointage (copie de « annexe.xlsx ») ; elle est "
        "vérifiée comme demandé, sa feuille Contrôles mise à part, mais ses couleurs et ses notes "
        "sont celles de la vérification précédente.\n"
    )


def test_a_folder_of_copies_only_says_there_is_nothing_to_check(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    source = shutil.copy(SEED_000, tmp_path / "annexe.xlsx")
    assert (
        pointage("verifier", "--annoter", "--sortie", folder / "annexe.pointage.xlsx", source).returncode == 1
    )
    run = pointage("verifier", folder)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"{folder / 'annexe.pointage.xlsx'} — ignoré : copie annotée de « annexe.xlsx » écrite par "
        "Pointage, pas vérifiée de nouveau (indiquez-la par son nom pour la vérifier).",
        "pointage : aucun classeur (.xlsx, .xlsm, .xls, .xlsb, .ods, XML Excel 2003, CSV) à vérifier "
        "parmi les fichiers et dossiers indiqués : 1 copie annotée par Pointage ignorée.",
    ]
