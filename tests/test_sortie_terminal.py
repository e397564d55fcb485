"""Text output on a terminal: sheet references written as Excel writes them, and no
control or bidirectional character of a workbook acting on the line; JSON exact."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from classeurs import construire
from pointage.outputs.text_report import legend

LEGEND = legend()

BIDI_SHEET = "Annexe\u202e 2"
QUOTED_SHEET = 'L\'annexe «1» "budget"'
WRONG_TOTAL = """
STRUCTURE      | MONTANT RETENU
CCAS de Lens   | 100
CCAS de Liévin | 200
TOTAL          | 350
"""
BIDI_IMPUTATION = """
CODE OPÉRATION | IMPUTATION           | LIBELLÉ                     | PROPOSITION
C02-446A05     | 6568//93\u202e446    | indemnisation des organismes | 1000
"""
T001 = (
    "[T001] TOTAL : le total de la colonne « MONTANT RETENU » est 350,00 € ; la somme des "
    "2 lignes du bloc donne 300,00 € (écart +50,00 €)."
)


@pytest.mark.parametrize(
    ("sheet", "reference"),
    [
        ("Budget", "Budget!B4"),
        ("Données", "Données!B4"),  # letters of any script need no quotes
        ("Feuil1", "Feuil1!B4"),  # four letters or more: no cell is called so
        ("budget_2024.v2", "budget_2024.v2!B4"),
        ("Annexe 1", "'Annexe 1'!B4"),
        (QUOTED_SHEET, "'L''annexe «1» \"budget\"'!B4"),
        ("2024", "'2024'!B4"),  # starts with a digit
        ("AB12", "'AB12'!B4"),  # would read as a cell
        ("xfd1048576", "'xfd1048576'!B4"),
        ("R1C1", "'R1C1'!B4"),  # would read as an R1C1 address
        ("RC", "'RC'!B4"),
        ("C3", "'C3'!B4"),
        ("True", "'True'!B4"),  # a logical
        ("Recettes-Dépenses", "'Recettes-Dépenses'!B4"),
        ("«Synthèse»", "'«Synthèse»'!B4"),
    ],
)
def test_a_sheet_reference_is_quoted_as_excel_quotes_it(sheet, reference):
    from pointage.base.addresses import sheet_reference

    assert sheet_reference(sheet, "B4") == reference


def test_a_hyperlink_target_may_always_be_quoted():
    from pointage.base.addresses import sheet_reference

    assert sheet_reference("Rapport", "C4", always_quoted=True) == "'Rapport'!C4"
    assert sheet_reference("L'annexe", "E7", always_quoted=True) == "'L''annexe'!E7"


def _verifier(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_text_output_quotes_sheet_references_and_neutralises_bidi_controls_json_keeps_them(tmp_path):
    workbook = construire(
        tmp_path / "annexes\u202eXSLX.xlsx",
        {QUOTED_SHEET: WRONG_TOTAL, BIDI_SHEET: WRONG_TOTAL, "Rapport": BIDI_IMPUTATION},
    )
    result = _verifier(str(workbook))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path}/annexes<U+202E>XSLX.xlsx — à corriger (2 erreurs, 1 avertissement, 0 info)",
        "  Lu : 'L''annexe «1» \"budget\"'!A1:B4 — Tableau de répartition (1 ligne de total)",
        "  Lu : 'Annexe<U+202E> 2'!A1:B4 — Tableau de répartition (1 ligne de total)",
        "  Lu : Rapport!A1:D2 — Tableau budgétaire (imputation)",
        '  Feuille « L\'annexe «1» "budget" »',
        f"    erreur         'L''annexe «1» \"budget\"'!B4 {T001}",
        "  Feuille « Annexe<U+202E> 2 »",
        f"    erreur         'Annexe<U+202E> 2'!B4 {T001}",
        "  Feuille « Rapport »",
        "    avertissement  Rapport!B2 [B007] Imputation « 6568//93<U+202E>446 » mal formée (format "
        "attendu : 6568/93446).",
        "",
        LEGEND,
    ]
    for control in ("\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"):
        assert control not in result.stdout

    # JSON is for programs: the names and the text exactly as in the workbook.
    document = json.loads(_verifier(str(workbook), "--format", "json").stdout)["files"][0]
    assert document["path"] == str(workbook)
    assert [(f["code"], f["sheet"], f["cell"]) for f in document["findings"]] == [
        ("T001", QUOTED_SHEET, "B4"),
        ("T001", BIDI_SHEET, "B4"),
        ("B007", "Rapport", "B2"),
    ]
    assert document["findings"][2]["message"] == (
        "Imputation « 6568//93\u202e446 » mal formée (format attendu : 6568/93446)."
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\u202eb\u202cc", "a<U+202E>b<U+202C>c"),
        (
            "\u2066x\u2069 \u2067y\u2069 \u2068z\u2069",
            "<U+2066>x<U+2069> <U+2067>y<U+2069> <U+2068>z<U+2069>",
        ),
        ("\u200eg\u200fd\u061c", "<U+200E>g<U+200F>d<U+061C>"),
        ("csi\x9b31m", "csi<U+009B>31m"),  # a C1 control: some terminals obey it
        ("ligne\u2028suivante\ttab", "ligne suivante tab"),
        ("bip\x07 \x1b[2J", "bip\u2407 \u241b[2J"),
        ("Délibération « 1 » −5 €", "Délibération « 1 » −5 €"),  # ordinary text unchanged
    ],
)
def test_printable_neutralises_what_acts_on_a_terminal(text, shown):
    from pointage.base.console import printable

    assert printable(text) == shown
