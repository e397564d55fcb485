"""Circular references (issue 25, point 9): formulas that compute one another, or that
reach their own cell, reported once per cycle (F012, avertissement) with every cell,
as Excel's « Références circulaires » warning lists them. The golden cases
(`tests/rules/F012/`) hold formulas without cached values; here the workbooks are as
Excel saves them: cached values, a total row filled right as one shared formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

from classeurs import construire
from constats import montres
from pointage.analysis import formula_cycles
from pointage.engine.check import check_path, select_rules

ANNEXE = """
OPÉRATION | STRUCTURE    | PLACES      | MONTANT RETENU
Bloc A    | CCAS de Lens | 10          | 800
Bloc A    | CCAS Liévin  | 20          | 1600
TOTAL     |              | =SUM(C2:C4) | =SUM(D2:D4)
"""


def _as_excel_saves(path: Path, written: bytes, saved: bytes) -> Path:
    """Replace the cells `written` of the first sheet by `saved` (Excel's own XML), in a
    workbook computed by Excel (not asking to be computed on opening, as openpyxl does)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert sheet.count(written) == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(written, saved)
    assert parts["xl/workbook.xml"].count(b' fullCalcOnLoad="1"') == 1
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_total_row_filled_right_over_itself_is_one_circular_reference(tmp_path):
    # `=SUM(C2:C4)` in C4, filled right to D4: Excel writes one shared formula, and
    # shows 0 in both cells with its « Références circulaires » warning.
    path = _as_excel_saves(
        construire(tmp_path / "annexe.xlsx", {"Annexe": ANNEXE}),
        b'<c r="C4"><f>SUM(C2:C4)</f><v></v></c><c r="D4"><f>SUM(D2:D4)</f><v></v></c>',
        b'<c r="C4"><f t="shared" ref="C4:D4" si="0">SUM(C2:C4)</f><v>0</v></c>'
        b'<c r="D4"><f t="shared" si="0"/><v>0</v></c>',
    )
    assert montres(check_path(path)) == [
        (
            "F012",
            "avertissement",
            "Annexe",
            "C4",
            ("C4", "D4"),
            "Référence circulaire, que signale l'avertissement « Références circulaires » d'Excel : "
            "les formules de C4 (=SUM(C2:C4)) et D4 (=SUM(D2:D4)) comptent chacune leur propre "
            "cellule ; leurs valeurs affichées ne sont pas des résultats fiables.",
        ),
        # The totals Excel shows are wrong, and said so: T001 says what the total should
        # be, F012 why it is not; neither says the other's fact.
        (
            "T001",
            "erreur",
            "Annexe",
            "C4",
            ("C2", "C3", "C4"),
            "TOTAL : le total de la colonne « PLACES » est 0 ; la somme des 2 lignes du bloc donne 30 (écart −30).",
        ),
        (
            "T001",
            "erreur",
            "Annexe",
            "D4",
            ("D2", "D3", "D4"),
            "TOTAL : le total de la colonne « MONTANT RETENU » est 0,00 € ; la somme des 2 lignes du "
            "bloc donne 2 400,00 € (écart −2 400,00 €).",
        ),
    ]


CHAIN = 200  # formulas in a chain after the cycle, none of them in it


def _cycle_then_chain(tmp_path: Path) -> Path:
    rows = ["STRUCTURE | MONTANT RETENU | REPORT | CUMUL", "TOTAL | =C2+1 | =B2+1 | 1"]
    rows += [f"x{n} | {n} |  | =D{n - 1}+B{n}" for n in range(3, CHAIN + 3)]
    return construire(tmp_path / "chaine.xlsx", {"Annexe": "\n".join(rows)})


def test_the_search_is_bounded_and_never_makes_a_cycle_up(tmp_path, monkeypatch):
    path = _cycle_then_chain(tmp_path)
    cycle = [("Annexe", "B2", ("B2", "C2"))]

    def found():
        return [(f.sheet, f.cell, f.cells) for f in check_path(path, select_rules(["F012"])).findings]

    assert found() == cycle
    # The cycle closes within its first steps; the chain after it is left unread.
    monkeypatch.setattr(formula_cycles, "MAX_STEPS", 20)
    assert found() == cycle
    # Stopped before the cycle closes: nothing is said, nothing is made up.
    monkeypatch.setattr(formula_cycles, "MAX_STEPS", 3)
    assert found() == []
