"""Ordinary tables the review of the real-workbook recognition found misread: each
must give exactly the findings a budget officer wants (most: none)."""

from __future__ import annotations

from classeurs import Feuille, construire
from pointage.engine.check import check_path


def _findings(tmp_path, sheets):
    report = check_path(construire(tmp_path / "c.xlsx", sheets))
    assert not report.unreadable, report.reason
    return [(f.code, f.cell) for f in report.findings], report


def test_the_credits_open_are_the_budget_of_a_disponible(tmp_path):
    rows = "\n".join(f"Service {i} | 1000 | 200 | 1200 | 500 | 700" for i in range(12))
    found, report = _findings(
        tmp_path, {"S": f"Service | BP | DM | Crédits ouverts | Engagé | Disponible\n{rows}"}
    )
    assert found == []
    assert report.tables[0].identities == (
        "Disponible = Crédits ouverts − Engagé",
        "Crédits ouverts = BP + DM",
    )


def test_a_gap_another_column_explains_is_another_reading_not_a_slip(tmp_path):
    # Disponible = Budget − Réservé − Engagé here: the named identity is not checked.
    rows = "\n".join(f"Ligne {i} | 1000 | {i * 10} | 300 | {700 - i * 10}" for i in range(12))
    found, report = _findings(tmp_path, {"S": f"Libellé | Budget | Réservé | Engagé | Disponible\n{rows}"})
    assert found == []
    assert report.tables[0].notes[0].startswith("Disponible = Budget − Engagé : ne tient pas")


def test_unit_prices_are_multiplied_exactly(tmp_path):
    sheet = """
Désignation | Quantité | Prix unitaire | Montant
Gazole      | 1200     | 1.659         | 1990.8
Électricité | 12345    | 0.174         | 2148.03
TOTAL       |          |               | 4138.83
"""
    assert _findings(tmp_path, {"Plan": sheet})[0] == []


def test_a_first_row_of_data_typed_as_text_is_data(tmp_path):
    sheet = """
STRUCTURE            | OBJET                     | MONTANT
Association sportive | Subvention exceptionnelle | à déterminer
Comité des fêtes     | Fête de la musique        | 1500
Club de foot         | Fonctionnement            | 2000
TOTAL                |                           | 3500
"""
    assert _findings(tmp_path, {"A": sheet})[0] == [("F002", "C2")]


def test_spacer_columns_inside_one_table(tmp_path):
    rows = "\n".join(f"Asso {i} | Projet {i} | Fonct. |  |  | {1000 * (i + 1)} | RAS" for i in range(5))
    sheet = (
        f"Bénéficiaire | Objet | Nature |  |  | Montant | Observation\n{rows}\nTOTAL |  |  |  |  | 15000 |"
    )
    found, report = _findings(tmp_path, {"A": sheet})
    assert found == []
    assert [(t.range, t.kind) for t in report.tables] == [("A1:G7", "repartition")]


def test_a_merged_structure_does_not_hide_its_subtotal(tmp_path):
    sheet = Feuille(
        """
STRUCTURE | OBJET             | MONTANT
Asso A    | Projet 1          | 500
          | Projet 2          | 700
          | Sous-total Asso A | 1200
Asso B    | Projet 3          | 1200
TOTAL GÉNÉRAL |               | 2400
""",
        fusions=("A2:A4",),
    )
    assert _findings(tmp_path, {"A": sheet})[0] == []


def test_one_slip_in_an_outline_is_said_at_the_deepest_subtotal(tmp_path):
    lines = ["CGR | Compte | Budget | Engagé | Disponible"]
    all_budget = all_engaged = 0
    for g in range(3):
        leaves = [(1000 * (g + 1) + k * 10, 300 + k) for k in range(3)]
        budget, engaged = sum(b for b, _ in leaves), sum(e for _, e in leaves)
        lines.append(f"CGR {g} |  | {budget} | {engaged} | {budget - engaged}")
        all_budget, all_engaged = all_budget + budget, all_engaged + engaged
        for k, (b, e) in enumerate(leaves):
            b += 5 if (g, k) == (1, 0) else 0  # the slip: 5 € more on one account
            lines.append(f" | Compte 60{g}{k} | {b} | {e} | {b - e}")
    lines.append(f"Total général |  | {all_budget} | {all_engaged} | {all_budget - all_engaged}")
    found, _ = _findings(tmp_path, {"ECBU": "\n".join(lines)})
    assert found == [("T001", "C6"), ("T001", "E6")]


def _outline(rows: list[tuple[str, str, int, int]], top: tuple[str, str, int, int] | None, total=True) -> str:
    lines = ["CGR | Compte | Budget | Engagé | Disponible"]
    for label, account, budget, engaged in [top, *rows] if top else rows:
        lines.append(f"{label} | {account} | {budget} | {engaged} | {budget - engaged}")
    if total:
        lines.append(f"Total général |  | {top[2]} | {top[3]} | {top[2] - top[3]}")
    return "\n".join(lines)


OUTLINE_NOTE = (
    "sous-totaux au-dessus de leurs lignes (plan hiérarchique), vérifiés sur les lignes de plus bas niveau"
)


def test_a_cgr_without_accounts_is_a_line_of_its_parent(tmp_path):
    # `ALO OP-SPE 0AMOR` has no account under it: it is the one line of `ALO OP-SPE`.
    rows = [
        ("ALO ADMIN", "", 1500, 600),
        ("", "Compte 6061", 1000, 400),
        ("", "Compte 6062", 500, 200),
        ("ALO OP-SPE", "", 800, 750),
        ("ALO OP-SPE 0AMOR", "", 800, 750),
        ("ALO DEPART", "", 300, 0),
        ("", "Compte 6068", 300, 0),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO", "", 2600, 1350))})
    assert found == []
    # ALO, ALO ADMIN, ALO OP-SPE, ALO DEPART and the Total général: all add up.
    assert report.tables[0].notes == (f"5 {OUTLINE_NOTE}",)


def test_cgrs_without_accounts_side_by_side_are_lines_of_their_parent(tmp_path):
    # Two of them, of the same amounts: neither is the other's parent.
    rows = [
        ("ALO ADMIN", "", 1500, 600),
        ("", "Compte 6061", 1500, 600),
        ("ALO OP-SPE", "", 1000, 200),
        ("ALO OP-SPE 0AMOR", "", 500, 100),
        ("ALO OP-SPE 0PROV", "", 500, 100),
        ("ALO DEPART", "", 300, 0),
        ("", "Compte 6068", 300, 0),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO", "", 2800, 800))})
    assert found == []
    assert report.tables[0].notes == (f"5 {OUTLINE_NOTE}",)


def test_a_parent_of_one_cgr_is_not_taken_for_a_line(tmp_path):
    # `ALO OP-SPE` is all of `ALO` (same amounts) and has a CGR with accounts under it,
    # then one without: only the one without is a line.
    rows = [
        ("ALO OP-SPE", "", 1200, 500),
        ("ALO OP-SPE 0SUB", "", 900, 500),
        ("", "Compte 6061", 600, 300),
        ("", "Compte 6062", 300, 200),
        ("ALO OP-SPE 0AMOR", "", 300, 0),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO", "", 1200, 500))})
    assert found == []
    assert report.tables[0].notes == (f"4 {OUTLINE_NOTE}",)


def test_cgrs_without_accounts_between_other_cgrs_are_lines_of_their_parent(tmp_path):
    # `0AMOR` and `0PROV` have no accounts; `0SUB`, between them, has.
    rows = [
        ("ALO OP-SPE 0AMOR", "", 400, 100),
        ("ALO OP-SPE 0SUB", "", 900, 500),
        ("", "Compte 6061", 600, 300),
        ("", "Compte 6062", 300, 200),
        ("ALO OP-SPE 0PROV", "", 200, 0),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO OP-SPE", "", 1500, 600))})
    assert found == []
    assert report.tables[0].notes == (f"3 {OUTLINE_NOTE}",)


def test_a_cgr_without_accounts_and_nothing_engaged_is_a_line_without_a_total_general(tmp_path):
    # Left out, `0AMOR` (Engagé 0) leaves its parent right on Engagé: the parent does
    # not add up rather than finds nothing, and it is tried all the same.
    accounts = [
        [(f"ALO DEP{g}", "", 300, 100), ("", f"Compte 70{g}1", 200, 60), ("", f"Compte 70{g}2", 100, 40)]
        for g in range(8)
    ]
    rows = [row for group in accounts for row in group] + [
        ("ALO OP-SPE", "", 1200, 500),
        ("ALO OP-SPE 0SUB", "", 900, 500),
        ("", "Compte 6063", 600, 300),
        ("", "Compte 6064", 300, 200),
        ("ALO OP-SPE 0AMOR", "", 300, 0),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, None, total=False)})
    assert found == []
    assert report.tables[0].notes == (f"10 {OUTLINE_NOTE}",)


def test_a_big_slip_in_an_account_is_said_at_its_subtotal(tmp_path):
    # 1 000 € more on Compte 6061: Budget and Disponible overshoot `0SUB` before its
    # last line; its parents still find their lines, only `0SUB` speaks.
    rows = [
        ("ALO ADMIN", "", 1800, 700),
        ("ALO ADMIN 0SUB", "", 1000, 400),
        ("", "Compte 6061", 1600, 300),
        ("", "Compte 6062", 400, 100),
        ("ALO ADMIN 0FON", "", 800, 300),
        ("", "Compte 6063", 500, 200),
        ("", "Compte 6064", 300, 100),
        ("ALO DEPART", "", 800, 300),
        ("", "Compte 6068", 800, 300),
    ]
    found, _ = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO", "", 2600, 1000))})
    assert found == [("T001", "C4"), ("T001", "E4")]


def test_a_cgr_without_accounts_may_be_negative(tmp_path):
    # `0ANNUL` (an annulation, −300) is a line of `ALO OP-SPE` like any other.
    rows = [
        ("ALO OP-SPE", "", 1000, 500),
        ("ALO OP-SPE 0SUB", "", 1200, 600),
        ("", "Compte 6061", 700, 400),
        ("", "Compte 6062", 500, 200),
        ("ALO OP-SPE 0FON", "", 100, 50),
        ("", "Compte 6063", 100, 50),
        ("ALO OP-SPE 0ANNUL", "", -300, -150),
        ("ALO DEPART", "", 1100, 500),
        ("", "Compte 6068", 600, 300),
        ("", "Compte 6069", 500, 200),
    ]
    found, report = _findings(tmp_path, {"ECBU": _outline(rows, ("ALO", "", 2100, 1000))})
    assert found == []
    assert report.tables[0].notes == (f"6 {OUTLINE_NOTE}",)


def test_a_regie_journal_is_no_budget_table_of_a_deliberation(tmp_path):
    # Libellé, Recettes, Dépenses and Solde are words of the délibération's budget
    # table, but without a CODE OPÉRATION or an IMPUTATION it is not one: no F004.
    regie = """
Date       | Libellé                | Recettes | Dépenses | Solde
02/01/2025 | Avance de la régie     | 500      | 0        | 500
09/01/2025 | Timbres                | 0        | 45       | 455
16/01/2025 | Droits d'entrée musée  | 120      | 0        | 575
"""
    report = check_path(construire(tmp_path / "regie.xlsx", {"Régie": regie}))
    assert report.nothing_recognised and not report.unreadable
    assert [f.code for f in report.findings] == ["E002"]
    assert (
        "lignes d'en-têtes lues, non reconnues : Régie!A1 (« Date », « Libellé », « Recettes »"
        in report.reason
    )
