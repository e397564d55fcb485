"""A table of thematic sub-tables (Montpellier 2013: a merged title row, the header
again, the grants, their total) is read sub-table by sub-table and reported as one
table with its header rows; what is said once per table is said once for all of it.
A title right above the header (merged across the table, or on the sheet's first
row) is part of the table's range."""

from __future__ import annotations

from classeurs import Feuille, construire
from pointage.engine.check import check_path
from pointage.outputs.json_report import report_to_dict
from pointage.report.model import Report

THEMES = """
Culture                   |                 |               |
CODE                      | STRUCTURE       | Nature        | Montant
C1                        | Orchestre       | Fonctionnement | 1000
C1                        | Orchestre       | Fonctionnement | 1000
C2                        | Théâtre         | Projet        | 500
Total                     |                 |               | 2500
Sport                     |                 |               |
CODE STRUCTURE            | NOM STRUCTURE   | NATURE        | MONTANT ACCORDE
S1                        | Club de foot    | Fonctionnement | 2000
S2                        | Club de judo    | Projet        | 300
S2                        | Club de judo    | Projet        | 300
TOTAL                     |                 |               | 2600
"""


def _check(tmp_path, sheet):
    return check_path(construire(tmp_path / "c.xlsx", {"Subventions": sheet}))


def test_two_themes_are_one_table_of_two_sub_tables(tmp_path):
    report = _check(tmp_path, Feuille(THEMES, fusions=("A1:D1", "A7:D7")))
    [table] = report.tables
    assert (table.range, table.kind, table.header_rows, table.subtables) == (
        "A1:D12",
        "repartition",
        (2, 8),
        2,
    )
    assert table.total_rows == ((6, "libellé"), (12, "libellé"))
    # Each theme's blocks are checked apart (the totals hold); its repeated rows are
    # said once for the table, both themes' pairs in one finding.
    assert [(f.code, f.sheet, f.cell, f.cells, f.message) for f in report.findings] == [
        (
            "F008",
            "Subventions",
            "B4",
            ("B3", "B4", "B10", "B11"),
            "2 lignes identiques, cellule pour cellule, à une ligne précédente (ligne 4 = ligne 3, "
            "ligne 11 = ligne 10) : collées deux fois ?",
        )
    ]
    [entry] = report_to_dict(Report(files=[report]))["files"][0]["tables"]
    assert (entry["range"], entry["header_rows"], entry["subtables"]) == ("A1:D12", [2, 8], 2)


def test_a_total_that_does_not_add_up_is_found_in_its_own_theme(tmp_path):
    wrong = THEMES.replace(
        "TOTAL                     |                 |               | 2600", "TOTAL | | | 2700"
    )
    report = _check(tmp_path, Feuille(wrong, fusions=("A1:D1", "A7:D7")))
    assert [(f.code, f.cell, f.expected) for f in report.findings if f.code == "T001"] == [
        ("T001", "D12", "2600.00")
    ]


def test_two_tables_apart_are_two_tables(tmp_path):
    # A blank row and a header that is not the same: two tables, each with its own F008
    # (the first one's title is on the sheet's first row).
    apart = THEMES.replace(
        "Sport                     |                 |               |",
        "\n\nSport                     |                 |               |",
    ).replace(
        "CODE STRUCTURE            | NOM STRUCTURE   | NATURE        | MONTANT ACCORDE",
        "Bénéficiaire | Ville | Objet | Subvention",
    )
    report = _check(tmp_path, apart)
    assert [(t.range, t.subtables) for t in report.tables] == [("A1:D6", 1), ("A10:D14", 1)]
    assert [f.cell for f in report.findings if f.code == "F008"] == ["B4", "A13"]


def test_a_title_on_the_first_row_is_part_of_the_table(tmp_path):
    sheet = """
Année : 2017
Bénéficiaire | Objet          | Montant
Asso A       | Fonctionnement | 1000
Asso B       | Projet         | 500
"""
    [table] = _check(tmp_path, sheet).tables
    assert (table.range, table.header_rows) == ("A1:C4", (2,))


def test_a_label_without_its_value_above_a_header_is_not_a_title(tmp_path):
    sheet = """
Subventions 2024

PLAFOND DEPARTEMENT
Bénéficiaire | Objet          | Montant
Asso A       | Fonctionnement | 1000
Asso B       | Projet         | 500
"""
    [table] = _check(tmp_path, sheet).tables
    assert table.range == "A4:C6"
