"""A budget written side by side, `Recettes | montant` then `Dépenses | montant`, each
closed by its SUM total (issue 24: a structure no header word names): read as one
table, each side checked against its own lines."""

from __future__ import annotations

from classeurs import avec_valeurs_en_cache, construire
from pointage.engine.check import check_path

BUDGET = """
Budget prévisionnel 2025
Recettes                  |              |  | Dépenses           |
Subvention Département    | 12000        |  | Salaires           | 9000
Subvention Région         | 5000         |  | Loyer              | 4800
Cotisations               | 1500         |  | Fournitures        | 2200
Ventes                    | 800          |  | Déplacements       | 1300
Total recettes            | =SUM(B3:B6)  |  | Total dépenses     | =SUM(E3:E6)
"""
# What Excel shows in the totals (the workbook as saved before the slips below).
SHOWN = {"Budget": {"B7": 19300, "E7": 17300}}


def _checked(tmp_path, text):
    report = check_path(avec_valeurs_en_cache(construire(tmp_path / "budget.xlsx", {"Budget": text}), SHOWN))
    return report, [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def test_both_sides_are_read_and_add_up(tmp_path):
    report, shown = _checked(tmp_path, BUDGET)
    assert shown == []
    assert [(t.sheet, t.range) for t in report.tables] == [("Budget", "A1:E7")]


def test_a_slip_on_each_side_is_found_at_that_side_s_total(tmp_path):
    text = BUDGET.replace("| 1500 ", "| 1600 ").replace("| 2200", "| 2000")
    _, shown = _checked(tmp_path, text)
    assert shown == [
        (
            "T001",
            "erreur",
            "Budget",
            "B7",
            ("B3", "B4", "B5", "B6", "B7"),
            "Total recettes : le total de la colonne « B » est 19 300,00 € ; la somme des 4 lignes "
            "du bloc donne 19 400,00 € (écart −100,00 €).",
        ),
        (
            "T001",
            "erreur",
            "Budget",
            "E7",
            ("E3", "E4", "E5", "E6", "E7"),
            "Total dépenses : le total de la colonne « colonne E » est 17 300,00 € ; la somme des 4 lignes "
            "du bloc donne 17 100,00 € (écart +200,00 €).",
        ),
    ]
