"""A list closed by a total label and a number, without any formula (`tables/label_totals.py`):
a table by its shape, its total checked against its lines; a total that the lines are
far from is a misreading, said and never an erreur."""

from __future__ import annotations

from pathlib import Path

import pytest

from classeurs import construire
from pointage.engine.check import check_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-workbooks"

SPORT = """
5400 | A.K SPORT             | F |                    | 11500
2055 | AIKIDO CLUB           | F |                    | 500
985  | AMICALE BOULES        | F |                    | 500
1187 | ARCEAUX MONTPELLIER   | F |                    | 14500
1192 | TENNIS CLUB           | P | TOURNOI OPEN       | 1950
1634 | VOLLEY LOISIR         | F |                    | 500
     |                       |   | Total              | {total}
"""


def _check(tmp_path, total):
    return check_path(
        construire(tmp_path / "sport.xlsx", {"Détail Sport": SPORT.replace("{total}", str(total))})
    )


def test_a_list_closed_by_a_bare_total_is_a_table(tmp_path):
    report = _check(tmp_path, 29450)
    [table] = report.tables
    assert (table.range, table.total_rows, table.notes) == ("A1:E7", ((7, "libellé"),), ())
    assert report.findings == []


def test_a_wrong_bare_total_is_found(tmp_path):
    report = _check(tmp_path, 29540)
    assert [(f.code, f.severity.value, f.cell, f.cells, f.message) for f in report.findings] == [
        (
            "T001",
            "erreur",
            "E7",
            ("E1", "E2", "E3", "E4", "E5", "E6", "E7"),
            "Total : le total de la colonne « E » est 29 540,00 € ; la somme des 6 lignes du bloc "
            "donne 29 450,00 € (écart +90,00 €).",
        )
    ]


def test_a_total_far_from_its_lines_is_not_understood(tmp_path):
    # Twice the lines: subtotals among them, or a total of something else.
    report = _check(tmp_path, 58900)
    [table] = report.tables
    assert any("non compris" in note for note in table.notes)
    assert report.findings == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_the_sport_total_typed_over_its_formula_is_found():
    report = check_path(REAL / "mutants" / "mtp2014_sport_total.xlsx")
    assert [(f.code, f.cell) for f in report.findings if f.sheet == "Détail Sport"] == [("T001", "E122")]


def test_a_list_with_a_dont_line_is_not_read_by_its_bare_total(tmp_path):
    # `dont personnel` is a part of the line above: the total does not count it twice.
    text = SPORT.replace("1634 | VOLLEY LOISIR         | F |", "     | dont jeunes           | F |").replace(
        "{total}", "28950"
    )
    report = check_path(construire(tmp_path / "dont.xlsx", {"Détail Sport": text}))
    assert list(report.tables) == []
    assert [f.code for f in report.findings] == ["E002"]  # nothing understood, nothing accused
