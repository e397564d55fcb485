"""The TOTAL row of a budget table (CODE OPÉRATION | IMPUTATION | LIBELLÉ | AE |
Disponible | Proposition | Solde, or AE | Dépense) is checked against its lines, column
by column: the shipped examples' budget tables given a TOTAL row (built by their own
scripts), and a synthetic one. A total off by 1 € is a T001 at that cell; the right
totals add nothing to what the examples already say."""

from __future__ import annotations

import importlib
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from classeurs import construire
from pointage.engine.check import check_path

EXAMPLES = Path(__file__).parents[1] / "workbooks" / "exemples"


def _build(script: str, path: Path, bump: tuple[str, str] | None = None) -> Path:
    """The example built by its script, each budget sheet closed by a `TOTAL` row
    holding the sums of its money columns; `bump` (sheet, column letter) adds 1 €."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        module = importlib.import_module(script)
    finally:
        sys.path.remove(str(EXAMPLES))
    workbook = module.build_workbook()
    for name in ("Délibération", "Rapport"):
        ws = workbook[name]
        last = ws.max_row
        total_row = last + 1
        ws.cell(row=total_row, column=1, value="TOTAL")
        for col in range(4, ws.max_column + 1):
            cents = sum(Decimal(str(ws.cell(row=r, column=col).value)) for r in range(4, last + 1))
            letter = ws.cell(row=total_row, column=col).column_letter
            if bump == (name, letter):
                cents += 1
            ws.cell(row=total_row, column=col, value=float(cents))
    workbook.save(path)
    return path


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def _new(report, base):
    return [f for f in _shown(report) if f not in base]


INCLUSION = "construire_inclusion_phase_3"
ACCOMPAGNEMENT = "construire_accompagnement_global"

# (script, sheet, column, total cell, lines, message)
SLIPS = [
    (
        INCLUSION,
        "Délibération",
        "D",
        "D10",
        6,
        "TOTAL : le total de la colonne « AE € » est 25 957 125,00 € ; la somme des 6 lignes du "
        "bloc donne 25 957 124,00 € (écart +1,00 €).",
    ),
    (
        INCLUSION,
        "Délibération",
        "E",
        "E10",
        6,
        "TOTAL : le total de la colonne « Dépense € » est 1 647 347,08 € ; la somme des 6 lignes "
        "du bloc donne 1 647 346,08 € (écart +1,00 €).",
    ),
    (
        INCLUSION,
        "Rapport",
        "D",
        "D10",
        6,
        "TOTAL : le total de la colonne « AE € » est 25 957 125,00 € ; la somme des 6 lignes du "
        "bloc donne 25 957 124,00 € (écart +1,00 €).",
    ),
    (
        INCLUSION,
        "Rapport",
        "E",
        "E10",
        6,
        "TOTAL : le total de la colonne « Disponible € » est 6 219 835,42 € ; la somme des 6 "
        "lignes du bloc donne 6 219 834,42 € (écart +1,00 €).",
    ),
    (
        INCLUSION,
        "Rapport",
        "F",
        "F10",
        6,
        "TOTAL : le total de la colonne « Proposition € » est 1 647 347,08 € ; la somme des 6 "
        "lignes du bloc donne 1 647 346,08 € (écart +1,00 €).",
    ),
    (
        INCLUSION,
        "Rapport",
        "G",
        "G10",
        6,
        "TOTAL : le total de la colonne « Solde € » est 4 572 489,34 € ; la somme des 6 lignes "
        "du bloc donne 4 572 488,34 € (écart +1,00 €).",
    ),
    (
        ACCOMPAGNEMENT,
        "Rapport",
        "E",
        "E5",
        1,
        "TOTAL : le total de la colonne « Disponible € » est 2 105 668,73 € ; la ligne du bloc "
        "donne 2 105 667,73 € (écart +1,00 €).",
    ),
    (
        ACCOMPAGNEMENT,
        "Rapport",
        "G",
        "G5",
        1,
        "TOTAL : le total de la colonne « Solde € » est 1 641 098,73 € ; la ligne du bloc donne "
        "1 641 097,73 € (écart +1,00 €).",
    ),
    (
        ACCOMPAGNEMENT,
        "Délibération",
        "E",
        "E5",
        1,
        "TOTAL : le total de la colonne « Dépense € » est 464 571,00 € ; la ligne du bloc donne "
        "464 570,00 € (écart +1,00 €).",
    ),
]


@pytest.mark.parametrize("script", [INCLUSION, ACCOMPAGNEMENT])
def test_right_budget_totals_add_nothing(tmp_path, script):
    example = EXAMPLES / (
        "cp-2022-11-21-inclusion-phase-3.xlsx"
        if script == INCLUSION
        else "cp-2024-09-16-accompagnement-global.xlsx"
    )
    base = _shown(check_path(example))
    report = check_path(_build(script, tmp_path / "total.xlsx"))
    assert _new(report, base) == []
    budget = [t for t in report.tables if t.sheet in ("Délibération", "Rapport")]
    assert budget and all(t.total_rows for t in budget)


@pytest.mark.parametrize(("script", "sheet", "letter", "cell", "lines", "message"), SLIPS)
def test_a_budget_total_off_by_one_euro_is_a_t001(tmp_path, script, sheet, letter, cell, lines, message):
    base = _shown(check_path(_build(script, tmp_path / "right.xlsx")))
    report = check_path(_build(script, tmp_path / "slip.xlsx", bump=(sheet, letter)))
    cells = (*(f"{letter}{r}" for r in range(4, 4 + lines)), cell)
    assert _new(report, base) == [("T001", "erreur", sheet, cell, cells, message)]


RECETTES = """
Code Opération | Imputation      | Libellé Opération       | AE €    | Recette €
C03-101A01     | 7478/9358       | Participation de l'État | 120000  | 45000.5
C03-101A02     | 7478/9358       | Fonds européens         | 80000   | 30000
C03-101A03     | 7788/9358       | Remboursements          |         | 1250
Total          |                 |                         | 200000  | 76250.5
"""


def test_a_synthetic_budget_total(tmp_path):
    right = check_path(construire(tmp_path / "right.xlsx", {"Budget": RECETTES}))
    assert [f for f in _shown(right) if f[0].startswith("T")] == []
    slip = check_path(construire(tmp_path / "slip.xlsx", {"Budget": RECETTES.replace("76250.5", "76251.5")}))
    assert [f for f in _shown(slip) if f[0].startswith("T")] == [
        (
            "T001",
            "erreur",
            "Budget",
            "E5",
            ("E2", "E3", "E4", "E5"),
            "Total : le total de la colonne « Recette € » est 76 251,50 € ; la somme des 3 lignes "
            "du bloc donne 76 250,50 € (écart +1,00 €).",
        )
    ]


def test_a_budget_column_left_blank_on_the_total_is_not_totalled(tmp_path):
    """`TOTAL` under the Recette only, AE blank: no T003 (a column not totalled)."""
    text = RECETTES.replace("| 200000  | 76250.5", "|         | 76250.5")
    report = check_path(construire(tmp_path / "blank.xlsx", {"Budget": text}))
    assert [f for f in _shown(report) if f[0].startswith("T")] == []


SHARED_AE = """
Code Opération | Imputation      | Libellé Opération       | AE €    | Proposition €
C02-446A05     | 6568/93446      | Indemnisation           | 500000  | 12000
C02-446A05     | 6574/93446      | Indemnisation           | 500000  | 8000
C02-582A02     | 6568/9358       | Jeunes                  | 90000   | 5000
TOTAL          |                 |                         | 590000  | 25000
"""


def test_an_ae_repeated_on_each_line_of_its_code_is_totalled_once(tmp_path):
    """Two imputations of one code opération, each line restating its AE: the TOTAL
    counts the AE once per code. Read so, it adds up; a Proposition off is still said."""
    right = check_path(construire(tmp_path / "right.xlsx", {"Rapport": SHARED_AE}))
    assert [f for f in _shown(right) if f[0].startswith("T")] == []
    slip = check_path(
        construire(
            tmp_path / "slip.xlsx", {"Rapport": SHARED_AE.replace("| 590000  | 25000", "| 590000  | 25100")}
        )
    )
    assert [f for f in _shown(slip) if f[0].startswith("T")] == [
        (
            "T001",
            "erreur",
            "Rapport",
            "E5",
            ("E2", "E3", "E4", "E5"),
            "TOTAL : le total de la colonne « Proposition € » est 25 100,00 € ; la somme des 3 lignes "
            "du bloc donne 25 000,00 € (écart +100,00 €).",
        )
    ]
