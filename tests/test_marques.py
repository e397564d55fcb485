"""The mark plan: plain data, from the findings of a run."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pointage.engine.check import check_path
from pointage.outputs.marks import FILLS, Figure, build_plan, note_text
from pointage.report.findings import Finding, Severity
from pointage.report.model import FileReport

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 11, 22, 10, 41)


def plan_of_example():
    return build_plan(check_path(EXAMPLE), "ab" * 32, WHEN)


def test_marks_of_the_seed_000_example():
    plan = plan_of_example()
    marks = {(m.sheet, m.cell): (m.severity.value, m.main, m.fill) for m in plan.marks}
    assert marks == {
        ("Annexe 1", "E7"): ("erreur", True, "FF8080"),
        ("Annexe 1", "C7"): ("erreur", False, "FDE2E2"),
        ("Annexe 1", "D7"): ("erreur", False, "FDE2E2"),
        ("Annexe 1", "E17"): ("erreur", True, "FF8080"),
        ("Annexe 1", "C17"): ("erreur", False, "FDE2E2"),
        ("Annexe 1", "D17"): ("erreur", False, "FDE2E2"),
        ("Délibération", "B4"): ("avertissement", True, "FFC000"),
        ("Rapport", "B4"): ("avertissement", True, "FFC000"),
        ("Rapport", "C4"): ("avertissement", True, "FFC000"),
        ("Délibération", "C4"): ("avertissement", False, "FFF2CC"),
    }
    bethune = next(m for m in plan.marks if m.cell == "E7")
    assert bethune.note.startswith(
        "Trouvé 24 150,00 € — attendu 17 275,00 € (écart +6 875,00 €) [M001]\nCCAS de Bethune : "
    )
    assert next(m for m in plan.marks if m.cell == "C7").note is None


def test_controles_rows_and_summary():
    plan = plan_of_example()
    assert [(c.code, c.sheet, c.cell, c.expected, c.found) for c in plan.controls] == [
        ("M001", "Annexe 1", "E7", Figure(Decimal("17275.00"), True), Figure(Decimal("24150.00"), True)),
        ("M001", "Annexe 1", "E17", Figure(Decimal("13945.83"), True), Figure(Decimal("19675.00"), True)),
        ("B007", "Délibération", "B4", None, None),
        ("B007", "Rapport", "B4", None, None),
        ("B006", "Rapport", "C4", None, None),
    ]
    bethune = plan.controls[0]
    assert (str(bethune.expected), str(bethune.found), str(bethune.difference)) == (
        "17 275,00 €",
        "24 150,00 €",
        "6 875,00 €",
    )
    assert plan.controls[0].target == "'Annexe 1'!E7"
    assert dict(plan.summary_lines())["Vérifié le"] == "22/11/2026 à 10:41"
    assert plan.counts == {"erreur": 2, "avertissement": 3, "info": 0}
    assert dict(plan.summary_lines())["Tableaux lus"] == 5


def _finding(code, severity, cell, cells=(), expected=None, found=None, money=True):
    return Finding(code, severity, "A", cell, f"message {code}", tuple(cells), expected, found, money)


def test_several_findings_on_one_cell_are_merged_worst_first():
    report = FileReport(
        "x.xlsx",
        findings=[
            _finding("F009", Severity.AVERTISSEMENT, "B2"),
            _finding("T001", Severity.ERREUR, "B2", ["B1", "B2"], "10", "12", money=False),
            _finding("F001", Severity.INFO, "B2", found="12"),
            _finding("M001", Severity.ERREUR, "B1", ["B1"], "5.00", "6.00"),
        ],
    )
    plan = build_plan(report, "0" * 64, WHEN)
    b2 = next(m for m in plan.marks if m.cell == "B2")
    assert (b2.severity, b2.main, b2.fill) == (Severity.ERREUR, True, FILLS[(Severity.ERREUR, True)])
    assert b2.note == "[F009] message F009\n\nTrouvé 12 — attendu 10 (écart +2) [T001]\nmessage T001"
    b1 = next(m for m in plan.marks if m.cell == "B1")
    assert b1.main and b1.note.startswith("Trouvé 6,00 € — attendu 5,00 € (écart +1,00 €) [M001]")
    assert len(plan.controls) == 4  # the info is listed, not painted
    assert len(plan.marks) == 2


def test_note_without_numbers():
    assert note_text(_finding("B007", Severity.AVERTISSEMENT, "B4")) == "[B007] message B007"


def test_figures_are_exact_and_formatted_the_french_way():
    # Money goes through whole cents (half up, as everywhere): the cell holds the
    # double whose shortest writing is the amount itself, an integer when it is round.
    amount = Figure.of("13945.83", money=True)
    assert (amount.value, amount.cell_value, repr(amount.cell_value)) == (
        Decimal("13945.83"),
        13945.83,
        "13945.83",
    )
    assert Figure.of("24150.00", money=True).cell_value.__class__ is int
    assert Figure.of("0.005", money=True).value == Decimal("0.01")
    assert (str(amount), amount.number_format) == ("13 945,83 €", '#,##0.00 "€"')
    quantity = Figure.of("0.25", money=False)
    assert (quantity.cell_value, quantity.number_format, str(quantity)) == (0.25, "#,##0.00", "0,25")
    assert Figure.of("3030", money=False).number_format == "#,##0"
    assert Figure.of(None, money=True) is None
