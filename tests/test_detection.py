from __future__ import annotations

from classeurs import Feuille, construire
from pointage.analysis.context import CheckContext
from pointage.reading.workbook import read_workbook


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


def test_a_structure_merged_over_its_grants_covers_each_row(tmp_path):
    # Three grants to one structure, its name merged over the three rows: three detail
    # rows of that structure (without the merge, two bare amounts would be totals).
    [table] = tables_of(
        tmp_path,
        {
            "Annexe": Feuille(
                """
STRUCTURE   | OBJET             | MONTANT
AIFOR       | Mobilité          | 1000
            | Formation         | 2000
            | Accompagnement    | 3000
CCAS Arras  | Mobilité          | 500
TOTAL       |                   | 6500
""",
                fusions=("A2:A4",),
            )
        },
    )
    assert [(r.index + 1, r.kind, r.label) for r in table.rows] == [
        (2, "detail", "AIFOR"),
        (3, "detail", "AIFOR"),
        (4, "detail", "AIFOR"),
        (5, "detail", "CCAS Arras"),
        (6, "total", "TOTAL"),
    ]


def test_headers_named_by_meaning_open_a_list_when_no_row_totals(tmp_path):
    [table] = tables_of(
        tmp_path,
        {
            "Feuil1": """
nomAttribuant        | nomBeneficiaire | objet             | montant
Département          | Association A   | Festival          | 1000
Département          | Association B   | Fonctionnement    | 2500
"""
        },
    )
    assert (table.range, table.kind.name) == ("A1:D3", "liste")
    assert {role: table.headers[col] for role, col in table.roles.items()} == {
        "label": "nomBeneficiaire",
        "description": "objet",
        "amount": "montant",
    }


def test_side_by_side_tables_are_two_tables(tmp_path):
    tables = tables_of(
        tmp_path,
        {
            "Feuil1": """
Métier      | Coût horaire | Nombre d'heures | Coût total |  |  | Matériel | Quantité | Prix unitaire | Coût total
Développeur | 40           | 10              | 400        |  |  | Serveur  | 2        | 300           | 600
Consultant  | 50           | 10              | 500        |  |  | Écran    | 1        | 200           | 200
Total :     |              |                 | 900        |  |  | Total :  |          |               | 800
"""
        },
    )
    assert [(t.range, t.kind.name) for t in tables] == [("A1:D4", "plan"), ("G1:J4", "plan")]


def test_an_excel_table_of_unknown_columns_is_read_not_understood(tmp_path):
    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table as ExcelTable

    from pointage.engine.check import check_path

    book = Workbook()
    sheet = book.active
    sheet.title = "Données"
    for row in (["Colonne A", "Colonne B"], ["x", 1], ["y", 2]):
        sheet.append(row)
    sheet.add_table(ExcelTable(displayName="T1", ref="A1:B3"))
    book.save(tmp_path / "t.xlsx")
    report = check_path(tmp_path / "t.xlsx")
    assert report.nothing_recognised and not report.unreadable
    assert [f.code for f in report.findings] == ["E002"]
    assert report.reason.endswith(
        "lignes d'en-têtes lues, non reconnues : Données!A1 (« Colonne A », « Colonne B »)."
    )
