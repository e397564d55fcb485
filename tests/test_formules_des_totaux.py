"""A total's own formula, read term by term (`analysis/formula_evidence.py`, T004/T005):
the three slips real workbooks hid in their totals' formulas — a constant
(`=SUM(F7:F18)+150`), a recettes total adding an empty cell beside the block's total,
a quantity total leaving out two rows — rebuilt with the cached values Excel writes,
and what a total may legitimately add (a grand total over side tables, a line of
another sheet, a range that stops before empty lines)."""

from __future__ import annotations

import pytest

from classeurs import avec_valeurs_en_cache, construire
from pointage.base.formula_text import Num, Ref, Term, additive_terms, parse
from pointage.engine.check import check_path


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def _classeur(tmp_path, feuilles, valeurs):
    return avec_valeurs_en_cache(construire(tmp_path / "classeur.xlsx", feuilles), valeurs)


# Twelve lines F7:F18 under a header in row 6, their total in row 19.
LIGNES = "\n".join(f"Association {n} | Action {n} | {n * 100}" for n in range(1, 13))
SUBVENTIONS = f"""
BÉNÉFICIAIRE | OBJET | MONTANT
{LIGNES}
TOTAL | | =SUM(F7:F18)+150
"""


def test_a_constant_hidden_in_a_total_is_said_at_the_total(tmp_path):
    from classeurs import Feuille

    chemin = _classeur(
        tmp_path, {"Annexe": Feuille(SUBVENTIONS, a="D6")}, {"Annexe": {"F19": 7950}}
    )  # 7 800 + 150
    assert _shown(check_path(chemin)) == [
        (
            "T004",
            "erreur",
            "Annexe",
            "F19",
            ("F19",),
            "TOTAL : la formule du total (=SUM(F7:F18)+150) ajoute le nombre 150 écrit dans la "
            "formule ; sans cela le total serait 7 800,00 € au lieu de 7 950,00 € (écart +150,00 €).",
        )
    ]


# (`RECETTES | MONTANT` is not a header Pointage reads yet: the plan's own header.)
RECETTES = """
NATURE DE DÉPENSES | MONTANT |
Département         | 5000    |
Région              | 3000    |
Total subventions   | =SUM(B2:B3) |
Cotisations         | 800     |
Dons                | 200     |
Total ressources propres | =SUM(B5:B6) |
TOTAL DES RECETTES  | =B4+C7  |
"""


def test_a_recettes_total_adding_an_empty_cell_beside_the_block_total(tmp_path):
    # C7 is empty; the block's total it meant is B7, one cell to its left.
    chemin = _classeur(tmp_path, {"Recettes": RECETTES}, {"Recettes": {"B4": 8000, "B7": 1000, "B8": 8000}})
    assert _shown(check_path(chemin)) == [
        (
            "T004",
            "erreur",
            "Recettes",
            "B8",
            ("C7", "B7", "B8"),
            "TOTAL DES RECETTES : la formule du total (=B4+C7) additionne C7, vide, au lieu du "
            "total B7 (1 000,00 €) juste à côté ; sans cela le total serait 9 000,00 € au lieu de "
            "8 000,00 € (écart −1 000,00 €).",
        )
    ]


PLACES = """
STRUCTURE    | NOMBRE DE PLACES | MONTANT RETENU
CCAS de Lens | 10 | 1600
CCAS Liévin  | 20 | 3200
AIFOR        | 5  | 800
3ID          | 15 | 2400
ADEFI        | 12 | 1920
SAMPS        | 3  | 480
TOTAL        | =SUM(B2:B5) | =SUM(C2:C7)
"""


def test_a_quantity_total_leaving_out_two_rows(tmp_path):
    chemin = _classeur(tmp_path, {"Annexe": PLACES}, {"Annexe": {"B8": 50, "C8": 10400}})
    assert _shown(check_path(chemin)) == [
        (
            "T004",
            "erreur",
            "Annexe",
            "B8",
            ("B6", "B7", "B8"),
            "TOTAL : la formule du total (=SUM(B2:B5)) ne compte pas les lignes B6 (12) et B7 (3) "
            "de son bloc ; sans cela le total serait 65 au lieu de 50 (écart −15).",
        )
    ]


TERME_A_TERME = """
STRUCTURE | PLACES | MONTANT RETENU
A | 1 | 100
B | 2 | 200
C | 3 | 300
D | 4 | 400
TOTAL | =SUM(B2:B5) | =C2+C3+C5
"""


@pytest.mark.parametrize(
    ("b4", "valeur", "attendu"),
    [
        (
            300,
            700,
            (
                "T004",
                "erreur",
                "Annexe",
                "C6",
                ("C4", "C6"),
                "TOTAL : la formule du total (=C2+C3+C5) ne compte pas la ligne C4 (300,00 €) de son "
                "bloc ; sans cela le total serait 1 000,00 € au lieu de 700,00 € (écart −300,00 €).",
            ),
        ),
        (
            None,
            700,
            (
                "T005",
                "avertissement",
                "Annexe",
                "C6",
                ("C4", "C6"),
                "TOTAL : la formule du total (=C2+C3+C5) saute la ligne C4, vide ou à zéro aujourd'hui : "
                "un nombre saisi plus tard n'y serait pas compté.",
            ),
        ),
    ],
)
def test_a_total_written_term_by_term_that_skips_a_line(tmp_path, b4, valeur, attendu):
    texte = TERME_A_TERME if b4 is not None else TERME_A_TERME.replace("C | 3 | 300", "C | 3 |")
    chemin = _classeur(tmp_path, {"Annexe": texte}, {"Annexe": {"B6": 10, "C6": valeur}})
    # The block total is wrong by the line left out: T004 says why, T001 is not repeated.
    assert _shown(check_path(chemin)) == [attendu]


COTE_A_COTE = """
DÉPENSES   | MONTANT |  | RECETTES    | MONTANT
Personnel  | 6000    |  | Département | 7000
Locaux     | 2000    |  | Région      | 1000
TOTAL      | =SUM(B2:B3) | | TOTAL   | =SUM(E2:E3)
TOTAL GÉNÉRAL | =B4+E4 | |          |
"""


def test_what_a_total_may_add_is_not_a_slip(tmp_path):
    # A grand total over side tables (`=B4+E4`), a line of another sheet, a range that
    # stops before an empty line of its block: nothing to say.
    feuilles = {
        "Budget": COTE_A_COTE,
        "Annexe": """
STRUCTURE | MONTANT RETENU
A | 100
B | 200
C |
TOTAL | =SUM(B2:B3)+Report!A1
""",
        "Report": "50",
    }
    chemin = _classeur(
        tmp_path,
        feuilles,
        {"Budget": {"B4": 8000, "E4": 8000, "B5": 16000}, "Annexe": {"B5": 350}},
    )
    assert [f for f in check_path(chemin).findings if f.code in ("T004", "T005")] == []


def test_formula_terms():
    assert additive_terms(parse("=SUM(F7:F18)+150")) == [
        Term(1, Ref(None, 6, 5, 17, 5)),
        Term(1, Num(150)),
    ]
    assert additive_terms(parse("'Feuil 2'!B5-SUBTOTAL(109,C1:C3)")) == [
        Term(1, Ref("Feuil 2", 4, 1, 4, 1)),
        Term(-1, Ref(None, 0, 2, 2, 2)),
    ]
    assert additive_terms(parse("B5*C5")) is None
    assert [parse(text) for text in ("IF(A1,2,3)", "A1:A3+1", "VLOOKUP(A1,B:C,2)", "A1&B1")] == [None] * 4
    assert additive_terms(parse("ROUND(A1,2)+A2")) is None  # evaluated, never a sum's term


def _ods_cell(value) -> str:
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    number, formula = value
    formula = f' table:formula="{formula}"' if formula else ""
    return (
        f'<table:table-cell{formula} office:value-type="float" office:value="{number}">'
        f"<text:p>{number}</text:p></table:table-cell>"
    )


def test_an_ods_total_hiding_a_constant_is_found_too(tmp_path):
    # OpenFormula references (`[.B2:.B3]`) are read as Excel writes them.
    rows = [
        ["STRUCTURE", "MONTANT RETENU"],
        ["CCAS de Lens", (800, "")],
        ["AIFOR", (1600, "")],
        ["TOTAL", (2550, "of:=SUM([.B2:.B3])+150")],
    ]
    body = (
        '<table:table table:name="Annexe">'
        + "".join("<table:table-row>" + "".join(map(_ods_cell, r)) + "</table:table-row>" for r in rows)
        + "</table:table>"
    )
    from classeurs import ods

    assert _shown(check_path(ods(tmp_path / "annexe.ods", body))) == [
        (
            "T004",
            "erreur",
            "Annexe",
            "B4",
            ("B4",),
            "TOTAL : la formule du total (=SUM(B2:B3)+150) ajoute le nombre 150 écrit dans la "
            "formule ; sans cela le total serait 2 400,00 € au lieu de 2 550,00 € (écart +150,00 €).",
        )
    ]


PARTAGE = """
STRUCTURE | NATURE | MONTANT RETENU
A | Investissement | 100
B | Fonctionnement | 200
C | Investissement | 300
D | Fonctionnement | 400
Total investissement | | =C2+C4
Total fonctionnement | | =C3+C5
TOTAL | | =C6+C7
"""


def test_a_block_split_between_two_totals_forgets_nothing(tmp_path):
    # Each total adds the lines the other leaves out: a split, not an omission.
    chemin = _classeur(tmp_path, {"Annexe": PARTAGE}, {"Annexe": {"C6": 400, "C7": 600, "C8": 1000}})
    assert [f for f in check_path(chemin).findings if f.code in ("T004", "T005")] == []


def test_without_t004_the_wrong_total_is_still_said(tmp_path):
    from classeurs import Feuille
    from pointage.engine.check import select_rules

    chemin = _classeur(tmp_path, {"Annexe": Feuille(SUBVENTIONS, a="D6")}, {"Annexe": {"F19": 7950}})
    assert [(f.code, f.cell) for f in check_path(chemin, select_rules(ignore=["T004"])).findings] == [
        ("T001", "F19")
    ]


VENTILATION = """
STRUCTURE | DÉTAIL | MONTANT RETENU
A | Action A | 1000
 | dont État | 400
 | dont Région | 600
B | Action B | 500
TOTAL | | =C2+C5
"""


def test_lines_that_break_down_the_line_above_are_not_left_out(tmp_path):
    # `dont …` lines add up to the line above them: its detail, not forgotten lines.
    chemin = _classeur(tmp_path, {"Annexe": VENTILATION}, {"Annexe": {"C6": 1500}})
    assert [f for f in check_path(chemin).findings if f.code in ("T004", "T005")] == []


@pytest.mark.parametrize(
    "formule", ["=SUM(C2:C5)+Annexe!C6", "=SUM(Annexe!C2:C4)+SUM(C5:C6)", "=SUM('Annexe'!C2:C6)"]
)
def test_a_cell_of_the_total_own_sheet_named_with_its_sheet_is_a_cell_of_the_block(tmp_path, formule):
    # Excel writes `Annexe!C6` when the cell was clicked from another sheet and back:
    # it is the block's own line, not another sheet's (was a false T004 on C6).
    texte = "BÉNÉFICIAIRE | OBJET | MONTANT\n" + "\n".join(
        f"Association {n} | Action {n} | {n * 100}" for n in range(1, 6)
    )
    chemin = _classeur(tmp_path, {"Annexe": texte + f"\nTOTAL | | {formule}"}, {"Annexe": {"C7": 1500}})
    assert [f for f in check_path(chemin).findings if f.code in ("T001", "T004", "T005")] == []


def test_a_total_chaining_a_thousand_lines_is_read(tmp_path):
    # `=C2+C3+…+C1001` (about 4 000 characters) is walked in a loop (no crash) and a
    # line it skips is found.
    lignes = "\n".join(f"Association {n} | Action {n} | 1" for n in range(1, 801))
    formule = "=" + "+".join(f"C{r}" for r in range(2, 802) if r != 400)
    chemin = _classeur(
        tmp_path,
        {"Annexe": f"BÉNÉFICIAIRE | OBJET | MONTANT\n{lignes}\nTOTAL | | {formule}"},
        {"Annexe": {"C802": 799}},
    )
    assert [(f.code, f.cell, f.cells) for f in check_path(chemin).findings] == [
        ("T004", "C802", ("C400", "C802"))
    ]


def test_a_shared_formula_moves_as_excel_moves_it():
    from pointage.base.formula_text import moved

    assert moved("SUM(C2:C6)+Feuil2!$B$4", 0, 1) == "SUM(D2:D6)+Feuil2!$B$4"
    # Whole columns move to the right too (`SUM(C:C)` filled right is `SUM(D:D)`),
    # their `$` ones stay; a function's name, a text and a sheet's name never move.
    assert moved("SUM(C:C)-SUM($C:C)+LOG10(C2)", 0, 1) == "SUM(D:D)-SUM($C:D)+LOG10(D2)"
    assert moved('SUM(A:B)&"C:C"', 3, 2) == 'SUM(C:D)&"C:C"'
    assert moved("'Feuil 2'!C:C+AB1", 1, 0) == "'Feuil 2'!C:C+AB2"


def test_a_number_taken_away_in_a_total_is_said_taken_away(tmp_path):
    texte = "BÉNÉFICIAIRE | OBJET | MONTANT\n" + "\n".join(
        f"Association {n} | Action {n} | {n * 100}" for n in range(1, 6)
    )
    chemin = _classeur(
        tmp_path, {"Annexe": texte + "\nTOTAL | | =SUM(C2:C6)-1000.5"}, {"Annexe": {"C7": 499.5}}
    )
    assert _shown(check_path(chemin)) == [
        (
            "T004",
            "erreur",
            "Annexe",
            "C7",
            ("C7",),
            "TOTAL : la formule du total (=SUM(C2:C6)-1000.5) retranche le nombre 1 000,5 écrit dans "
            "la formule ; sans cela le total serait 1 500,00 € au lieu de 499,50 € (écart −1 000,50 €).",
        )
    ]
