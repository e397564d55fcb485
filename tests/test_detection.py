from __future__ import annotations

from classeurs import Feuille, construire
from pointage.analysis.context import CheckContext
from pointage.reading.xlsx import read_workbook


def tables_of(tmp_path, feuilles):
    snapshot = read_workbook(construire(tmp_path / "c.xlsx", feuilles))
    return CheckContext.from_snapshot(snapshot).tables


def test_two_tables_on_one_sheet_with_titles_and_blank_rows(tmp_path):
    tables = tables_of(
        tmp_path,
        {
            "Annexe 5": """
Annexe 5 : thématique 1
Opération « Mobilité »

Structure        | Montant proposé
Wimoov           | 420000
TOTAL            | 420000



Thématique 2
Bénéficiaire     | Territoire | Subvention
ADEFI            | Artois     | 720
TOTAL            |            | 720
TOTAL GÉNÉRAL    |            | 420720
"""
        },
    )
    assert [(t.sheet_name, t.range, t.kind.name) for t in tables] == [
        ("Annexe 5", "A4:B6", "repartition"),
        ("Annexe 5", "A11:C14", "repartition"),
    ]
    assert [r.kind for r in tables[1].rows] == ["detail", "total", "total"]


def test_bare_subtotal_row_closes_a_block(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "A": """
STRUCTURE        | MONTANT
Mission locale A | 100
Mission locale B | 61
                 | 161
"""
        },
    )
    assert [r.kind for r in table.rows] == ["detail", "detail", "total"]


def test_excel_table_header_is_used(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "A": Feuille(
                """
Porteur | Coût | Commentaire
CCAS    | 10   | ok
""",
                a="D4",
                tableau_excel="Repartition",
            )
        },
    )
    assert (table.range, table.roles["label"], table.roles["amount"]) == ("D4:F5", 3, 4)


def test_header_synonyms_ignore_case_accents_and_punctuation(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "A": """
structure | Montant  retenu (€) | DUREE (mois) | Nb Places | territoire(s)
CCAS      | 10                  | 12           | 1         | Artois
"""
        },
    )
    assert set(table.roles) == {"label", "amount", "months", "places", "territory"}


def test_imputation_table(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | indemnisation     | 10   | 8            | 3             | 5
"""
        },
    )
    assert table.kind.name == "imputation" and table.usable
    assert set(table.roles) == {"code", "imputation", "label", "ae", "available", "proposal", "balance"}


def test_last_amount_column_wins(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "A": """
STRUCTURE | MONTANT PROPOSÉ | MONTANT RETENU
CCAS      | 10              | 8
"""
        },
    )
    assert table.roles["amount"] == 2
