"""Every real workbook of `../shared/real-workbooks/` against its hand-checked truth
(`truth/<file>.json`), and every mutant (`mutants/<name>.json`, one slip each) against
the finding it expects, judged by the folder's own `score.py` so that the tests and the
published figures count the same thing.

The truths are read, never retyped here: a workbook added to the folder with its truth
is tested without touching this file. What is not reached yet is listed by name below
(strict xfail: a case that starts passing must leave the list), and the four figures
are a ratchet (`test_the_four_figures_never_go_back`).
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

import pytest

from pointage.engine.check import check_path
from pointage.outputs.json_report import report_to_dict
from pointage.report.model import Report

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
pytestmark = pytest.mark.skipif(not (REAL / "score.py").is_file(), reason="../shared/real-workbooks absent")

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

# Cases not reached yet, each with what is missing (see docs/decisions.md).
TABLES_NOT_RECOGNISED: dict[str, str] = {
    "Adrastor__Projet-Ecole__Budget.xlsx": "not recognised: Budget mensuel personnel!B14:E26 (budget), Budget mensuel personnel!B4:C12 (plan), Budget mensuel personnel!G73:J77 (plan)",
    "benelsen__budget2015__budget.xls": "not recognised: Dépenses!A1:J4433 (budget), Recettes!A1:J255 (budget)",
    "jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.ods": "not recognised: Par thématique!A3:B30 (repartition), Détail culture!A1:J450 (repartition)",
    "jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.xls": "not recognised: Par thématique!A3:B30 (repartition)",
    "jimmy1708__Opendata__VilleMTP_MTP_BudgetPri_2014.xls": "not recognised: Feuil1!A3:C11 (repartition)",
    "juniorsky-git__Projet-Tarification-Mairie__CALC DEP(4).xlsx": "not recognised: CALC DEP(4)!B22:R34 (plan), CALC DEP(4)!B56:F61 (plan), CALC DEP(4)!B72:N76 (plan), CALC DEP(4)!A138:K149 (plan), syntheses charges!A2:J22 (plan), Depenses,service,RE!A3:D14 (repartition), DEP ALIM TCD!A5:E86 (repartition)",
    "juniorsky-git__Projet-Tarification-Mairie__Classeur1.xlsx": "not recognised: Feuil1!B55:M59 (plan)",
    "juniorsky-git__Projet-Tarification-Mairie__Feuille_dataviz .xlsx": "not recognised: Feuil1!B72:M76 (plan), Feuil1!J138:K149 (plan)",
}
FALSE_ERREURS: dict[str, str] = {
    "betagouv__SCDL-Subvention-DataSubvention__DEP_Deux Sèvres_Convention_de_subventions_-_CD79.xls": "false erreurs: 467 A001",
    "betagouv__api-subventions-asso__SUBVENTIA.xlsx": "false erreurs: 1 F004",
    "etalab__hackathon_associations__data.gouv-cd53-14-10-2019-.xlsx": "false erreurs: 57 A001",
    "juniorsky-git__Projet-Tarification-Mairie__Classeur1.xlsx": "false erreurs: 4 F002",
    "juniorsky-git__Projet-Tarification-Mairie__Synthese_GAZ_Detaillee_2025.xlsx": "false erreurs: 23 T001",
}
MUTANTS_MISSED: dict[str, str] = {
    "adr_difference": "B/T/I at Budget mensuel personnel!E18 not found",
    "adr_reel_extra0": "T001 at Budget mensuel personnel!J75 not found",
    "adr_soustotal": "T001 at Budget mensuel personnel!E26 not found",
    "anct_row_twice": "F008 at Projets_dotations_investissement_2019!D5001 not found",
    "bp2014_grand_total": "T001 at Feuil1!C11 not found",
    "bp2014_pivot_detail": "T001 at Feuil1!C7 not found",
    "calc_eau_line": "T001 at Conso eau!I44 not found",
    "calc_pivot_grand": "T001 at Depenses,service,RE!D14 not found",
    "calc_pivot_line": "T001 at DEP ALIM TCD!C15 not found",
    "calc_tcd_total": "T001 at tcd!B13 not found",
    "calc_total_typed": "T001 at CALC DEP(4)!D34 not found",
    "cdl_total_ttc": "T001 at Feuil1!N335 not found",
    "cdl_tva": "T001 at Feuil1!M335 not found",
    "cl1_children": "T001 at Feuil1!D14 not found",
    "cl1_ecart": "T/I at Feuil1!H10 not found",
    "cl1_total": "T001 at Feuil1!G14 not found",
    "ds_row_twice": "F008 at Rapport 1!E201 not found",
    "dv_rowtotal": "T/I at Feuil1!O45 not found",
    "dv_sejours_total": "T001 at Feuil1!K96 not found",
    "dv_total": "T001 at Feuil1!I113 not found",
    "eau_total_conso": "T/I at Eau Détail 2025!P20 not found",
    "ex8_ht": "T001 at Feuil1!L5 not found",
    "ex8_ttc": "T/I at Feuil1!N4 not found",
    "gispro_text_grouping": "F009 at Feuille 1!I3 not found",
    "lux_article": "T001 at Dépenses!F3 not found",
    "lux_article_extra0": "T001 at Dépenses!H18 not found",
    "lux_departement": "T001 at Dépenses!J2 not found",
    "lux_rec_article": "T001 at Recettes!E4 not found",
    "lux_rec_chapitre": "T001 at Recettes!F2 not found",
    "lux_section": "T001 at Dépenses!E12 not found",
    "mat_days": "T001 at Tableau budget!D17 not found",
    "mat_step_amount": "T/I at Tableau budget!G13 not found",
    "mat_total_ht": "T001 at Tableau budget!G17 not found",
    "mtp2014_bare_total": "T001 at Subventions!E807 not found",
    "mtp2014_pivot_detail": "T001 at Par thématique!B30 not found",
    "mtp2014_sport_total": "T001 at Détail Sport!E122 not found",
    "mtp2014_total_typed": "T001 at Subventions!E73 not found",
    "mtp2014o_pivot_detail": "T001 at Par thématique!B30 not found",
    "mtp2014o_total_typed": "T001 at Subventions!E1026 not found",
}

# The figures of `score.py` today: they may only get better.
FLOOR = {"false_erreurs": 552, "avert_per_table": 1.25, "tables_recognised": 48, "mutants": 32}


def _scorer():
    spec = importlib.util.spec_from_file_location("real_workbooks_score", REAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score = _scorer() if (REAL / "score.py").is_file() else None


def _names(folder: str) -> list[str]:
    return sorted(p.name[: -len(".json")] for p in (REAL / folder).glob("*.json")) if REAL.is_dir() else []


TRUTHS = _names("truth")
MUTANTS = _names("mutants")


@cache
def _truth(name: str) -> dict:
    return json.loads((REAL / "truth" / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _mutant(name: str) -> dict:
    return json.loads((REAL / "mutants" / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _result(path: Path) -> dict:
    """What `pointage verifier --format json` says of one file, as the scorer reads it."""
    file = report_to_dict(Report([check_path(path)]))["files"][0]
    return {"ok": True, "status": file["status"], "tables": file["tables"], "findings": file["findings"]}


def _original(name: str) -> dict:
    return score.score_original(name, _truth(name), _result(score.xlsx_view(name)))


def _mutant_score(name: str) -> dict:
    m = _mutant(name)
    return score.score_mutant(m, _result(score.mutant_xlsx(m)), _result(score.xlsx_view(m["base"])))


def _marked(names: list[str], missing: dict[str, str]) -> list:
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=missing[n])) if n in missing else n
        for n in names
    ]


def test_every_real_workbook_has_its_truth():
    on_disk = sorted(p.name for p in REAL.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES)
    assert on_disk == TRUTHS
    assert all(score.mutant_xlsx(_mutant(n)).is_file() and _mutant(n)["base"] in TRUTHS for n in MUTANTS)
    assert set(TABLES_NOT_RECOGNISED) | set(FALSE_ERREURS) <= set(TRUTHS)
    assert set(MUTANTS_MISSED) <= set(MUTANTS)


@pytest.mark.parametrize("name", _marked(TRUTHS, FALSE_ERREURS))
def test_no_false_erreur(name):
    said = [(f["code"], f["sheet"], f["cell"], f["message"]) for f in _original(name)["false_erreurs"]]
    assert said == []


@pytest.mark.parametrize("name", _marked(TRUTHS, TABLES_NOT_RECOGNISED))
def test_every_table_a_person_checks_is_recognised(name):
    missed = [
        (sheet, cells, kind) for sheet, cells, kind, found in _original(name)["recognised"] if not found
    ]
    assert missed == []


@pytest.mark.parametrize("name", _marked(MUTANTS, MUTANTS_MISSED))
def test_the_slip_is_found_where_it_was_made_and_nothing_else_is_accused(name):
    result = _mutant_score(name)
    new = [(f["code"], f["sheet"], f["cell"]) for f in result["new_erreurs"]]
    assert (result["detected"], new) == (True, [])


def test_the_four_figures_never_go_back():
    originals = [_original(n) for n in TRUTHS]
    recognised = [found for r in originals for *_, found in r["recognised"]]
    figures = {
        "false_erreurs": sum(len(r["false_erreurs"]) for r in originals),
        "avert_per_table": round(
            sum(len(r["avertissements"]) for r in originals) / max(1, sum(recognised)), 2
        ),
        "tables_recognised": sum(recognised),
        "mutants": sum(_mutant_score(n)["success"] for n in MUTANTS),
    }
    assert figures["false_erreurs"] <= FLOOR["false_erreurs"], figures
    assert figures["avert_per_table"] <= FLOOR["avert_per_table"], figures
    assert figures["tables_recognised"] >= FLOOR["tables_recognised"], figures
    assert figures["mutants"] >= FLOOR["mutants"], figures
