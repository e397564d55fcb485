"""Where a table ends and what a header of years says (issue 24, principle 5): a blank
row then a header row of its own starts the next table, whatever the number of blank
rows; a time axis (`2023 | 2024`, typed as numbers or as text) is a header naming
amount columns, and over an outline each year is checked by the outline's reading."""

from __future__ import annotations

import pytest

from classeurs import construire
from pointage.engine.check import check_path
from pointage.tables.headers import is_header_row, year_axis

TWO_TABLES = """
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 100
CCAS d'Arras | 200
TOTAL        | 300
{blanks}
BÉNÉFICIAIRE | MONTANT
Club A       | 50
Club B       | 60
TOTAL        | 111
"""


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


@pytest.mark.parametrize("blanks", [1, 2])
def test_a_blank_row_then_a_new_header_splits_two_tables(tmp_path, blanks):
    text = TWO_TABLES.replace("{blanks}", "\n" * (blanks - 1) + " ")
    report = check_path(construire(tmp_path / "deux.xlsx", {"Annexe": text}))
    second = 5 + blanks
    assert [(t.range, t.kind) for t in report.tables] == [
        ("A1:B4", "repartition"),
        (f"A{second}:B{second + 3}", "repartition"),
    ]
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Annexe",
            f"B{second + 3}",
            (f"B{second + 1}", f"B{second + 2}", f"B{second + 3}"),
            "TOTAL : le total de la colonne « MONTANT » est 111,00 € ; la somme des 2 lignes du "
            "bloc donne 110,00 € (écart +1,00 €).",
        )
    ]


def test_a_time_axis_is_a_header_one_year_alone_is_data():
    assert year_axis(["Libellé", 2023, 2024]) == [1, 2]
    assert year_axis(["Libellé", "2023", "2024", "2025"]) == [1, 2, 3]
    assert year_axis(["2018", "Budget général", "348", "Action"]) == []
    assert year_axis(["CCAS", 2024, 2023]) == []  # not a time axis: an amount and another
    assert year_axis(["Budget", 1980, 2050]) == []
    assert is_header_row(["Libellé", "2023", "2024"])
    assert is_header_row(["Libellé", 2023.0, 2024.0])
    assert not is_header_row(["2018", "Budget général", "348", "Action"])


FLAT = """
Libellé  | 2023 | 2024
Collèges | 200  | 220
Routes   | 100  | 110
Total    | 300  | 335
"""


def test_a_year_headed_table_is_read_and_its_total_checked(tmp_path):
    report = check_path(construire(tmp_path / "annees.xlsx", {"Annexe": FLAT}))
    [table] = report.tables
    assert (table.range, [(c.header, c.role) for c in table.columns]) == (
        "A1:C4",
        [("Libellé", "label"), ("2023", "extra"), ("2024", "amount")],
    )
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Annexe",
            "C4",
            ("C2", "C3", "C4"),
            "Total : le total de la colonne « 2024 » est 335,00 € ; la somme des 2 lignes du bloc "
            "donne 330,00 € (écart +5,00 €).",
        )
    ]


OUTLINE = """
Section        | Libellé   | 2023 | 2024
Fonctionnement |           | 300  | 330
               | Personnel | 200  | 220
               | Charges   | 100  | 110
Investissement |           | 50   | 60
               | Travaux   | 30   | 36
               | Études    | 20   | 24
Total          |           | 350  | 390
"""


def test_a_year_headed_outline_is_read_and_checked(tmp_path):
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": OUTLINE}))
    [table] = report.tables
    assert (table.range, table.kind) == ("A1:D8", "execution")
    assert table.notes == (
        "3 sous-totaux au-dessus de leurs lignes (plan hiérarchique), vérifiés sur les lignes de plus bas niveau",
    )
    assert _shown(report) == []


def test_a_slip_in_a_year_headed_outline_is_said_at_its_subtotal(tmp_path):
    text = OUTLINE.replace("| 30   | 36", "| 30   | 63")
    report = check_path(construire(tmp_path / "plan.xlsx", {"Budget": text}))
    assert [(f.code, f.cell, f.cells) for f in report.findings] == [("T001", "D5", ("D6", "D7", "D5"))]
