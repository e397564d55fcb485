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
    "juniorsky-git__Projet-Tarification-Mairie__CALC DEP(4).xlsx": "CALC DEP(4)!A138:K149 (plan): no total row, no SUM, no header the lexicon knows",
    "juniorsky-git__Projet-Tarification-Mairie__Classeur1.xlsx": "Feuil1!B55:M59 (plan): read as the last lines of the table above it (B48:F62)",
    "juniorsky-git__Projet-Tarification-Mairie__Feuille_dataviz .xlsx": "Feuil1!J138:K149 (plan): no total row, no SUM, no header the lexicon knows",
}
FALSE_ERREURS: dict[str, str] = {}
MUTANTS_MISSED: dict[str, str] = {}

# The figures of `score.py` today: they may only get better.
FLOOR = {"false_erreurs": 0, "avert_per_table": 0.0, "tables_recognised": 64, "mutants": 71}


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
