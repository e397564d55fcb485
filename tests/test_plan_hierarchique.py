"""Budgets listed as a tree, each subtotal ABOVE its lines and no `Total` word: the
table is read from its structure (`tables/outline_tables.py`) and each parent is
checked against its children (`analysis/outline.py`). The levels come from a column of
level words, from the indentation, or from codes that extend their parent's; the
header may be years a lexicon cannot name. Synthetic outlines of each sort, and the
Luxembourg state budget 2015 (benelsen/budget2015) with its slips."""

from __future__ import annotations

from pathlib import Path

import pytest

from classeurs import construire
from pointage.engine.check import check_path

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
LUX = REAL / "converted" / "benelsen__budget2015__budget.xlsx"
MUTANTS = REAL / "mutants"

# Levels by words: a chapitre, its fonctions, their comptes; years as the header.
BY_WORDS = """
Niveau   | Code | Intitulé                     | "2023" | "2024"
Chapitre | 011  | Charges à caractère général  | 5200   | 5600
Fonction | 0111 | Administration               | 3000   | 3300
Compte   | 6061 | Fournitures non stockables   | 1000   | 1100
Compte   | 6063 | Fournitures d'entretien      | 2000   | 2200
Fonction | 0112 | Voirie                       | 2200   | 2300
Compte   | 6068 | Autres matières              | 1200   | 1200
Compte   | 615  | Entretien et réparations     | 1000   | 1100
Chapitre | 012  | Charges de personnel         | 9000   | 9500
Fonction | 0121 | Titulaires                   | 9000   | 9500
Compte   | 6411 | Traitements                  | 7000   | 7400
Compte   | 6451 | Cotisations URSSAF           | 2000   | 2100
"""

# Levels by indentation: a section's label in A, its lines' one column right.
BY_INDENT = """
Poste                  |                       | Prévu 2024 | Voté 2024 | Réalisé 2024
Investissement         |                       | 12000      | 11500     | 9000
                       | Travaux école         | 8000       | 8000      | 6500
                       | Matériel informatique | 4000       | 3500      | 2500
Fonctionnement         |                       | 30000      | 29000     | 27000
                       | Énergie               | 10000      | 9500      | 9000
                       | Entretien             | 5000       | 5000      | 4000
                       | Personnel             | 15000      | 14500     | 14000
Subventions            |                       | 6000       | 6000      | 5500
                       | Associations          | 4000       | 4000      | 3500
                       | CCAS                  | 2000       | 2000      | 2000
Dette                  |                       | 3000       | 3000      | 2950
                       | Intérêts              | 1000       | 1000      | 950
                       | Capital               | 2000       | 2000      | 2000
"""

# Levels by codes: each code extends its parent's (6, 60, 601).
BY_CODES = """
Compte | Libellé                          | Budget | Réalisé
6      | Charges                          | 9000   | 8400
60     | Achats                           | 4000   | 3600
601    | Matières premières               | 2500   | 2400
602    | Autres approvisionnements        | 1500   | 1200
61     | Services extérieurs              | 5000   | 4800
611    | Sous-traitance                   | 3000   | 3000
613    | Locations                        | 2000   | 1800
7      | Produits                         | 9500   | 9100
70     | Ventes                           | 9500   | 9100
706    | Prestations de services          | 6000   | 5900
708    | Produits des activités annexes   | 3500   | 3200
"""


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


@pytest.mark.parametrize(
    ("text", "range_", "parents"),
    [(BY_WORDS, "A1:E12", 5), (BY_INDENT, "A1:E14", 4), (BY_CODES, "A1:D12", 5)],
)
def test_an_outline_that_adds_up_is_read_and_checked(tmp_path, text, range_, parents):
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": text}))
    assert _shown(report) == []
    [table] = report.tables
    assert (table.range, table.kind) == (range_, "execution")
    assert table.notes == (
        f"{parents} sous-totaux au-dessus de leurs lignes (plan hiérarchique), chacun vérifié sur "
        "ses lignes du niveau juste en dessous",
    )


def test_a_slip_in_a_line_is_said_at_its_parent(tmp_path):
    text = BY_WORDS.replace("Fournitures d'entretien      | 2000", "Fournitures d'entretien      | 2900")
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": text}))
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Budget",
            "D3",
            ("D4", "D5", "D3"),
            "Administration : le total de la colonne « 2023 » est 3 000,00 € ; la somme des 2 lignes "
            "du bloc donne 3 900,00 € (écart −900,00 €).",
        )
    ]


def test_a_slip_in_a_subtotal_is_said_there_only(tmp_path):
    """`Fonctionnement` 30 000 typed 33 000: wrong against its lines, and its own parent
    (none here) or the ones above it would be wrong by the opposite: said once."""
    text = BY_CODES.replace(
        "61     | Services extérieurs              | 5000", "61     | Services extérieurs              | 5300"
    )
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": text}))
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Budget",
            "C6",
            ("C7", "C8", "C6"),
            "Services extérieurs : le total de la colonne « Budget » est 5 300,00 € ; la somme des 2 "
            "lignes du bloc donne 5 000,00 € (écart +300,00 €).",
        )
    ]


def test_an_indented_slip(tmp_path):
    text = BY_INDENT.replace(
        "| Entretien             | 5000       | 5000      | 4000",
        "| Entretien             | 5000       | 5000      | 4400",
    )
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": text}))
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Budget",
            "E5",
            ("E6", "E7", "E8", "E5"),
            "Fonctionnement : le total de la colonne « Réalisé 2024 » est 27 000,00 € ; la somme des "
            "3 lignes du bloc donne 27 400,00 € (écart −400,00 €).",
        )
    ]


FLAT = """
Type        | Bénéficiaire       | Objet            | "2023" | "2024"
Association | Club de judo       | Stage            | 1500   | 1600
Commune     | Arras              | Voirie           | 800    | 900
Commune     | Lens               | École            | 700    | 700
Association | Chorale            | Concert          | 300    | 300
Commune     | Béthune            | Gymnase          | 2000   | 2100
Commune     | Liévin             | Piscine          | 1000   | 1000
Association | Théâtre            | Festival         | 900    | 950
Commune     | Hénin              | Bibliothèque     | 600    | 650
"""


def test_a_list_with_a_type_column_is_no_outline(tmp_path):
    """A `Type` column of repeated words, but the amounts do not add up: no table is
    made of it, and nothing is said of its amounts."""
    report = check_path(construire(tmp_path / "liste.xlsx", {"Liste": FLAT}))
    assert [t.range for t in report.tables if t.kind == "execution"] == []
    assert [f.code for f in report.findings if f.code.startswith("T")] == []


@pytest.mark.skipif(not LUX.is_file(), reason="../shared/real-workbooks absent")
def test_the_luxembourg_budget_is_read_as_two_outlines():
    report = check_path(LUX)
    assert _shown(report) == []
    assert [(t.sheet, t.range, t.kind, t.notes) for t in report.tables] == [
        (
            "Dépenses",
            "A1:J4433",
            "execution",
            (
                "310 sous-totaux au-dessus de leurs lignes (plan hiérarchique), chacun vérifié sur ses "
                "lignes du niveau juste en dessous",
            ),
        ),
        (
            "Recettes",
            "A1:J255",
            "execution",
            (
                "28 sous-totaux au-dessus de leurs lignes (plan hiérarchique), chacun vérifié sur ses "
                "lignes du niveau juste en dessous",
            ),
        ),
    ]


@pytest.mark.skipif(not MUTANTS.is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(
    ("mutant", "sheet", "cell", "message"),
    [
        (
            "lux_article",
            "Dépenses",
            "F3",
            "Maison du Grand-Duc : le total de la colonne « Budget voté 2014 » est 9 412 577,00 € ; la "
            "somme des 8 lignes du bloc donne 9 862 577,00 € (écart −450 000,00 €).",
        ),
        (
            "lux_section",
            "Dépenses",
            "E12",
            "Chambre des Députés : le total de la colonne « Compte provisoire 2013 » est 34 357 421,00 € ; "
            "la somme des 2 lignes du bloc donne 33 457 421,00 € (écart +900 000,00 €).",
        ),
        (
            "lux_departement",
            "Dépenses",
            "J2",
            "Ministère d'Etat : le total de la colonne « 2018 » est 171 639 379,00 € ; la somme des 10 "
            "lignes du bloc donne 171 649 379,00 € (écart −10 000,00 €).",
        ),
        (
            "lux_rec_chapitre",
            "Recettes",
            "F2",
            "RECETTES COURANTES : le total de la colonne « Budget voté 2014 » est 10 251 964 945,00 € ; "
            "la somme des 2 lignes du bloc donne 12 051 964 945,00 € (écart −1 800 000 000,00 €).",
        ),
    ],
)
def test_a_slip_in_the_luxembourg_budget_is_said_once(mutant, sheet, cell, message):
    report = check_path(MUTANTS / f"{mutant}.xlsx")
    assert [(f.code, f.severity.value, f.sheet, f.cell, f.message) for f in report.findings] == [
        ("T001", "erreur", sheet, cell, message)
    ]


CLOSED = BY_WORDS.rstrip("\n") + "\n         |      | TOTAL GÉNÉRAL                | 14200  | 15100\n"


def test_a_grand_total_closing_the_tree_sums_its_highest_rows(tmp_path):
    """`TOTAL GÉNÉRAL` under the tree, its level cell empty: no level of the tree, the
    sum of the chapitres."""
    right = check_path(construire(tmp_path / "plan.xlsx", {"Budget": CLOSED}))
    assert _shown(right) == []
    [table] = right.tables
    assert (table.range, table.total_rows) == ("A1:E13", ((13, "libellé"),))
    slip = check_path(construire(tmp_path / "slip.xlsx", {"Budget": CLOSED.replace("15100", "15000")}))
    assert _shown(slip) == [
        (
            "T002",
            "erreur",
            "Budget",
            "E13",
            ("E2", "E9", "E13"),
            "TOTAL GÉNÉRAL : le total général de la colonne « 2024 » est 15 000,00 € ; la somme des 2 "
            "totaux de bloc donne 15 100,00 € (écart −100,00 €).",
        )
    ]


BY_TYPE = """
Type        | Libellé                | Budget | Engagé | Réalisé
Département | Culture                | 9000   | 7000   | 6500
Section     | Musées                 | 5000   | 4000   | 3800
Article     | Collections            | 3000   | 2500   | 2400
Article     | Expositions            | 2000   | 1500   | 1400
Section     | Spectacle vivant       | 4000   | 3000   | 2700
Article     | Festivals              | 2500   | 2000   | 1900
Article     | Compagnies             | 1500   | 1000   | 800
Département | Sport                  | 6000   | 5500   | 5000
Section     | Équipements            | 6000   | 5500   | 5000
Article     | Gymnases               | 4000   | 3500   | 3200
Article     | Piscines               | 2000   | 2000   | 1800
"""


def test_an_execution_table_without_indentation_takes_its_levels_from_a_column(tmp_path):
    """`Budget | Engagé | Réalisé` names an execution table, but every label is in one
    column: the levels are the `Type` words. It was read and nothing checked."""
    right = check_path(construire(tmp_path / "plan.xlsx", {"Budget": BY_TYPE}))
    assert _shown(right) == []
    assert [(t.range, t.kind, t.notes) for t in right.tables] == [
        (
            "A1:E12",
            "execution",
            (
                "5 sous-totaux au-dessus de leurs lignes (plan hiérarchique), chacun vérifié sur ses "
                "lignes du niveau juste en dessous",
            ),
        )
    ]
    text = BY_TYPE.replace("| 2000   | 1500   | 1400", "| 2000   | 1500   | 1700")
    slip = check_path(construire(tmp_path / "slip.xlsx", {"Budget": text}))
    assert _shown(slip) == [
        (
            "T001",
            "erreur",
            "Budget",
            "E3",
            ("E4", "E5", "E3"),
            "Musées : le total de la colonne « Réalisé » est 3 800,00 € ; la somme des 2 lignes du bloc "
            "donne 4 100,00 € (écart −300,00 €).",
        )
    ]


@pytest.mark.skipif(not LUX.is_file(), reason="../shared/real-workbooks absent")
def test_the_luxembourg_receipts_under_execution_headers(tmp_path):
    """The real Recettes sheet with its year headers renamed `Budget | Engagé | Réalisé |
    Prévision 2016…`: found by its header this time (an execution table, every label in
    one column), its levels still read from the `Type` column."""
    import openpyxl

    workbook = openpyxl.load_workbook(LUX)
    del workbook["Dépenses"]
    sheet = workbook["Recettes"]
    sheet["E1"], sheet["F1"], sheet["G1"] = "Budget", "Engagé", "Réalisé"
    sheet["H1"], sheet["I1"], sheet["J1"] = "Prévision 2016", "Prévision 2017", "Prévision 2018"
    sheet["F2"] = sheet["F2"].value - 1000
    workbook.save(tmp_path / "recettes.xlsx")
    report = check_path(tmp_path / "recettes.xlsx")
    assert [(t.range, t.kind, t.notes) for t in report.tables] == [
        (
            "A1:J255",
            "execution",
            (
                "27 sous-totaux au-dessus de leurs lignes (plan hiérarchique), chacun vérifié sur ses "
                "lignes du niveau juste en dessous",
            ),
        )
    ]
    assert [(f.code, f.cell, f.message) for f in report.findings] == [
        (
            "T001",
            "F2",
            "RECETTES COURANTES : le total de la colonne « Engagé » est 12 051 963 945,00 € ; la somme "
            "des 2 lignes du bloc donne 12 051 964 945,00 € (écart −1 000,00 €).",
        )
    ]


# Years typed as numbers in the header, the level word on the parents only, a blank
# row between the chapitres.
PARENTS_NAMED = """
Niveau   | Intitulé                     | 2023 | 2024
Chapitre | Charges à caractère général  | 5200 | 5600
         | Fournitures                  | 3000 | 3300
         | Entretien                    | 2200 | 2300

Chapitre | Charges de personnel         | 9000 | 9500
         | Traitements                  | 7000 | 7400
         | Cotisations                  | 2000 | 2100

Chapitre | Subventions                  | 1500 | 1800
         | Associations                 | 1000 | 1200
         | CCAS                         | 500  | 600
Chapitre | Dette                        | 800  | 750
         | Intérêts                     | 300  | 250
         | Capital                      | 500  | 500
"""


def test_years_as_numbers_words_on_the_parents_and_spacing_rows(tmp_path):
    right = check_path(construire(tmp_path / "plan.xlsx", {"Budget": PARENTS_NAMED}))
    assert _shown(right) == []
    assert [(t.range, t.kind) for t in right.tables] == [("A1:D15", "execution")]
    slip = check_path(
        construire(tmp_path / "slip.xlsx", {"Budget": PARENTS_NAMED.replace("| 7400", "| 7600")})
    )
    assert _shown(slip) == [
        (
            "T001",
            "erreur",
            "Budget",
            "D6",
            ("D7", "D8", "D6"),
            "Charges de personnel : le total de la colonne « 2024 » est 9 500,00 € ; la somme des 2 "
            "lignes du bloc donne 9 700,00 € (écart −200,00 €).",
        )
    ]
