"""Custom functions of the add-in, on the seed 000 rows and on what Excel may send."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pointage.addin.functions import (
    ECART_TOTAL,
    MONTANT_ATTENDU,
    NOMBRE_FR,
    SOLDE_ATTENDU,
)
from pointage.reading.workbook import read_workbook

EXAMPLE = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def sheet(name: str) -> list[list[object]]:
    """A sheet's values as Excel hands a range to a function (None for empty cells)."""
    found = next(s for s in read_workbook(EXAMPLE).sheets if s.name == name)
    return [[None if v == "" else v for v in row] for row in found.values]


def annexe_row(excel_row: int) -> list[object]:
    return sheet("Annexe 1")[excel_row - 1]


def test_montant_attendu_of_bethune_is_17_275():
    row = annexe_row(7)
    assert row[2] == "CCAS de Bethune"
    assert MONTANT_ATTENDU(row[3], sheet("Barème")) == 17275.0
    assert MONTANT_ATTENDU(row[3], sheet("Barème"), 12, row[2]) == 17275.0


def test_montant_attendu_of_boulogne_is_13_945_83():
    row = annexe_row(17)
    assert row[2] == "CCAS de Boulogne-sur-Mer"
    assert MONTANT_ATTENDU(row[3], sheet("Barème")) == 13945.83


def test_montant_attendu_of_every_seed_row_that_is_right():
    rows = sheet("Annexe 1")
    expected = {7: 17275.0, 17: 13945.83}
    for number, row in enumerate(rows[3:], start=4):
        if not row[2] or not row[3] or str(row[2]).upper().startswith("TOTAL"):
            continue
        assert MONTANT_ATTENDU(row[3], sheet("Barème"), None, row[2]) == expected.get(number, row[4]), number


def test_montant_attendu_uses_a_structure_rate_and_a_default_duration():
    bareme = sheet("Barème")
    assert MONTANT_ATTENDU("un portefeuille", bareme, 6, "CCAS d'Hénin-Beaumont") == 11250.0
    assert MONTANT_ATTENDU("un portefeuille", bareme) == 13750.0
    assert MONTANT_ATTENDU("2 portefeuilles", bareme[1:], Decimal("6")) == 13750.0  # no header row


def test_montant_attendu_says_why_it_cannot_compute():
    bareme = sheet("Barème")
    assert MONTANT_ATTENDU(None, bareme) == "#N/A description vide"
    assert (
        MONTANT_ATTENDU("30 jeunes", bareme)
        == "#N/A aucune quantité d'une unité du barème dans la description"
    )
    # A unit priced only for one structure: no general cost, said as such.
    only_override = [["ETP", 50000, "CCAS de Lens"]]
    assert MONTANT_ATTENDU("2 ETP", only_override) == "#N/A pas de coût au barème pour « ETP »"
    assert MONTANT_ATTENDU("2 ETP", only_override, None, "CCAS de Lens") == 100000.0
    assert MONTANT_ATTENDU("10 places", [["rien"]]) == "#N/A barème illisible (colonnes Unité | Coût annuel)"
    assert MONTANT_ATTENDU("10 places du 15 janvier au 30 juin 2024", bareme) == (
        "#N/A période qui n'est pas en mois entiers : « 10 places du 15 janvier au 30 juin 2024 »"
    )
    assert (
        MONTANT_ATTENDU("10 places", bareme, "O,5")
        == "#VALEUR! mois par défaut : « O,5 » n'est pas un nombre"
    )


def test_solde_attendu_on_the_rapport_row():
    row = sheet("Rapport")[3]
    assert SOLDE_ATTENDU(row[4], row[5]) == 1641097.73 == row[6]
    assert SOLDE_ATTENDU("2 105 667,73 €", Decimal("464570.00")) == 1641097.73
    assert SOLDE_ATTENDU(100, None) == 100.0
    assert SOLDE_ATTENDU("n.c.", 1) == "#VALEUR! disponible : « n.c. » n'est pas un nombre"


def test_ecart_total_on_the_seed_amounts():
    rows = sheet("Annexe 1")
    details = [[r[4]] for r in rows[3:45] if r[4] is not None]
    assert len(details) == 42
    total = next(
        r[4]
        for r in rows
        if (isinstance(r[2], str) and r[2].upper().startswith("TOTAL"))
        or (isinstance(r[0], str) and r[0].upper().startswith("TOTAL"))
    )
    assert total == 464570.0
    assert ECART_TOTAL(details, total) == 0.0
    assert ECART_TOTAL(details, 464580) == 10.0
    assert ECART_TOTAL([["29 275,00 €"], [None], [Decimal("0.50")]], "29 275,50") == 0.0
    assert ECART_TOTAL([[1]], None) == "#N/A total vide"
    assert ECART_TOTAL([["O,5"]], 1) == "#VALEUR! détail : « O,5 » n'est pas un nombre"


def test_nombre_fr():
    assert NOMBRE_FR("1 641 097,73 €") == 1641097.73
    assert NOMBRE_FR("29\u202f275,00\u00a0€") == 29275.0
    assert NOMBRE_FR("(1 200,00)") == -1200.0
    assert NOMBRE_FR(Decimal("3.5")) == 3.5
    assert NOMBRE_FR(24150.0) == 24150.0
    assert NOMBRE_FR("O,5") == "#VALEUR!"
    assert NOMBRE_FR("12,5,3") == "#VALEUR!"
    assert NOMBRE_FR(None) == ""
