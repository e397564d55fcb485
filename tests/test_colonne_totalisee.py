"""Of several columns named as the amount (`Montant`, `Montant déjà attribué`, `Montant
demandé`), the amount is the one the total rows fill: the last of them would be
`Montant demandé`, empty on every `Total` row, and the totals of `Montant` (their
`=SUM(E2:E34)`) would never be checked. A synthetic table (typed totals) and the
Montpellier 2014 grants (SUM formulas, one overwritten by a typed value)."""

from __future__ import annotations

from pathlib import Path

import pytest

from classeurs import construire
from pointage.engine.check import check_path

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
MTP_2014 = REAL / "converted" / "jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.xlsx"
MUTANTS = REAL / "mutants"

SUBVENTIONS = """
Structure          | Objet              | Montant | Montant demandé
Club de judo       | Stage d'été        | 1500    | 2000
Chorale            | Concert            | 800     | 800
Théâtre du Pont    | Festival           | 4200    | 6000
Total              |                    | 6500    |

Club de voile      | Régates            | 3000    | 3500
Amicale laïque     | Fête de quartier   | 700     |
Total              |                    | 3700    |
"""


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def test_the_amount_is_the_column_its_totals_fill(tmp_path):
    right = check_path(construire(tmp_path / "right.xlsx", {"Annexe": SUBVENTIONS}))
    assert _shown(right) == []
    [table] = right.tables
    assert [(c.cell, c.role) for c in table.columns if c.role in ("amount", "extra")] == [
        ("C1", "amount"),
        ("D1", "extra"),
    ]
    slip = check_path(construire(tmp_path / "slip.xlsx", {"Annexe": SUBVENTIONS.replace("6500", "6050")}))
    assert _shown(slip) == [
        (
            "T001",
            "erreur",
            "Annexe",
            "C5",
            ("C2", "C3", "C4", "C5"),
            "Total : le total de la colonne « Montant » est 6 050,00 € ; la somme des 3 lignes du "
            "bloc donne 6 500,00 € (écart −450,00 €).",
        )
    ]


@pytest.mark.skipif(not MUTANTS.is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(
    ("mutant", "cell", "message"),
    [
        (
            "mtp2014_total_typed",  # `=SUM(E55:E72)` overwritten by 42 700 (47 200, digits swapped)
            "E73",
            "Total : le total de la colonne « Montant » est 42 700,00 € ; la somme des 18 lignes "
            "du bloc donne 47 200,00 € (écart −4 500,00 €).",
        ),
        (
            "mtp2014_bare_total",  # a total without label (A807:D807 merged, empty)
            "E807",
            "Total : le total de la colonne « Montant » est 173 000,00 € ; la somme des 41 lignes "
            "du bloc donne 137 000,00 € (écart +36 000,00 €).",
        ),
    ],
)
def test_a_typed_total_over_a_sum_column_is_checked(mutant, cell, message):
    findings = [f for f in _shown(check_path(MUTANTS / f"{mutant}.xlsx")) if f[1] == "erreur"]
    assert [(f[0], f[2], f[3], f[5]) for f in findings] == [("T001", "Subventions", cell, message)]


@pytest.mark.skipif(not MTP_2014.is_file(), reason="../shared/real-workbooks absent")
def test_the_real_table_says_nothing_of_its_requested_amounts():
    """The original: its totals add up; `Montant demandé 2014`, empty on every total, is
    no longer the amount (it gave one T003 per block)."""
    report = check_path(MTP_2014)
    assert [f.code for f in report.findings if f.sheet == "Subventions"] == ["F008"]
    first = report.tables[0]
    assert [(c.cell, c.role) for c in first.columns if c.role in ("amount", "extra")] == [
        ("E1", "amount"),
        ("G1", "extra"),
        ("K1", "extra"),
    ]
