"""Totals their formulas reveal (ThomasGille's works budget, `tables/side_totals.py`): a
total written beside the lines (`Total | =SUM(B2:B5)` in D3:E3), a list of postes
without a header row closed by `Total | =SUM(B1:B6)`, and `Total marchandises |
=SUM(E:E)` right of an Excel Table. Each is part of its table's range and is checked
against the detail rows of its block, never against its own formula's range."""

from __future__ import annotations

import openpyxl
import pytest

from classeurs import Feuille, avec_valeurs_en_cache, construire
from pointage.engine.check import check_path
from pointage.outputs.json_report import report_to_dict
from pointage.reading.workbook import read_workbook
from pointage.report.model import Report

BESIDE = "formule SOMME à côté des lignes"

TRAVAUX = """
             | Tarif    |  |                |
Matériel     | 1200     |  |                |
Main d'œuvre | 2288     |  | Total          | =SUM(B2:B5)
Meubles      | 2815     |  |                |


             | Peinture |  |                |
Matériel     | 20       |  |                |
Main d'œuvre | 176      |  | Total peinture | =SUM(B8:B10)
Peinture     | 200      |  |                |
"""

MEUBLES = """
Receveur de douche | 150 |
Colonne de douche  | 300 | ???
WC                 | 450 | Avec sanibroyeur, sinon 200




Total              | =SUM(B1:B6)
"""

MATERIAUX = """
Section  | Nom              | Nombre | Prix unitaire | Total | Commentaire
Plafond  |                  |        |               |       |
         | Plaque de plâtre | 10     | 8             | 80    |
         | Enduit           | 2      | 15            | 30    | Voir Divers
Lumière  |                  |        |               |       |
         | Spot             | 8      | 15            | 120   |
"""


def _shown(report):
    return [(f.code, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def _travaux(tmp_path, e3=6303, e9=396, formule_e3=None):
    texte = TRAVAUX if formule_e3 is None else TRAVAUX.replace("=SUM(B2:B5)", formule_e3)
    chemin = construire(tmp_path / "budget.xlsx", {"Total": texte})
    return avec_valeurs_en_cache(chemin, {"Total": {"E3": e3, "E9": e9}})


def test_totals_beside_the_lines_make_one_table_with_them(tmp_path):
    report = check_path(_travaux(tmp_path))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind, table.header_rows) == ("Total", "A1:E10", "plan", (1,))
    assert table.total_rows == ((3, BESIDE), (9, BESIDE))
    assert _shown(report) == []


WRONG_BESIDE = {
    "a wrong total": (
        {"e9": 400},
        "E9",
        ("B8", "B9", "B10", "E9"),
        "Total peinture : le total de la colonne « Tarif » est 400,00 € ; la somme des 3 "
        "lignes du bloc donne 396,00 € (écart +4,00 €).",
    ),
    # `=SUM(B2:B3)` is what Excel computed; the block has three lines.
    "a range that forgets a line": (
        {"e3": 3488, "formule_e3": "=SUM(B2:B3)"},
        "E3",
        ("B2", "B3", "B4", "E3"),
        "Total : le total de la colonne « Tarif » est 3 488,00 € ; la somme des 3 lignes du "
        "bloc donne 6 303,00 € (écart -2 815,00 €).",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG_BESIDE))
def test_a_wrong_total_beside_its_block_is_found_at_its_cell(tmp_path, case):
    written, cell, cells, message = WRONG_BESIDE[case]
    assert _shown(check_path(_travaux(tmp_path, **written))) == [("T001", "Total", cell, cells, message)]


def test_a_list_without_header_closed_by_a_sum_is_a_table(tmp_path):
    chemin = construire(tmp_path / "meubles.xlsx", {"Meubles": MEUBLES})
    report = check_path(avec_valeurs_en_cache(chemin, {"Meubles": {"B8": 900}}))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind, table.header_rows) == ("Meubles", "A1:C8", "plan", ())
    assert table.total_rows == ((8, "formule SOMME des lignes au-dessus"),)
    [entry] = report_to_dict(Report(files=[report]))["files"][0]["tables"]
    assert (entry["range"], "header_rows" in entry) == ("A1:C8", False)
    # Without a header, a column is said by its first cell.
    assert entry["columns"] == [
        {"cell": "A1", "header": "", "role": "label"},
        {"cell": "B1", "header": "", "role": "amount"},
    ]
    assert _shown(report) == []


def test_a_wrong_total_of_a_list_without_header_names_its_column_by_letter(tmp_path):
    chemin = construire(tmp_path / "meubles.xlsx", {"Meubles": MEUBLES})
    report = check_path(avec_valeurs_en_cache(chemin, {"Meubles": {"B8": 800}}))
    assert _shown(report) == [
        (
            "T001",
            "Meubles",
            "B8",
            ("B1", "B2", "B3", "B8"),
            "Total : le total de la colonne « B » est 800,00 € ; la somme des 3 lignes du bloc "
            "donne 900,00 € (écart -100,00 €).",
        )
    ]


def _materiaux(tmp_path, h1):
    chemin = construire(
        tmp_path / "materiaux.xlsx", {"Matériaux": Feuille(MATERIAUX, tableau_excel="Tableau1")}
    )
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Matériaux"]
    feuille["G1"], feuille["H1"] = "Total marchandises", "=SUM(E:E)"
    classeur.save(chemin)
    return avec_valeurs_en_cache(chemin, {"Matériaux": {"H1": h1}})


def test_a_whole_column_total_right_of_an_excel_table_is_part_of_it(tmp_path):
    report = check_path(_materiaux(tmp_path, 230))
    [table] = report.tables
    assert (table.range, table.kind, table.total_rows) == ("A1:H6", "plan", ((1, BESIDE),))
    assert _shown(report) == []
    wrong = check_path(_materiaux(tmp_path, 250))
    assert _shown(wrong) == [
        (
            "T001",
            "Matériaux",
            "H1",
            ("E3", "E4", "E6", "H1"),
            "Total marchandises : le total de la colonne « Total » est 250,00 € ; la somme des 3 "
            "lignes du bloc donne 230,00 € (écart +20,00 €).",
        )
    ]


def test_the_reader_says_which_column_a_sum_beside_adds(tmp_path):
    snapshot = read_workbook(_travaux(tmp_path))
    [sheet] = snapshot.sheets
    assert (sheet.sums, sheet.column_sums) == ({}, {(2, 4): (1, 1, 4), (8, 4): (1, 7, 9)})
    [sheet] = read_workbook(_materiaux(tmp_path, 230)).sheets
    assert sheet.column_sums == {(0, 7): (4, 0, 1048575)}


def test_a_sum_beside_without_a_total_label_shows_no_table(tmp_path):
    texte = TRAVAUX.replace("Total peinture", "Report").replace("| Total ", "| Moyenne ")
    chemin = avec_valeurs_en_cache(
        construire(tmp_path / "b.xlsx", {"Total": texte}), {"Total": {"E3": 6303, "E9": 396}}
    )
    report = check_path(chemin)
    assert (report.unreadable, report.tables) == (True, [])


def test_a_sum_over_a_text_in_its_column_shows_no_table(tmp_path):
    # `Peinture` typed among the amounts: not a list of postes Pointage understands.
    texte = TRAVAUX.replace("=SUM(B8:B10)", "=SUM(B7:B10)").replace("Total          | =SUM(B2:B5)", "|")
    chemin = avec_valeurs_en_cache(construire(tmp_path / "b.xlsx", {"Total": texte}), {"Total": {"E9": 396}})
    report = check_path(chemin)
    assert (report.unreadable, report.tables) == (True, [])
