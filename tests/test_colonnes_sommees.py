"""Every column a table shows to be summed is checked (issue 24, principle 2): the money
columns its headers name beyond the amount (`Montant HT`, `Montant TVA`, `Montant TTC`),
the columns a `SUM` of a total row adds, a number typed in a row of `SUM`s, and the
columns that total others on each row (`SUM(B2:D2)`, `Total_Conso = S1_Conso +
S2_Conso`). What is not a sum (a rate, an average under a total label) is said, never
accused. Synthetic workbooks built here, and two real sources (the mairie's accounting
export, a student's cost plan)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from classeurs import avec_valeurs_en_cache, construire
from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook
from pointage.reading.xlsx import sheet_parts

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"


def _shown(report):
    return [(f.code, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


HT_TVA_TTC = """
BÉNÉFICIAIRE | Montant HT | Montant TVA | Montant TTC | MONTANT
Asso A       | 100        | 20          | 120         | 120
Asso B       | 200        | 40          | 240         | 240
TOTAL        | 300        | 60          | {ttc}       | 360
"""


def test_the_money_columns_a_header_names_are_totalled_too(tmp_path):
    right = construire(tmp_path / "juste.xlsx", {"Annexe": HT_TVA_TTC.format(ttc=360)})
    assert _shown(check_path(right)) == []
    wrong = construire(tmp_path / "faux.xlsx", {"Annexe": HT_TVA_TTC.format(ttc=370)})
    assert _shown(check_path(wrong)) == [
        (
            "T001",
            "Annexe",
            "D4",
            ("D2", "D3", "D4"),
            "TOTAL : le total de la colonne « Montant TTC » est 370,00 € ; la somme des 2 lignes du bloc "
            "donne 360,00 € (écart +10,00 €).",
        )
    ]


def test_an_empty_total_of_a_money_column_beyond_the_amount_is_no_missing_total(tmp_path):
    # The TVA column left empty on the total row: not totalled there, not T003.
    texte = HT_TVA_TTC.format(ttc=360).replace("| 60          |", "|             |")
    assert _shown(check_path(construire(tmp_path / "vide.xlsx", {"Annexe": texte}))) == []


PLAN = """
Étape     | Jours expert | Jours dév   | Montant
Analyse   | 8            | 2           | 7200
Dév       | 3            | 32          | 21450
Tests     | 2            | 4           | 3900
TOTAL HT  | =SUM(B2:B4)  | =SUM(C2:C4) | {total}
"""


def _plan(tmp_path, total, c5=38, name="plan.xlsx"):
    chemin = construire(tmp_path / name, {"Budget": PLAN.format(total=total)})
    return avec_valeurs_en_cache(chemin, {"Budget": {"B5": 13, "C5": c5}})


def test_every_column_a_row_of_sums_totals_is_checked(tmp_path):
    # Found by its first SUM (B), the table's other SUM (C) and the number typed in the
    # row of SUMs (D, a formula overwritten) are checked as well.
    assert _shown(check_path(_plan(tmp_path, 32550))) == []
    assert _shown(check_path(_plan(tmp_path, 35250, name="d.xlsx"))) == [
        (
            "T001",
            "Budget",
            "D5",
            ("D2", "D3", "D4", "D5"),
            "TOTAL HT : le total de la colonne « Montant » est 35 250,00 € ; la somme des 3 lignes du "
            "bloc donne 32 550,00 € (écart +2 700,00 €).",
        )
    ]
    # A line mistyped under a SUM whose cached value is Excel's: found at the total.
    assert _shown(check_path(_plan(tmp_path, 32550, c5=41, name="c.xlsx"))) == [
        (
            "T001",
            "Budget",
            "C5",
            ("C2", "C3", "C4", "C5"),
            "TOTAL HT : le total de la colonne « Jours dév » est 41 ; la somme des 3 lignes du bloc "
            "donne 38 (écart +3).",
        )
    ]


def _shared(chemin: Path, sheet: str, first: str, others: list[str], index: int) -> Path:
    """Rewrite the formula of `first` as a shared formula that `others` share, as Excel
    writes a SUM filled right along a total row (`<f t="shared" si="0"/>`)."""
    with zipfile.ZipFile(chemin) as archive:
        part = dict(sheet_parts(archive))[sheet]
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = contents[part]
    ref = f"{first}:{others[-1]}".encode()
    xml, n = re.subn(
        rb'(<c r="' + first.encode() + rb'"[^>]*>)<f>',
        rb'\1<f t="shared" ref="' + ref + rb'" si="%d">' % index,
        xml,
    )
    assert n == 1
    for cell in others:
        xml, n = re.subn(
            rb'(<c r="' + cell.encode() + rb'"[^>]*>)<f>[^<]*</f>', rb'\1<f t="shared" si="%d"/>' % index, xml
        )
        assert n == 1
    contents[part] = xml
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return chemin


def test_the_cells_sharing_a_sum_add_the_same_range_moved(tmp_path):
    texte = """
    Poste | A           | B           | Total
    x     | 1           | 2           | =SUM(B2:C2)
    y     | 3           | 4           | =SUM(B3:C3)
    Total | =SUM(B2:B3) | =SUM(C2:C3) | =SUM(D2:D3)
    """
    chemin = _shared(construire(tmp_path / "s.xlsx", {"S": texte}), "S", "B4", ["C4", "D4"], 0)
    chemin = _shared(chemin, "S", "D2", ["D3"], 1)
    [sheet] = read_workbook(chemin).sheets
    assert sheet.sums == {(3, 1): (1, 2), (3, 2): (1, 2), (3, 3): (1, 2)}
    assert sheet.row_sums == {(1, 3): (1, 2), (2, 3): (1, 2)}


def test_a_rate_or_an_average_on_a_total_row_is_not_a_sum(tmp_path):
    texte = """
    Poste     | Dépense     | Recette     | Taux de couverture | Repas
    Cantine   | 100         | 80          | 0.8                | 4
    Garderie  | 200         | 100         | 0.5                | 5
    Total     | =SUM(B2:B3) | =SUM(C2:C3) | 0.6                | 4.5
    """
    chemin = avec_valeurs_en_cache(
        construire(tmp_path / "t.xlsx", {"S": texte}), {"S": {"B4": 300, "C4": 180}}
    )
    report = check_path(chemin)
    assert _shown(report) == []
    [table] = report.tables
    assert table.notes == (
        "E4 : plus petit que la plus grande des lignes qu'il clôt, ce n'est pas leur somme "
        "(moyenne, taux ?) : non compris, non vérifié",
    )


def test_most_totals_of_the_other_columns_wrong_is_a_misreading(tmp_path):
    texte = """
    BÉNÉFICIAIRE | Montant HT | Montant TVA | Montant TTC | MONTANT
    Asso A       | 100        | 20          | 120         | 120
    Asso B       | 200        | 40          | 240         | 240
    TOTAL        | 3000       | 600         | 3600        | 360
    """
    report = check_path(construire(tmp_path / "m.xlsx", {"Annexe": texte}))
    assert _shown(report) == []
    [table] = report.tables
    assert table.notes == (
        "les totaux des colonnes « Montant HT », « Montant TTC », « Montant TVA » ne sont pas la somme "
        "de leurs lignes (B4, C4, D4) : colonnes sans doute mal comprises, non vérifiées",
    )


def test_a_total_general_over_the_lines_since_the_last_total_closes_their_block(tmp_path):
    # Two tables read as one: the second `Total général` sums its own lines (its SUM
    # says so), not the total above with them.
    texte = """
    POSTE         | MONTANT
    A             | 10
    B             | 20
    Total         | =SUM(B2:B3)
    C             | 5
    D             | 7
    Total général | =SUM(B5:B6)
    """
    chemin = avec_valeurs_en_cache(construire(tmp_path / "g.xlsx", {"S": texte}), {"S": {"B4": 30, "B7": 12}})
    assert _shown(check_path(chemin)) == []


ROW_TOTALS = """
Site      | Charges | Eau | Gaz | TOTAL
Cantine   | 100     | 10  | 5   | =SUM(B2:D2)
Garderie  | 200     |     | 7   | =SUM(B3:D3)
Étude     | 50      | 3   | 2   | {e4}
Total     | =SUM(B2:B4) | =SUM(C2:C4) | =SUM(D2:D4) | =SUM(E2:E4)
"""


def test_a_row_total_typed_over_its_formula_is_found_on_its_row(tmp_path):
    cached = {"E2": 115, "E3": 207, "B5": 350, "C5": 13, "D5": 14, "E5": 377}
    right = construire(tmp_path / "r.xlsx", {"S": ROW_TOTALS.format(e4="=SUM(B4:D4)")})
    report = check_path(avec_valeurs_en_cache(right, {"S": {**cached, "E4": 55}}))
    assert _shown(report) == []
    assert report.tables[0].identities == ("TOTAL = Charges + Eau + Gaz",)
    # E4 typed 65 over `=SUM(B4:D4)` (55); E5 kept Excel's 377, so the column sums to
    # 387: the row total is said at E4, and the total at E5.
    wrong = construire(tmp_path / "w.xlsx", {"S": ROW_TOTALS.format(e4=65)})
    assert _shown(check_path(avec_valeurs_en_cache(wrong, {"S": cached}))) == [
        (
            "I001",
            "S",
            "E4",
            ("B4", "C4", "D4", "E4"),
            "Étude : TOTAL = Charges + Eau + Gaz ne tient pas : « TOTAL » vaut 65,00 €, le calcul donne "
            "55,00 € (écart +10,00 €).",
        ),
        (
            "T001",
            "S",
            "E5",
            ("E2", "E3", "E4", "E5"),
            "Total : le total de la colonne « TOTAL » est 377,00 € ; la somme des 3 lignes du bloc donne "
            "387,00 € (écart −10,00 €).",
        ),
    ]


SEMESTRES = """
Site    | S1_Conso_m3 | S2_Conso_m3 | Total_Conso_m3 | Montant TTC
Mairie  | 0           | 112         | 112            | 590.65
École   | 0           | 1875        | 1875           | 11289.43
Stade   | 5           | 0           | 5              | 415.44
Tennis  | 0           | 56          | {total}        | 392.7
Église  | 0           | 32          | 32             | 184
"""


def test_a_header_total_of_the_columns_that_share_its_words_is_checked_on_each_row(tmp_path):
    right = construire(tmp_path / "r.xlsx", {"Eau": SEMESTRES.format(total=56)})
    report = check_path(right)
    assert _shown(report) == []
    assert report.tables[0].identities == ("Total_Conso_m3 = S1_Conso_m3 + S2_Conso_m3",)
    wrong = construire(tmp_path / "w.xlsx", {"Eau": SEMESTRES.format(total=560)})
    assert _shown(check_path(wrong)) == [
        (
            "I001",
            "Eau",
            "D5",
            ("B5", "C5", "D5"),
            "Tennis : Total_Conso_m3 = S1_Conso_m3 + S2_Conso_m3 ne tient pas : « Total_Conso_m3 » vaut "
            "560,00 €, le calcul donne 56,00 € (écart +504,00 €).",
        )
    ]


def test_words_that_do_not_add_up_are_no_identity(tmp_path):
    # `Total HT` beside `Prix unitaire HT` and `Montant HT`: the words match, the rows
    # do not; the guess is dropped and said, never an erreur.
    texte = """
    Article | Prix unitaire HT | Quantité | Montant HT | Total HT
    Chaise  | 10               | 3        | 30         | 30
    Table   | 50               | 2        | 100        | 100
    Lampe   | 20               | 1        | 20         | 20
    """
    report = check_path(construire(tmp_path / "h.xlsx", {"Devis": texte}))
    assert [f for f in report.findings if f.severity.value == "erreur"] == []


@pytest.mark.skipif(not (REAL / "mutants").is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(
    ("mutant", "expected"),
    [
        # The mairie's accounting export: a TTC 10 % too high breaks the TOTAL GENERAL
        # of its column (and its row: I002, an avertissement).
        ("ex8_ttc", [("T001", "Feuil1", "N5")]),
        # A student's cost plan: TOTAL HT typed over its SUM, in a row of SUMs.
        ("mat_total_ht", [("T001", "Tableau budget", "G17")]),
        # The mairie's water bills: a half-year total beside S1 and S2.
        ("eau_total_conso", [("I001", "Eau Détail 2025", "P20")]),
    ],
)
def test_real_slips_in_summed_columns_are_found_where_they_were_made(mutant, expected):
    report = check_path(REAL / "mutants" / f"{mutant}.xlsx")
    assert [(f.code, f.sheet, f.cell) for f in report.findings if f.severity.value == "erreur"] == expected


ESPACE = """
ESPACE ADOS   | DÉPENSES          |                   |
              | Personnel         | Locaux            |
Éléments      | Charges           | Électricité       | TOTAL
Espace ados   | 35000             | 10918.975         | =SUM(B4:C4)
Total général | =SUM(B4:B4)       | =SUM(C4:C4)       | =SUM(D4:D4)
"""


def test_a_row_of_sums_under_one_line_shows_a_table_with_its_group_rows(tmp_path):
    chemin = construire(tmp_path / "ados.xlsx", {"S": ESPACE})
    cached = {"D4": 45918.975, "B5": 35000, "C5": 10918.975, "D5": 45918.975}
    report = check_path(avec_valeurs_en_cache(chemin, {"S": cached}))
    [table] = report.tables
    assert (table.range, table.header_rows, table.total_rows) == (
        "A1:D5",
        (1, 2, 3),
        ((5, "formule SOMME des lignes au-dessus"),),
    )
    assert _shown(report) == []
    # The TOTAL typed over its SUM on the total row: its line says otherwise.
    chemin = construire(tmp_path / "faux.xlsx", {"S": ESPACE.replace("=SUM(D4:D4)", "45000")})
    report = check_path(avec_valeurs_en_cache(chemin, {"S": {k: v for k, v in cached.items() if k != "D5"}}))
    assert _shown(report) == [
        (
            "T001",
            "S",
            "D5",
            ("D4", "D5"),
            "Total général : le total de la colonne « TOTAL » est 45 000,00 € ; la ligne du bloc donne "
            "45 918,98 € (écart −918,98 €).",
        )
    ]


SYNTHESE = """
Charges       | Nature          | Restauration | Loisirs     | Total
Alimentation  | Prestataire     | 100          | 50          | =SUM(C2:D2)
              | Alimentation    | 20           | 30          | =SUM(C3:D3)
Fluides       | Eau             | 5            | 6           | =SUM(C4:D4)
Total         |                 | =SUM(C2:C4)  | =SUM(D2:D4) | =SUM(E2:E4)
"""


def test_lines_labelled_in_one_column_or_the_next_are_one_table(tmp_path):
    chemin = construire(tmp_path / "synthese.xlsx", {"S": SYNTHESE})
    cached = {"E2": 150, "E3": 50, "E4": 11, "C5": 125, "D5": 86, "E5": 211}
    report = check_path(avec_valeurs_en_cache(chemin, {"S": cached}))
    [table] = report.tables
    assert (table.range, table.identities) == ("A1:E5", ("Total = Restauration + Loisirs",))
    assert _shown(report) == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_the_mairies_one_line_tables_are_read_with_their_group_rows():
    report = check_path(REAL / "juniorsky-git__Projet-Tarification-Mairie__CALC DEP(4).xlsx")
    ranges = {(t.sheet, t.range) for t in report.tables}
    assert {("CALC DEP(4)", "B23:K34"), ("CALC DEP(4)", "B73:N76"), ("syntheses charges", "A2:J22")} <= ranges
    assert [f for f in report.findings if f.severity.value == "erreur"] == []


def test_an_amount_left_empty_where_the_other_columns_are_totalled_is_not_summed(tmp_path):
    # The last `Montant` column is the amount asked: never totalled, the granted one is.
    texte = """
    STRUCTURE | Montant accordé | Montant demandé
    Asso A    | 100             | 150
    Asso B    | 200             | 250
    TOTAL     | 300             |
    Asso C    | 50              | 80
    TOTAL     | 50              |
    """
    report = check_path(construire(tmp_path / "d.xlsx", {"Annexe": texte}))
    assert _shown(report) == []
    [table] = report.tables
    # The totals say which column is the amount (the granted one): the asked one is an
    # extra money column, never accused of an empty total.
    assert table.notes == ()
    # The granted amounts are checked all the same.
    faux = construire(
        tmp_path / "f.xlsx", {"Annexe": texte.replace("| 300             |", "| 310             |")}
    )
    assert [(f.code, f.cell) for f in check_path(faux).findings] == [("T001", "B4")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_an_average_cost_column_of_the_mairies_plan_is_no_missing_total():
    # `cout moyen de repas` (E), empty on the Total row where D, F and G are SUMs.
    report = check_path(REAL / "juniorsky-git__Projet-Tarification-Mairie__Feuille_dataviz .xlsx")
    assert [f.cell for f in report.findings if f.code == "T003"] == []
    [first] = [t for t in report.tables if t.range == "A4:I17"]
    assert any("« cout moyen de repas » est vide sur la ligne de total" in note for note in first.notes)


def test_a_running_balance_on_a_total_row_is_not_summed(tmp_path):
    # A régie's journal: the Total row carries the last solde, under SUMs of the
    # recettes and the dépenses.
    texte = """
    Libellé  | Recettes    | Dépenses    | Solde | MONTANT
    Report   | 100         |             | 100   | 100
    Achat    |             | 30          | 70    | 30
    Vente    | 50          |             | 120   | 50
    Total    | =SUM(B2:B4) | =SUM(C2:C4) | 120   | =SUM(E2:E4)
    """
    chemin = construire(tmp_path / "regie.xlsx", {"Caisse": texte})
    report = check_path(avec_valeurs_en_cache(chemin, {"Caisse": {"B5": 150, "C5": 30, "E5": 180}}))
    assert [f for f in report.findings if f.severity.value == "erreur"] == []


def test_a_row_total_over_a_column_not_read_as_a_term_is_misread(tmp_path):
    # `Année` in the range of the row SUMs (a slip of the author's, or a layout this
    # reading does not follow): broken on every row, the identity is dropped, never an
    # erreur.
    texte = """
    Site      | Année | Eau | Gaz | TOTAL
    Cantine   | 2024  | 10  | 5   | =SUM(B2:D2)
    Garderie  | 2024  | 3   | 7   | =SUM(B3:D3)
    """
    cached = {"E2": 2039, "E3": 2034}
    report = check_path(avec_valeurs_en_cache(construire(tmp_path / "a.xlsx", {"S": texte}), {"S": cached}))
    assert [f for f in report.findings if f.severity.value == "erreur"] == []


DEVIS = """
FOURNISSEUR | Montant HT | Montant TVA | Montant TTC
Alpha       | 100        | 20          | 120
Bêta        | 50         | 10          | {ttc}
Gamma       | 10         |             | 10
"""


def test_ttc_is_ht_plus_tva_on_each_row_as_the_headers_say(tmp_path):
    # Three lines: too few for an identity to be inferred; the headers say it, and it
    # is said as the same identity inferred on ten lines or more (I002). A TVA left
    # empty adds nothing.
    report = check_path(construire(tmp_path / "r.xlsx", {"Devis": DEVIS.format(ttc=60)}))
    assert report.tables[0].identities == ("Montant TTC = Montant HT + Montant TVA",)
    assert _shown(report) == []
    report = check_path(construire(tmp_path / "w.xlsx", {"Devis": DEVIS.format(ttc=66)}))
    assert _shown(report) == [
        (
            "I002",
            "Devis",
            "D3",
            ("B3", "C3", "D3"),
            "Bêta : Montant TTC = Montant HT + Montant TVA tient sur les autres lignes du tableau, pas ici : "
            "« Montant TTC » vaut 66,00 €, le calcul donne 60,00 € (écart +6,00 €).",
        )
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
def test_the_real_ht_overwritten_by_a_space_breaks_its_ttc():
    # The centre de loisirs' export: L191's Montant HT typed over with a space, its TVA
    # and TTC (and the TOTAL GENERAL of HT) still count the 19,57 €.
    report = check_path(
        REAL / "juniorsky-git__Projet-Tarification-Mairie__depenses centre de loisirs 2025.xlsx"
    )
    assert [(f.code, f.cell) for f in report.findings if f.code != "F006"] == [
        ("I002", "N191"),
        ("T001", "L335"),
    ]
