"""A misreading has a signature (issue 24, principles 3 and 4): a row of words where
numbers should be, a column left empty on the totals that total the others, a merged
amount that is one record drawn on two rows. The report says « non compris » in the
table's notes, or nothing, never an accusation."""

from __future__ import annotations

from pathlib import Path

import pytest

from classeurs import Feuille, avec_valeurs_en_cache, construire
from constats import montres as _found
from constats import verifie as _check
from pointage.engine.check import check_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-workbooks"


# A cost table, then (one blank row apart) the header rows of the next one, read as
# rows of the first: words in its number columns, no number in the row.
COSTS = """
Poste       | Nombre | Coût moyen | Dépense
Cantine     | 10     | 4.5        | 45
Garderie    | 20     | 2          | 40
Total       | 30     |            | 85

Restauration | Personnel | Mat et equip | Fluides
Éléments     | Charges   | Alimentation | Eau
Site A       | 100       | 200          | 50
Site B       | 10        | 20           | 5
"""


def test_the_next_tables_header_is_no_mistyped_number(tmp_path):
    report = _check(tmp_path, {"Feuil1": COSTS})
    assert [f.code for f in report.findings if f.code == "F002"] == []
    notes = [n for t in report.tables for n in t.notes if "des mots dans les colonnes" in n]
    assert notes == [
        "lignes 6, 7 : des mots dans les colonnes de nombres, sans aucun nombre (les en-têtes "
        "d'un autre tableau ?) : non compris, ces mots ne sont pas lus comme des nombres mal saisis"
    ]


def test_a_word_among_the_amounts_a_total_sums_is_still_f002(tmp_path):
    sheet = """
STRUCTURE            | OBJET                     | MONTANT
Association sportive | Subvention exceptionnelle | à déterminer
Comité des fêtes     | Fête de la musique        | 1500
TOTAL                |                           | 1500
"""
    assert _found(_check(tmp_path, {"A": sheet})) == [
        (
            "F002",
            "erreur",
            "A",
            "C2",
            ("C2",),
            "« à déterminer » n'est pas un nombre (colonne « MONTANT ») : la cellule n'est pas comptée.",
        )
    ]


# Each block's total totals the amount granted, never the amount asked: the total rows
# say which of the two `Montant…` columns is the amount.
ASKED = """
Structure | Nom du projet | Montant | Montant demandé
Asso A    | Projet A      | 1000    | 1500
Asso B    | Projet B      | 2000    | 2500
Total     |               | 3000    |
Asso C    | Projet C      | 500     | 800
Total     |               | 600     |
Total général |           | 3600    |
"""


def test_the_amount_is_the_column_the_totals_total(tmp_path):
    report = _check(tmp_path, {"Subventions": ASKED})
    (table,) = report.tables
    assert {c.role: c.header for c in table.columns}["amount"] == "Montant"
    assert [(f.code, f.cell) for f in report.findings] == [("T001", "C6")]


# A mean cost beside the costs: the total rows total the numbers and the costs, never
# the mean.
MEANS = """
Poste    | Nombre | Coût moyen | Dépense
Cantine  | 10     | 4.5        | 45
Garderie | 20     | 2          | 40
Total    | 30     |            | 85
Études   | 5      | 3          | 15
Sorties  | 4      | 10         | 40
Total    | 9      |            | 55
"""


def test_a_column_left_empty_on_the_totals_is_not_totalled(tmp_path):
    report = _check(tmp_path, {"Coûts": MEANS})
    assert [f.code for f in report.findings if f.code == "T003"] == []
    (table,) = report.tables
    assert (
        "la colonne « Coût moyen » est vide sur 2 des 2 lignes de total, qui totalisent "
        "d'autres colonnes : elle n'est pas totalisée (non compris comme un total oublié)"
    ) in table.notes


def test_one_empty_total_among_totalled_ones_is_still_t003(tmp_path):
    # As the golden T003 case: a total forgotten once in a column totalled elsewhere.
    sheet = """
Structure | Nom du projet | Nombre de places | Montant
Asso A    | Projet A      | 10               | 1000
Asso B    | Projet B      | 20               | 2000
Total     |               | 30               |
Asso C    | Projet C      | 5                | 500
Total     |               | 5                | 500
Total général |           | 35               | 3500
"""
    report = _check(tmp_path, {"Subventions": sheet})
    assert [(f.code, f.cell) for f in report.findings] == [("T003", "D4")]


def test_an_amount_merged_with_its_record_is_layout(tmp_path):
    # Each grant drawn on two rows: its number, name and amount merged down, the
    # imputation and its LC number one under the other.
    sheet = """
N°Asso | Association (partenaires) | Nature | Montant | Imputation budgétaire
5456   | Promotion touristique     | F      | 197500  | 6574/929
       |                           |        |         | LC 13171
474    | La Gerbe                  | I      | 50000   | 2042/900
       |                           |        |         | LC 18938
       |                           | Total  | 247500  |
"""
    merged = tuple(f"{c}{r}:{c}{r + 1}" for r in (2, 4) for c in "ABCD")
    report = _check(tmp_path, {"S": Feuille(sheet, fusions=merged)})
    assert _found(report) == []


def test_an_amount_merged_over_two_lines_of_their_own_is_f005(tmp_path):
    # The golden F005 case: one amount for two lines that each have their own places.
    sheet = """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CCAS Outreau | 30 places               | 2400
CCAS Outreau | 13 places               |
TREMPLIN     | 50 places               | 4000
TOTAL        | 93                      | 6400
"""
    report = _check(tmp_path, {"Annexe 1": Feuille(sheet, fusions=("C2:C3",))})
    assert [(f.code, f.cell, f.cells) for f in report.findings] == [("F005", "C2", ("C2",))]


def test_an_amount_merged_over_two_lines_a_sum_formula_totals_is_read_as_excel_does(tmp_path):
    # The golden F005 case, its total a SUM of the lines: the total the officer sees
    # counts the merged amount once, as the checks do; nothing left to warn of.
    sheet = """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CCAS Outreau | 30 places               | 2400
CCAS Outreau | 13 places               |
TREMPLIN     | 50 places               | 4000
TOTAL        | 93                      | =SUM(C2:C4)
"""
    path = construire(tmp_path / "c.xlsx", {"Annexe 1": Feuille(sheet, fusions=("C2:C3",))})
    report = check_path(avec_valeurs_en_cache(path, {"Annexe 1": {"C5": 6400}}))
    assert _found(report) == []


def test_a_group_title_merged_across_the_number_columns_is_layout(tmp_path):
    sheet = """
Structure | Montant HT | Montant TTC
Dépenses réelles |     |
Site A    | 100        | 120
Site B    | 10         | 12
Total     | 110        | 132
"""
    report = _check(tmp_path, {"S": Feuille(sheet, fusions=("A2:C2",))})
    assert [f.code for f in report.findings if f.code == "F005"] == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_real_headings_and_merges_raise_no_f002_nor_layout_f005():
    # C39:C40, one amount over two structures, is summed by `=SUM(C38:C42)`: the
    # workbook reads it once, as the checks do.
    report = check_path(REAL / "juniorsky-git__Projet-Tarification-Mairie__Classeur1.xlsx")
    assert [(f.code, f.cell) for f in report.findings if f.code in ("F002", "F005")] == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_real_records_on_two_rows_and_asked_amounts_raise_nothing():
    found = check_path(REAL / "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2012.xlsx").findings
    assert [f.code for f in found if f.code == "F005"] == []
    found = check_path(REAL / "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.xlsx").findings
    assert [f.code for f in found if f.code == "T003"] == []


# Invoices: each closed by its total, and the total repeated on the row under it
# (the same date, number and supplier, the amount recomputed and rounded).
INVOICES = """
Site     | Date       | N° facture | FOURNISSEUR | Montant total en € TTC
École A  | 2024-12-10 | F-001      | ENGIE       | 100.10
École B  | 2024-12-10 | F-001      | ENGIE       | 200.20
TOTAL CONSOS : | 2024-12-10 | F-001 | ENGIE    | 300.30
171398.65 | 2024-12-10 | F-001     | ENGIE       | 300.31
École A  | 2024-11-10 | F-002      | ENGIE       | 50
École C  | 2024-11-10 | F-002      | ENGIE       | 70
TOTAL CONSOS : | 2024-11-10 | F-002 | ENGIE    | 120
171398.65 | 2024-11-10 | F-002     | ENGIE       | 120
"""


def test_a_row_repeating_the_total_above_is_its_echo(tmp_path):
    report = _check(tmp_path, {"Gaz": INVOICES})
    assert _found(report) == []
    (table,) = report.tables
    assert table.notes == (
        "2 lignes répétant le total juste au-dessus (5, 9) : lues comme un rappel de ce "
        "total, pas comme des lignes du bloc suivant",
    )


def test_a_line_as_large_as_the_total_above_is_a_line(tmp_path):
    # One grant a block, all alike: the line under a total is the next block's.
    sheet = """
STRUCTURE | MONTANT
Asso A    | 500
TOTAL     | 500
Asso B    | 500
TOTAL     | 600
"""
    report = _check(tmp_path, {"A": sheet})
    assert [(f.code, f.cell) for f in report.findings] == [("T001", "B5")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_real_invoice_totals_are_read_past_their_echoes():
    report = check_path(REAL / "juniorsky-git__Projet-Tarification-Mairie__Synthese_GAZ_Detaillee_2025.xlsx")
    # The two real slips of the file, nothing else.
    assert [(f.code, f.cell) for f in report.findings] == [("T001", "H63"), ("T001", "H88")]


def test_hidden_working_columns_no_check_reads_are_layout(tmp_path):
    # An export's hidden working columns beside the amounts: F006 only for a column a
    # check reads (here the hidden MONTANT RETENU).
    sheet = """
STRUCTURE | MONTANT RETENU | Code interne | Clé
Asso A    | 100            | X1           | k1
Asso B    | 200            | X2           | k2
TOTAL     | 300            |              |
"""
    report = _check(tmp_path, {"S": Feuille(sheet, colonnes_masquees=("C", "D"))})
    assert _found(report) == []
    report = _check(tmp_path, {"S": Feuille(sheet, colonnes_masquees=("B", "C", "D"))})
    assert _found(report) == [
        (
            "F006",
            "avertissement",
            "S",
            "B1",
            ("B1",),
            "1 colonne masquée dans le tableau : colonne B (comptées dans les contrôles).",
        )
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_real_hidden_export_columns_raise_no_f006():
    assert check_path(REAL / "eple-suite__comptaeple__balance.xlsx").findings == []


def _expenses(pieces, paid) -> str:
    rows = [f"Facture {i} | {100 + 7 * i} | {pieces(i)} | {paid(i, 100 + 7 * i)}" for i in range(24)]
    return "Libellé | Montant TTC | Nombre PJ | Montant payé\n" + "\n".join(rows)


def test_a_factor_of_zeros_and_ones_is_no_product(tmp_path):
    # Paid = TTC once its piece is in, else 0: `× Nombre PJ` is a flag, not a product;
    # a bill with its piece but not paid yet (row 5) breaks nothing.
    sheet = _expenses(lambda i: 0 if i % 5 == 0 else 1, lambda i, ttc: 0 if i % 5 == 0 or i == 3 else ttc)
    report = _check(tmp_path, {"DEP": sheet})
    assert [(f.code, f.cell) for f in report.findings] == []
    assert report.tables[0].identities == ()


def test_a_factor_of_real_counts_is_still_inferred(tmp_path):
    # Two or three pieces a bill, paid = TTC × Nombre PJ: read, and row 5 breaks it.
    sheet = _expenses(lambda i: 2 + i % 2, lambda i, ttc: ttc * (2 + i % 2) + (1 if i == 3 else 0))
    report = _check(tmp_path, {"DEP": sheet})
    assert report.tables[0].identities == ("Montant payé = Montant TTC × Nombre PJ",)
    assert [(f.code, f.cell) for f in report.findings] == [("I002", "D5")]


def test_most_totals_of_a_column_failing_is_a_misreading(tmp_path):
    # Running totals (each the sum of everything above): read as block totals, three of
    # four fail. That is the reading failing, not three slips: a note, no T001.
    sheet = """
STRUCTURE | MONTANT
Asso A    | 100
Asso B    | 200
Total     | 300
Asso C    | 50
Total     | 350
Asso D    | 10
Total     | 360
Asso E    | 5
Total     | 365
"""
    report = _check(tmp_path, {"A": sheet})
    assert _found(report) == []
    assert report.tables[0].notes == (
        "3 des 4 totaux de la colonne « MONTANT » ne correspondent pas aux lignes qu'ils "
        "closent : le tableau est sans doute mal lu (non compris), ces totaux ne sont pas vérifiés",
    )


def test_one_total_failing_among_holding_ones_is_a_slip(tmp_path):
    sheet = """
STRUCTURE | MONTANT
Asso A    | 100
Asso B    | 200
Total     | 300
Asso C    | 50
Total     | 60
Asso D    | 10
Total     | 10
"""
    assert [(f.code, f.cell) for f in _check(tmp_path, {"A": sheet}).findings] == [("T001", "B6")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(("name", "cell"), [("mtp2014_total_typed", "E73"), ("mtp2014_bare_total", "E807")])
def test_real_slips_in_the_totalled_amount_column_are_found(name, cell):
    report = check_path(REAL / "mutants" / f"{name}.xlsx")
    assert [(f.code, f.sheet, f.cell) for f in report.findings if f.severity.value == "erreur"] == [
        ("T001", "Subventions", cell)
    ]


def test_totals_below_a_row_of_headings_are_another_tables(tmp_path):
    # The mean is left empty on the first table's total; the next table (its header
    # read as rows of this one) totals that column: its total does not make the mean a
    # totalled column.
    sheet = COSTS + "Total général | 110 | 220 | 55\n"
    report = _check(tmp_path, {"Feuil1": sheet})
    assert [f.code for f in report.findings if f.code in ("T003", "F002")] == []
    notes = [n for t in report.tables for n in t.notes]
    assert (
        "la colonne « Coût moyen » est vide sur la ligne de total, qui totalise d'autres "
        "colonnes : elle n'est pas totalisée (non compris comme un total oublié)"
    ) in notes


def test_totals_off_by_the_total_above_them_are_a_misreading(tmp_path):
    # Two invoices' totals restated under them on a row of their own layout (not the
    # same cells as the total): read as the next block's first line, each puts the next
    # total off by exactly the total above. A chain of such gaps is the reading's.
    sheet = """
Site     | N° facture | FOURNISSEUR | Montant
École A  | F-001      | ENGIE       | 100
École B  | F-001      | ENGIE       | 200
TOTAL    | F-001      | ENGIE       | 300
Rappel   |            |             | 300
École A  | F-002      | ENGIE       | 50
École C  | F-002      | ENGIE       | 70
TOTAL    | F-002      | ENGIE       | 120
Rappel   |            |             | 120
École D  | F-003      | ENGIE       | 10
TOTAL    | F-003      | ENGIE       | 10
École E  | F-004      | ENGIE       | 40
TOTAL    | F-004      | ENGIE       | 40
École F  | F-005      | ENGIE       | 5
TOTAL    | F-005      | ENGIE       | 5
"""
    report = _check(tmp_path, {"Gaz": sheet})
    assert _found(report) == []
    assert report.tables[0].notes == (
        "2 totaux de la colonne « Montant » (lignes 8, 11) s'écartent chacun du total juste "
        "au-dessus d'eux : une ligne répète sans doute ce total et a été lue comme une ligne "
        "du bloc (non compris), non vérifiés",
    )
