"""Balances: the solde of each account is its débits less its crédits (I001), read
from the meaning of the headers, whatever the number of débit and crédit columns."""

from __future__ import annotations

from classeurs import construire
from pointage.engine.check import check_path
from pointage.engine.described import NOTHING_RECOMPUTED


def _check(tmp_path, sheet: str):
    report = check_path(construire(tmp_path / "balance.xlsx", {"Balance": sheet}))
    assert not report.unreadable, report.reason
    [table] = report.tables
    return [(f.code, f.cell, f.message) for f in report.findings], table


def test_a_solde_written_creditor_is_checked_that_way(tmp_path):
    # Revenue accounts: the solde is written Crédit − Débit.
    rows = "\n".join(f"70{i}000 Ventes {i} | {100 * i} | {1000 * i} | {900 * i}" for i in range(1, 8))
    typo = "708000 Autres produits | 50 | 700 | 560"  # 650, typed 560
    found, table = _check(tmp_path, f"Compte | Débit | Crédit | Solde\n{rows}\n{typo}")
    assert table.identities == ("Solde = Crédit − Débit",)
    assert found == [
        (
            "I001",
            "D9",
            "708000 Autres produits : Solde = Crédit − Débit ne tient pas : « Solde » vaut 560,00 €, "
            "le calcul donne 650,00 € (écart −90,00 €).",
        )
    ]


def test_the_two_soldes_of_a_balance_are_read_by_their_side(tmp_path):
    # `Solde créditeur` first: the side is read in the header, not from the order.
    sheet = """
Compte        | Total débit | Total crédit | Solde créditeur | Solde débiteur
401 Fournisseurs | 3000     | 8000         | 5000            | 0
411 Clients      | 4000     | 1000         | 0               | 3000
512 Banque       | 9000     | 2000         | 0               | 7000
"""
    found, table = _check(tmp_path, sheet)
    assert found == []
    assert table.identities == ("Solde débiteur − Solde créditeur = Total débit − Total crédit",)


def test_the_solde_of_a_year_is_read_against_that_year(tmp_path):
    # Solde 2024 is the 2024 columns' only: every pair together breaks on every row,
    # the 2024 pair on none.
    rows = "\n".join(
        f"60{i} Compte {i} | {100 * i} | {10 * i} | {200 * i} | {20 * i} | {180 * i}" for i in range(1, 11)
    )
    typo = "611 Compte 11 | 1100 | 110 | 2200 | 220 | 1890"  # 1 980 typed 1 890
    found, table = _check(
        tmp_path, f"Compte | Débit 2023 | Crédit 2023 | Débit 2024 | Crédit 2024 | Solde 2024\n{rows}\n{typo}"
    )
    assert table.identities == ("Solde 2024 = Débit 2024 − Crédit 2024",)
    assert [(code, cell) for code, cell, _ in found] == [("I001", "F12")]


def test_the_soldes_beside_the_movements_of_the_period_are_the_cumul(tmp_path):
    # Three accounts moved this month: the soldes are the cumuls', the période's
    # movements are already in them (not counted twice).
    rows = [
        f"60{i} Compte {i} | {50 if i % 5 == 0 else 0} | 0 | {100 + i} | 0 | {100 + i} | 0" for i in range(15)
    ]
    header = "Compte | Débit période | Crédit période | Débit cumulé | Crédit cumulé | Solde débiteur | Solde créditeur"
    found, table = _check(tmp_path, "\n".join([header, *rows]))
    assert found == []
    assert table.identities == ("Solde débiteur − Solde créditeur = Débit cumulé − Crédit cumulé",)


def test_a_statement_whose_lines_fill_either_debit_or_credit_is_no_balance(tmp_path):
    # Only its Total row fills both: a balance checked there only is no balance.
    sheet = """
Date       | Libellé       | Débit | Crédit | Solde
01/01/2025 | Solde initial |       |        | 1000
02/01/2025 | Loyer         | 500   |        | 500
05/01/2025 | Subvention    |       | 2000   | 2500
10/01/2025 | Fournitures   | 300   |        | 2200
Total      |               | 800   | 2000   | 2200
"""
    found, table = _check(tmp_path, sheet)
    assert (found, table.identities) == ([], ())


def test_a_running_solde_is_no_balance(tmp_path):
    # A statement: each Solde is the one above plus Crédit − Débit. It holds as a
    # balance on its first row only: misread, no erreur on the two others.
    sheet = """
Date       | Libellé          | Débit | Crédit | Solde
02/01/2025 | Subvention CAF   | 0     | 5000   | 5000
15/01/2025 | Loyer            | 1200  | 0      | 3800
31/01/2025 | Fournitures      | 300   | 0      | 3500
"""
    found, table = _check(tmp_path, sheet)
    assert found == []
    assert table.notes == (
        "Solde = Crédit − Débit : le solde est cumulé de ligne en ligne (un relevé), non vérifiée",
        NOTHING_RECOMPUTED,
    )


def test_a_two_line_statement_carries_on_an_opening_solde(tmp_path):
    # The first line's solde carries on the solde of 31/12, not on the sheet.
    sheet = """
Date       | Libellé             | Débit | Crédit | Solde
05/01/2024 | Virement subvention | 0     | 500    | 1500
12/01/2024 | Facture EDF         | 200   | 0      | 1300
"""
    found, table = _check(tmp_path, sheet)
    assert found == []
    assert table.notes == (
        "Solde = Débit − Crédit : le solde est cumulé de ligne en ligne (un relevé), non vérifiée",
        NOTHING_RECOMPUTED,
    )


def test_short_statements_newest_first_or_one_solde_a_day_are_no_balance(tmp_path):
    newest_first = """
Date       | Libellé             | Débit | Crédit | Solde
08/01/2024 | Facture EDF         | 200   | 0      | 1300
05/01/2024 | Virement subvention | 0     | 500    | 1500
"""
    found, table = _check(tmp_path, newest_first)
    assert found == []
    assert table.notes == (
        "Solde = Débit − Crédit : ne tient pas sur 2 lignes sur 2, colonnes sans doute mal comprises, non vérifiée",
        NOTHING_RECOMPUTED,
    )
    one_a_day = """
Date       | Libellé    | Débit | Crédit | Solde
05/01/2024 | Virement   | 0     | 500    |
05/01/2024 | EDF        | 200   | 0      | 1300
08/01/2024 | Cotisation | 0     | 100    |
08/01/2024 | Chèque     | 40    | 0      | 1360
"""
    assert _check(tmp_path, one_a_day)[0] == []
