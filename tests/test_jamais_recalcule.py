"""A workbook never recalculated (written by a program, never opened in Excel): its
simple formulas are evaluated by Pointage (`reading/recalculation.py`) so that the
checks run, and the file gets one finding, not one per cell (F011, or F003 for what
Pointage cannot compute)."""

from __future__ import annotations

import openpyxl
import pytest

from classeurs import BAREME_SEED, construire
from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


ANNEXE = """
STRUCTURE     | PLACES | DURÉE (MOIS) | MONTANT RETENU
CCAS Outreau  | 30     | 12 | =B2*Barème!B2
CCAS Wimereux | 13     | 12 | =B3*Barème!B2*10
AIFOR         | 20     | 12 | =B4*Barème!B2
TOTAL         | =SUM(B2:B4) | | =SUM(D2:D4)
"""

JAMAIS_RECALCULE = (
    "F011",
    "info",
    None,
    None,
    (),
    "Classeur jamais recalculé : 5 formules sans valeur calculée, calculées par Pointage pour la "
    "vérification ; ouvrez le classeur dans Excel et enregistrez-le pour que le fichier garde ses "
    "valeurs.",
)


def test_a_slip_in_a_line_of_a_workbook_never_recalculated_is_found(tmp_path):
    # `×10` on the second line: 13 places at 160 € are 2 080 €, the formula gives 20 800 €.
    report = check_path(construire(tmp_path / "programme.xlsx", {"Annexe": ANNEXE, "Barème": BAREME_SEED}))
    assert _shown(report) == [
        JAMAIS_RECALCULE,
        (
            "M001",
            "erreur",
            "Annexe",
            "D3",
            ("A3", "B3", "D3"),
            "CCAS Wimereux : les colonnes et la colonne « DURÉE (MOIS) » indiquent 13 places "
            "(12 mois), soit 2 080,00 € au barème ; le montant saisi est 20 800,00 € (écart "
            "+18 720,00 €). Il correspond à 130 places (12 mois).",
        ),
    ]


def test_a_wrong_typed_total_over_computed_lines_is_found(tmp_path):
    texte = ANNEXE.replace("=B3*Barème!B2*10", "=B3*Barème!B2").replace("=SUM(D2:D4)", "10000")
    report = check_path(construire(tmp_path / "programme.xlsx", {"Annexe": texte, "Barème": BAREME_SEED}))
    assert _shown(report) == [
        (*JAMAIS_RECALCULE[:5], JAMAIS_RECALCULE[5].replace("5 formules", "4 formules")),
        (
            "T001",
            "erreur",
            "Annexe",
            "D5",
            ("D2", "D3", "D4", "D5"),
            "TOTAL : le total de la colonne « MONTANT RETENU » est 10 000,00 € ; la somme des 3 "
            "lignes du bloc donne 10 080,00 € (écart −80,00 €).",
        ),
    ]


def test_what_pointage_does_not_compute_is_said_once(tmp_path):
    texte = ANNEXE.replace("=B2*Barème!B2", "=IF(B2>0,B2*Barème!B2,0)").replace(
        "=B4*Barème!B2", "=B4*Barème!B2/0"
    )
    report = check_path(construire(tmp_path / "programme.xlsx", {"Annexe": texte, "Barème": BAREME_SEED}))
    # The total adds two lines that have no value: it is not computed either.
    assert [f for f in _shown(report) if f[0] in ("F003", "F011")] == [
        (
            "F003",
            "erreur",
            "Annexe",
            "D2",
            ("D2", "D4", "D5"),
            "Classeur jamais recalculé : 3 formules des tableaux vérifiés sans valeur calculée, que "
            "Pointage ne sait pas calculer, ne sont pas lues (D2, D4, D5) ; 2 autres formules "
            "calculées par Pointage : ouvrez le classeur dans Excel et enregistrez-le pour que les "
            "valeurs soient calculées.",
        )
    ]


def test_the_evaluated_values(tmp_path):
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Calcul"
    feuille.append([10, "=A1*2.5", "=SUM(A:B)", "=D1", "=-A1+B1/5", '="texte"', "=A1+F1", "12"])
    feuille.append([None, "=Autre!A1+1", "=SUBTOTAL(9,A1:B1)", "=C2-H1"])
    classeur.create_sheet("Autre")["A1"] = "=Calcul!A1*3"
    classeur.save(tmp_path / "calcul.xlsx")
    calcul, autre = read_workbook(tmp_path / "calcul.xlsx").sheets
    assert calcul.values[0][:7] == [10, 25.0, 66.0, "", -5.0, "", ""]  # D1: circular; F1, G1: text
    assert calcul.values[1][:4] == ["", 31.0, 35.0, 23.0]  # a number written as text is one
    assert autre.values == [[30.0]]
    assert calcul.computed == {(0, 1), (0, 2), (0, 4), (1, 1), (1, 2), (1, 3)}


def test_the_evaluation_stops_at_its_budget(tmp_path, monkeypatch):
    # Running totals `=SUM($A$1:A9)` on every line cost the square of the lines: past
    # the budget of cells read, the formulas left keep no value (never a wrong one).
    from pointage.reading import recalculation

    classeur = openpyxl.Workbook()
    feuille = classeur.active
    for ligne in range(1, 101):
        feuille.append([1, f"=SUM($A$1:A{ligne})"])
    classeur.save(tmp_path / "cumul.xlsx")
    monkeypatch.setattr(recalculation, "MAX_CELLS_READ", 1000)
    [sheet] = read_workbook(tmp_path / "cumul.xlsx").sheets
    computed = sorted(sheet.computed)
    assert 0 < len(computed) < 100
    assert all(sheet.value(r, 1) == r + 1 for r, _ in computed)
    assert sheet.value(99, 1) is None


def test_rounding_and_bounds_as_excel(tmp_path):
    classeur = openpyxl.Workbook()
    rounded = ["=ROUND(A1,0)", "=ROUND(B1,0)", "=ROUND(C1,2)", "=ROUND(C1,-2)"]
    bounds = ["=ABS(B1)", "=MIN(A1:C1)", "=MAX(A1:C1,5000)", "=ROUND(A1*1.2,2)+SUM(A1:B1)", "=IF(A1>0,1,2)"]
    classeur.active.append([2.5, -2.5, 1234.5678, *rounded, *bounds])
    classeur.save(tmp_path / "arrondis.xlsx")
    [sheet] = read_workbook(tmp_path / "arrondis.xlsx").sheets
    assert sheet.values[0][:11] == [2.5, -2.5, 1234.5678, 3.0, -3.0, 1234.57, 1200.0, 2.5, -2.5, 5000.0, 3.0]
    assert sheet.value(0, 11) is None  # IF: not computed, never 0


# After review (wt-f): what a program writes and Excel computes otherwise.

SOUS_TOTAUX = """
BÉNÉFICIAIRE   | OBJET    | MONTANT
Association 2  | Action 2 | 100
Association 3  | Action 3 | 200
Association 4  | Action 4 | 300
Sous-total A   |          | =SUBTOTAL(9,C2:C4)
Association 6  | Action 6 | 10
Association 7  | Action 7 | 20
Association 8  | Action 8 | 30
Sous-total B   |          | =SUBTOTAL(9,C6:C8)
TOTAL GÉNÉRAL  |          | =SUBTOTAL(9,C2:C9)
"""


def test_a_subtotal_over_subtotals_counts_them_once_as_excel(tmp_path):
    # SUBTOTAL leaves out the SUBTOTALs inside its range (Excel's rule: no double
    # counting): the grand total is 660, not 1 320 (no false T002).
    report = check_path(construire(tmp_path / "programme.xlsx", {"Annexe": SOUS_TOTAUX}))
    assert _shown(report) == [
        (
            "F011",
            "info",
            None,
            None,
            (),
            "Classeur jamais recalculé : 3 formules sans valeur calculée, calculées par Pointage pour la "
            "vérification ; ouvrez le classeur dans Excel et enregistrez-le pour que le fichier garde ses "
            "valeurs.",
        )
    ]
    [sheet] = read_workbook(tmp_path / "programme.xlsx").sheets
    assert [sheet.value(r, 2) for r in (4, 8, 9)] == [600.0, 60.0, 660.0]


def test_subtotal_109_leaves_out_hidden_rows_and_9_keeps_them(tmp_path):
    from classeurs import Feuille

    texte = "\n".join(
        f"{n} | =SUBTOTAL(9,A1:A{n}) | =SUBTOTAL(109,A1:A{n}) | =SUM(A1:A{n})" for n in (1, 2, 3)
    )
    construire(tmp_path / "masque.xlsx", {"Calcul": Feuille(texte, lignes_masquees=(2,))})
    [sheet] = read_workbook(tmp_path / "masque.xlsx").sheets
    assert [sheet.value(2, c) for c in (1, 2, 3)] == [6.0, 4.0, 6.0]


def test_a_round_to_more_digits_than_a_number_holds_is_no_crash(tmp_path):
    classeur = openpyxl.Workbook()
    classeur.active.append([12345678901.5, "=ROUND(A1,20)", "=ROUND(A1,1000000)", "=ROUND(A1,-400)"])
    classeur.save(tmp_path / "arrondis.xlsx")
    [sheet] = read_workbook(tmp_path / "arrondis.xlsx").sheets
    assert sheet.values[0][:4] == [12345678901.5, 12345678901.5, 12345678901.5, 0.0]


def test_long_and_deep_formulas_are_bounded(tmp_path):
    # A chain of 1 900 terms (within the 4 000 characters read) and 900 nested
    # parentheses: computed or left unknown, never a crash (the file was E000).
    classeur = openpyxl.Workbook()
    classeur.active.append(
        [1, "=" + "+".join(["A1"] * 1300), "=" + "(" * 900 + "1" + ")" * 900, "=" + "-" * 3000 + "1"]
    )
    classeur.save(tmp_path / "long.xlsx")
    [sheet] = read_workbook(tmp_path / "long.xlsx").sheets
    assert sheet.values[0][:2] == [1, 1300.0]
    assert sheet.value(0, 2) is None and sheet.value(0, 3) is None


def test_many_line_sums_are_computed_in_linear_time(tmp_path):
    # Each line's `=SUM(Bn:Cn)` of a program-written annex: the sheet's last row was
    # looked for again at each range (3 000 lines: 6 s; 30 000: more than 5 minutes).
    import time

    classeur = openpyxl.Workbook()
    for n in range(1, 20001):
        classeur.active.append([f"Ligne {n}", n, 1, f"=SUM(B{n}:C{n})"])
    classeur.save(tmp_path / "lignes.xlsx")
    started = time.perf_counter()
    [sheet] = read_workbook(tmp_path / "lignes.xlsx").sheets
    assert time.perf_counter() - started < 20
    assert sheet.value(19999, 3) == 20001.0


def test_words_python_reads_as_numbers_are_words_to_excel(tmp_path):
    # `NaN`, `Infinity` and `1_000` are text to Excel: `+` on them is #VALUE!, never a
    # NaN written in the sheet nor 1 000.
    classeur = openpyxl.Workbook()
    classeur.active.append(["NaN", "Infinity", "1_000", "=A1+1", "=B1+1", "=C1+1", "=SUM(A1:C1)"])
    classeur.save(tmp_path / "mots.xlsx")
    [sheet] = read_workbook(tmp_path / "mots.xlsx").sheets
    assert [sheet.value(0, c) for c in (3, 4, 5, 6)] == [None, None, None, 0.0]


def test_one_formula_not_computed_is_said_in_french(tmp_path):
    texte = ANNEXE.replace("=B2*Barème!B2", "=IF(B2>0,B2*Barème!B2,0)").replace("=SUM(D2:D4)", "")
    report = check_path(construire(tmp_path / "programme.xlsx", {"Annexe": texte, "Barème": BAREME_SEED}))
    assert [f[5] for f in _shown(report) if f[0] == "F003"] == [
        "Classeur jamais recalculé : 1 formule des tableaux vérifiés sans valeur calculée, que "
        "Pointage ne sait pas calculer, n'est pas lue (D2) ; 3 autres formules calculées par "
        "Pointage : ouvrez le classeur dans Excel et enregistrez-le pour que les valeurs soient "
        "calculées."
    ]


def _comme_xlsxwriter(chemin, recalcul_a_l_ouverture=True):
    """The workbook as XlsxWriter writes it: every formula with a cached 0 (it computes
    nothing) and `fullCalcOnLoad="1"` (openpyxl writes it too) so that Excel computes
    them when the file is opened."""
    import re
    import zipfile

    with zipfile.ZipFile(chemin) as archive:
        parties = {info.filename: archive.read(info) for info in archive.infolist()}
    for nom in parties:
        if nom.startswith("xl/worksheets/"):
            parties[nom] = re.sub(rb"(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?", rb"\1<v>0</v>", parties[nom])
    assert b'fullCalcOnLoad="1"' in parties["xl/workbook.xml"]
    if not recalcul_a_l_ouverture:
        parties["xl/workbook.xml"] = parties["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in parties.items():
            archive.writestr(nom, contenu)
    return chemin


@pytest.mark.parametrize("type_n", [False, True])
def test_a_workbook_written_by_xlsxwriter_is_never_recalculated(tmp_path, type_n):
    # XlsxWriter caches 0 for every formula and asks Excel to compute them on opening:
    # those zeros are not the totals Excel shows (was a false T001 « le total est 0,00 € »).
    # Some writers say the type, `t="n"` (LibreOffice): the same zeros.
    texte = ANNEXE.replace("=B3*Barème!B2*10", "=B3*Barème!B2")
    chemin = _comme_xlsxwriter(
        construire(tmp_path / "xlsxwriter.xlsx", {"Annexe": texte, "Barème": BAREME_SEED})
    )
    if type_n:
        import zipfile

        with zipfile.ZipFile(chemin) as archive:
            parties = {info.filename: archive.read(info) for info in archive.infolist()}
        for nom in parties:
            if nom.startswith("xl/worksheets/"):
                parties[nom] = parties[nom].replace(b"><f>", b' t="n"><f>')
        with zipfile.ZipFile(chemin, "w") as archive:
            for nom, contenu in parties.items():
                archive.writestr(nom, contenu)
    assert _shown(check_path(chemin)) == [JAMAIS_RECALCULE]
    [annexe, _] = read_workbook(chemin).sheets
    assert [annexe.value(r, 3) for r in (1, 2, 3, 4)] == [4800.0, 2080.0, 3200.0, 10080.0]


def test_zeros_of_a_formula_not_computed_are_never_read(tmp_path):
    texte = ANNEXE.replace("=B3*Barème!B2*10", "=IF(B3>0,B3*Barème!B2,0)")
    chemin = _comme_xlsxwriter(
        construire(tmp_path / "xlsxwriter.xlsx", {"Annexe": texte, "Barème": BAREME_SEED})
    )
    assert [f[:5] for f in _shown(check_path(chemin))] == [("F003", "erreur", "Annexe", "D3", ("D3", "D5"))]


def test_cached_zeros_without_recalculation_on_opening_are_values(tmp_path):
    # Without fullCalcOnLoad, or with one formula cached to another number, the
    # workbook was computed: its zeros are what Excel shows.
    sans = _comme_xlsxwriter(
        construire(tmp_path / "sans.xlsx", {"Annexe": ANNEXE, "Barème": BAREME_SEED}), False
    )
    assert read_workbook(sans).sheets[0].value(4, 3) == 0
    assert not read_workbook(sans).sheets[0].formulas_without_value
    un = _comme_xlsxwriter(construire(tmp_path / "un.xlsx", {"Annexe": ANNEXE, "Barème": BAREME_SEED}))
    import zipfile

    with zipfile.ZipFile(un) as archive:
        parties = {info.filename: archive.read(info) for info in archive.infolist()}
    feuille = next(n for n in parties if n.startswith("xl/worksheets/sheet1"))
    parties[feuille] = parties[feuille].replace(b"<f>SUM(B2:B4)</f><v>0</v>", b"<f>SUM(B2:B4)</f><v>63</v>")
    with zipfile.ZipFile(un, "w") as archive:
        for nom, contenu in parties.items():
            archive.writestr(nom, contenu)
    assert read_workbook(un).sheets[0].value(4, 1) == 63
    assert not read_workbook(un).sheets[0].formulas_without_value


def test_thousands_of_formulas_are_counted_the_french_way(tmp_path):
    classeur = openpyxl.Workbook()
    classeur.active.append(["BÉNÉFICIAIRE", "OBJET", "MONTANT", "TOTAL LIGNE"])
    for n in range(2, 1202):
        classeur.active.append([f"Association {n}", f"Action {n}", n, f"=SUM(C{n}:C{n})"])
    classeur.save(tmp_path / "milliers.xlsx")
    [f011] = [f for f in check_path(tmp_path / "milliers.xlsx").findings if f.code == "F011"]
    assert f011.message.startswith(
        "Classeur jamais recalculé : 1 200 formules sans valeur calculée, calculées"
    )
