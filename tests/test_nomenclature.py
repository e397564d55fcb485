"""Imputations read against the DGFiP's plans de comptes (issue 29, part 1): the committed
resource, which plan a workbook is read in, and what is said when there is none."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from classeurs import construire
from pointage.analysis import nomenclature
from pointage.engine.check import check_path, select_rules

ROOT = Path(__file__).parents[1]
SOURCE = ROOT.parent / "shared" / "nomenclatures"
EXAMPLES = ROOT / "workbooks" / "exemples"

BUDGET = """
Code Opération | Imputation budgétaire | Libellé Opération | AE €   | Dépense €
{code}         | {imputation}          | Opération          | 100000 | 5000
"""


def _build_script():
    spec = importlib.util.spec_from_file_location(
        "build_nomenclatures", ROOT / "tools" / "build_nomenclatures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _findings(tmp_path: Path, sheets: dict[str, str], name: str = "classeur.xlsx") -> list[tuple]:
    report = check_path(construire(tmp_path / name, sheets), select_rules(["N"]))
    return [(f.code, f.severity.value, f.sheet, f.cell, f.message) for f in report.findings]


def _only(code: str, severity: str, cell: str, message: str) -> list[tuple]:
    """The one finding expected, on the Délibération sheet."""
    return [(code, severity, "Délibération", cell, message)]


def _budget(imputation: str, code: str = "C02-446A05", **parametres: str) -> dict[str, str]:
    sheets = {"Délibération": BUDGET.format(code=code, imputation=imputation)}
    if parametres:
        rows = "\n".join(f"{k} | {v}" for k, v in parametres.items())
        sheets["Paramètres"] = f"\nParamètre | Valeur\n{rows}\n"
    return sheets


@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/nomenclatures absent (clean clone)")
def test_committed_resource_is_what_the_script_builds():
    script = _build_script()
    plans, set_aside = script.build(SOURCE)
    committed = (ROOT / "validators" / "pointage" / "analysis" / nomenclature.RESOURCE).read_bytes()
    assert script.encode(plans) == committed
    assert set_aside == []
    # 2022/M57.xml is the 2020 plan: no M57 plan of 2022 is made of it.
    assert "M57/2022" not in plans and plans["M57/2020"]["source"] == "2020/M57.xml"


def test_resource_facts_of_seed_000():
    plan = nomenclature.plan_of("M57_D", 2024)
    assert plan is not None and plan.name == "M57_D 2024"
    assert plan.accounts["6568"] == nomenclature.Account("6568", "Autres participations", "65", "")
    assert plan.functions["446"] == "Dépenses de structure"
    assert plan.chapters["65"] == ("Autres charges de gestion courante", "F")
    # Before 2022 the M57 was one plan, which the M57_D stands for; no year is guessed.
    assert nomenclature.plan_of("M57_D", 2020).name == "M57 2020"
    assert nomenclature.plan_of("M57_D", 2025) is None


def test_a_norm_written_is_the_only_plan_read(tmp_path):
    # Seed 001 (2022) read in M57_D, as its Paramètres would say: fonction 564 is M52's.
    sheets = _budget("6568/93564", code="C01-564H02", Exercice="2022", Norme="M57_D")
    assert _findings(tmp_path, sheets) == _only(
        "N002",
        "erreur",
        "B2",
        "Imputation « 6568/93564 » (6568 Autres participations) : la fonction 564 n'existe pas dans "
        "le plan M57_D 2022 ; code le plus proche : 56 Actions en faveur du littoral.",
    )


def test_before_2024_without_norm_the_plan_that_fits_best_is_named(tmp_path):
    # 6569 exists in no plan; fonction 566 only in M52: the finding names M52's plan.
    sheets = _budget("6569/93566", code="C02-566A05", Exercice="2022")
    assert _findings(tmp_path, sheets) == _only(
        "N001",
        "erreur",
        "B2",
        "Imputation « 6569/93566 » : la nature 6569 n'existe pas dans le plan M52 2022 ; code le plus "
        "proche : 6568 Autres participations.",
    )


def test_the_year_of_the_sitting_then_of_the_file_name(tmp_path):
    sitting = {
        "Délibération": _with_heading("REUNION DU 21 NOVEMBRE 2025", "6568/93446"),
    }
    assert _findings(tmp_path, sitting, "annexe-2024.xlsx") == _only(
        "N005",
        "info",
        "B3",
        "Imputations non vérifiées dans la nomenclature : pas de plan de comptes M57_D pour l'exercice "
        "2025 (année de la séance, feuille « Délibération ») ; Pointage connaît les exercices 2015 à 2024.",
    )
    assert _findings(tmp_path, _budget("6568/93446"), "cp-2026-01-12-annexe.xlsx") == _only(
        "N005",
        "info",
        "B2",
        "Imputations non vérifiées dans la nomenclature : pas de plan de comptes M57_D pour l'exercice "
        "2026 (année du nom du fichier) ; Pointage connaît les exercices 2015 à 2024.",
    )
    assert _findings(tmp_path, _budget("6569/93446"), "cp-2024-09-16.xlsx")[0][0] == "N001"


def _with_heading(heading: str, imputation: str) -> str:
    return f"\n{heading}\n" + BUDGET.format(code="C02-446A05", imputation=imputation).lstrip("\n")


def test_the_sitting_is_read_in_the_heading_rows_only(tmp_path):
    from pointage.analysis.exercise import SITTING_SEARCH_ROWS

    def below(rows_above: int) -> dict[str, str]:
        text = "\n" + "Considérant\n" * rows_above
        return {
            "Délibération": text + _with_heading("REUNION DU 21 NOVEMBRE 2025", "6568/93446").lstrip("\n")
        }

    # The heading on the last row searched (row 30): its year is read (2025, no plan).
    assert [f[0] for f in _findings(tmp_path, below(SITTING_SEARCH_ROWS - 1))] == ["N005"]
    # One row lower, among the lines of a table: no year, nothing said.
    assert _findings(tmp_path, below(SITTING_SEARCH_ROWS)) == []


def test_no_year_says_nothing_an_unknown_norm_is_said_once(tmp_path):
    two_lines = {
        "Délibération": BUDGET.format(code="C02-446A05", imputation="6569/93446")
        + "C02-999A01 | 6568/93999 | Autre | 100 | 5\n"
    }
    assert _findings(tmp_path, two_lines) == []
    # The table's description says what was not read, when the N rules run.
    workbook = tmp_path / "classeur.xlsx"
    [table] = check_path(workbook, select_rules(["N"])).tables
    assert table.notes == (
        "imputations non lues dans le plan de comptes (N001 à N003) : ni Exercice dans Paramètres, "
        "ni date de séance dans le classeur, ni année dans le nom du fichier",
    )
    assert check_path(workbook, select_rules(["B"])).tables[0].notes == ()
    assert _findings(tmp_path, _budget("6568/93446", Exercice="2024", Norme="M14")) == _only(
        "N005",
        "info",
        "B2",
        "Imputations non vérifiées dans la nomenclature : norme « M14 » inconnue (Paramètres!B3) ; "
        "Pointage connaît M52, M57, M57_A, M57_D et M57_P.",
    )


def test_the_examples_imputations_all_pass_and_the_doubled_slash_stays_B007():
    for example in sorted(EXAMPLES.glob("*.xlsx")):
        report = check_path(example, select_rules(["N", "B007"]))
        found = [(f.code, f.sheet, f.cell) for f in report.findings]
        expected = (
            [("B007", "Délibération", "B4"), ("B007", "Rapport", "B4")]
            if example.name.startswith("cp-2024-09-16-accompagnement")
            else []
        )
        assert found == expected, example.name


def test_the_resource_is_loaded_only_for_a_table_with_imputations(tmp_path):
    nomenclature._documents.cache_clear()
    nomenclature.plan_of.cache_clear()
    repartition = {"Annexe 1": "\nSTRUCTURE | MONTANT RETENU\nCCAS de Lens | 1600\nTOTAL | 1600\n"}
    assert _findings(tmp_path, repartition) == []
    assert nomenclature._documents.cache_info().currsize == 0
    assert _findings(tmp_path, _budget("6568/93446", Exercice="2024")) == []
    assert nomenclature._documents.cache_info().currsize == 1


def test_a_year_missing_inside_the_known_ones_is_shown(tmp_path):
    # The file named M57_P for 2023 is the M57_D plan: there is no M57_P plan of 2023.
    said = (
        "Imputations non vérifiées dans la nomenclature : pas de plan de comptes M57_P pour l'exercice "
        "2023 (exercice lu en Paramètres!B2) ; Pointage connaît les exercices 2015 à 2021 et 2024."
    )
    sheets = _budget("6568/93446", Exercice="2023", Norme="M57-P")
    assert _findings(tmp_path, sheets) == _only("N005", "info", "B2", said)


def test_the_code_operation_switch(tmp_path):
    # Seed 000's code with the fonction of seed 001's other line: checked unless switched off.
    mismatch = "Imputation « 6568/9358 » (6568 Autres participations ; fonction 58 Autres actions) : le code "
    expected = _only(
        "N004",
        "avertissement",
        "B2",
        mismatch + "opération C02-446A05 porte la fonction 446 (Dépenses de structure).",
    )
    assert _findings(tmp_path, _budget("6568/9358", Exercice="2024")) == expected
    on = {"Exercice": "2024", "Fonction du code opération": "Oui"}
    assert _findings(tmp_path, _budget("6568/9358", **on)) == expected
    off = {"Exercice": "2024", "Fonction du code opération": "Non"}
    assert _findings(tmp_path, _budget("6568/9358", **off)) == []
