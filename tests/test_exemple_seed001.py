"""Acceptance of issue 5 on the seed 001 example (annexe 5, budget tables, articles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from classeurs import parties_canoniques
from pointage.engine.check import check_path, select_rules

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2022-11-21-inclusion-phase-3.xlsx"
SCRIPT = EXAMPLE.with_name("construire_inclusion_phase_3.py")
SCHEMA = json.loads((ROOT / "docs" / "sortie-json.schema.json").read_text(encoding="utf-8"))


def test_only_the_fonds_fond_label_is_reported():
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(EXAMPLE.relative_to(ROOT)), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    [file] = document["files"]
    assert file["status"] == "avertissement"
    assert [(f["code"], f["sheet"], f["cell"]) for f in file["findings"]] == [("B006", "Rapport", "C9")]
    assert "« Fond d'aide aux jeunes »" in file["findings"][0]["message"]
    assert "« Fonds d’aide aux jeunes »" in file["findings"][0]["message"]
    kinds = [(t["sheet"], t["kind"]) for t in file["tables"]]
    assert kinds.count(("Annexe 5", "repartition")) == 4
    assert ("Articles", "articles") in kinds


def test_the_checks_really_ran(tmp_path):
    """Silence is not vacuous: one wrong cell of each kind is caught."""
    import openpyxl

    workbook = openpyxl.load_workbook(EXAMPLE)
    workbook["Articles"]["C5"] = 273576.0  # article 4
    workbook["Annexe 5"]["G31"] = 1440.0  # Passeport Forma, 9 places over 6 months
    workbook["Rapport"]["G9"] = 125500.0  # Solde of C02-582A01
    changed = tmp_path / "modifie.xlsx"
    workbook.save(changed)
    report = check_path(changed, select_rules(["A", "M", "T", "B001", "B004"]))
    assert {(f.code, f.sheet, f.cell) for f in report.findings} == {
        ("A001", "Articles", "C5"),
        ("M001", "Annexe 5", "G31"),
        ("T001", "Annexe 5", "G32"),
        ("B004", "Délibération", "E4"),
        ("B004", "Rapport", "F4"),
        ("B001", "Rapport", "G9"),
    }


def test_example_is_rebuilt_identically_by_its_script(tmp_path):
    rebuilt = tmp_path / "rebuilt.xlsx"
    subprocess.run([sys.executable, str(SCRIPT), str(rebuilt)], check=True, capture_output=True)
    assert parties_canoniques(rebuilt) == parties_canoniques(EXAMPLE)
