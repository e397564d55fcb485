"""Acceptance of issue 2 on the seed 000 example workbook."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from classeurs import parties_canoniques

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
SCHEMA = json.loads((ROOT / "docs" / "sortie-json.schema.json").read_text(encoding="utf-8"))

EXPECTED = [
    ("M001", "erreur", "Annexe 1", "E7", "17275.00", "24150.00"),
    ("M001", "erreur", "Annexe 1", "E17", "13945.83", "19675.00"),
    ("B007", "avertissement", "Délibération", "B4", None, None),
    ("B007", "avertissement", "Rapport", "B4", None, None),
    ("B006", "avertissement", "Rapport", "C4", None, None),
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pointage", *args], capture_output=True, text=True, cwd=ROOT)


def test_json_output_lists_exactly_the_seed_mistakes():
    before = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    result = run("verifier", str(EXAMPLE.relative_to(ROOT)), "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    [file] = document["files"]
    assert file["status"] == "erreur"
    found = [
        (f["code"], f["severity"], f["sheet"], f["cell"], f["expected"], f["found"]) for f in file["findings"]
    ]
    assert found == EXPECTED
    assert document["summary"] == {"erreur": 2, "avertissement": 3, "info": 0}
    assert {"sheet": "Annexe 1", "range": "A3:F47", "kind": "repartition"} in [
        {k: t[k] for k in ("sheet", "range", "kind")} for t in file["tables"]
    ]
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == before


def test_bethune_message_names_both_explanations():
    document = json.loads(run("verifier", str(EXAMPLE), "--format", "json").stdout)
    bethune = document["files"][0]["findings"][0]
    assert bethune["cells"] == ["C7", "D7", "E7"]
    assert bethune["message"] == (
        "CCAS de Bethune : le texte indique 1 portefeuille (6 mois) + 130 places (6 mois), "
        "soit 17 275,00 € au barème ; le montant saisi est 24 150,00 € (écart +6 875,00 €). "
        "Il correspond à 2 portefeuilles (6 mois) + 130 places, ou à 1 portefeuille "
        "(12 mois) + 130 places."
    )
    boulogne = document["files"][0]["findings"][1]
    assert "6 portefeuilles (1 mois) + 160 places" in boulogne["message"]
    assert "1 portefeuille (6 mois) + 160 places" in boulogne["message"]


def test_text_output_is_grouped_by_sheet_and_says_each_findings_severity():
    result = run("verifier", str(EXAMPLE.relative_to(ROOT)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "workbooks/exemples/cp-2024-09-16-accompagnement-global.xlsx — à corriger (2 erreurs, "
        "3 avertissements, 0 info)",
        "  Lu : 'Annexe 1'!A3:F47 — Tableau de répartition (2 lignes de total)",
        "  Lu : Délibération!A3:E4 — Tableau budgétaire (imputation)",
        "  Lu : Rapport!A3:G4 — Tableau budgétaire (imputation)",
        "  Feuille « Annexe 1 »",
        "    erreur         'Annexe 1'!E7 [M001] CCAS de Bethune : le texte indique 1 portefeuille "
        "(6 mois) + 130 places (6 mois), soit 17 275,00 € au barème ; le montant saisi est "
        "24 150,00 € (écart +6 875,00 €). Il correspond à 2 portefeuilles (6 mois) + 130 places, "
        "ou à 1 portefeuille (12 mois) + 130 places.",
        "    erreur         'Annexe 1'!E17 [M001] CCAS de Boulogne-sur-Mer : le texte indique 1 "
        "portefeuille (1 mois) + 160 places (6 mois), soit 13 945,83 € au barème ; le montant saisi "
        "est 19 675,00 € (écart +5 729,17 €). Il correspond à 6 portefeuilles (1 mois) + 160 "
        "places, ou à 1 portefeuille (6 mois) + 160 places.",
        "  Feuille « Délibération »",
        "    avertissement  Délibération!B4 [B007] Imputation « 6568//93446 » mal formée (format "
        "attendu : 6568/93446).",
        "  Feuille « Rapport »",
        "    avertissement  Rapport!B4 [B007] Imputation « 6568//93446 » mal formée (format "
        "attendu : 6568/93446).",
        "    avertissement  Rapport!C4 [B006] C02-446A05 : libellé « indéminisation des organismes "
        "référents », différent de « indemnisation des organismes référents » (Délibération!C4).",
        "",
        "Sévérités : erreur (à corriger avant la commission ; code de sortie 1), avertissement "
        "(à regarder : une personne juge), info (pour information).",
    ]


def test_example_is_rebuilt_identically_by_its_script(tmp_path):
    script = EXAMPLE.with_name("construire_accompagnement_global.py")
    rebuilt = tmp_path / "rebuilt.xlsx"
    subprocess.run([sys.executable, str(script), str(rebuilt)], check=True, capture_output=True)
    assert parties_canoniques(rebuilt) == parties_canoniques(EXAMPLE)


def test_the_readme_shows_what_the_command_prints():
    """README's first example, as printed (a line ending with `…` is cut there)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"```\n{EXAMPLE.relative_to(ROOT)} — ") + len("```\n")
    shown = readme[start : readme.index("\n```", start)]
    printed = run("verifier", str(EXAMPLE.relative_to(ROOT))).stdout.splitlines()
    assert len(shown.splitlines()) == len(printed)
    for readme_line, line in zip(shown.splitlines(), printed):
        assert line.startswith(readme_line[:-1]) if readme_line.endswith("…") else line == readme_line
