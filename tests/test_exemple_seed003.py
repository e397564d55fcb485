"""Acceptance of issue 5 on the seed 003 example (plan de financement, chiffres clés)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from classeurs import parties_canoniques

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-convention-france-travail.xlsx"
SCRIPT = EXAMPLE.with_name("construire_convention_france_travail.py")
SCHEMA = json.loads((ROOT / "docs" / "sortie-json.schema.json").read_text(encoding="utf-8"))


def verify() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(EXAMPLE.relative_to(ROOT)), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document["files"][0]


def test_reports_the_delta_and_the_key_figure_and_no_other_error():
    file = verify()
    errors = [
        (f["code"], f["sheet"], f["cell"], f["expected"], f["found"])
        for f in file["findings"]
        if f["severity"] == "erreur"
    ]
    assert errors == [
        ("P001", "Annexe 2", "F26", "330", "3030"),
        ("A002", "Chiffres clés", "B3", "8942", "8661"),
    ]
    assert file["findings"][0]["message"] == (
        "ETP d'accompagnement (CD, PE...) : le delta est 3 030 places ; cible 1 030 places "
        "− existant 700 places = 330 places (écart +2 700)."
    )


def test_the_three_volets_are_plans_with_two_row_headers():
    tables = [{k: t[k] for k in ("sheet", "range", "kind")} for t in verify()["tables"]]
    assert tables == [
        {"sheet": "Annexe 2", "range": "A5:H14", "kind": "plan"},
        {"sheet": "Annexe 2", "range": "A20:H41", "kind": "plan"},
        {"sheet": "Annexe 2", "range": "A47:H75", "kind": "plan"},
        {"sheet": "Chiffres clés", "range": "A1:D9", "kind": "chiffres_cles"},
    ]


def test_the_marked_cells_hold_the_seed_text():
    import openpyxl

    sheets = openpyxl.load_workbook(EXAMPLE)
    assert sheets["Annexe 2"]["F26"].value == "3030 places"
    assert sheets["Chiffres clés"]["B3"].value == 8661


def test_example_is_rebuilt_identically_by_its_script(tmp_path):
    rebuilt = tmp_path / "rebuilt.xlsx"
    subprocess.run([sys.executable, str(SCRIPT), str(rebuilt)], check=True, capture_output=True)
    assert parties_canoniques(rebuilt) == parties_canoniques(EXAMPLE)
