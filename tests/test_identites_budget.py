"""B001–B003 without data-frame libraries: a check never loads pandas, pandera or numpy,
and the plain identities agree with a pandera schema of the same identities."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pandera.pandas as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from classeurs import construire
from constats import montres
from pointage.engine.check import check_snapshot
from pointage.outputs.template import IMPUTATION_HEADERS
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.rules.budget_identities import IDENTITIES, BudgetColumns
from pointage.rules.registry import get_rule

# Rapport lines that break, in turn, Solde = Disponible − Proposition (C01), Proposition
# ≤ Disponible (C02) and Disponible ≤ AE (C03).
RAPPORT = """
Code Opération | Imputation budgétaire | Libellé Opération | AE €  | Disponible € | Proposition € | Solde €
C02-446A01     | 6568/93446            | insertion         | 10000 | 8000         | 3000          | 4000
C02-446A02     | 6568/93446            | logement          | 10000 | 8000         | 9000          | -1000
C02-446A03     | 6568/93446            | mobilité          | 10000 | 12000        | 2000          | 10000
"""

CHECK_IN_A_FRESH_PROCESS = """
import contextlib, io, json, sys
from pointage.cli import main

out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["verifier", "--format", "json", sys.argv[1]])
loaded = sorted(name for name in ("pandas", "pandera", "numpy") if name in sys.modules)
print(json.dumps({"code": code, "report": json.loads(out.getvalue()), "loaded": loaded}))
"""


def test_a_check_of_a_budget_table_loads_no_data_frame_library(tmp_path):
    path = construire(tmp_path / "budget.xlsx", {"Rapport": RAPPORT})
    run = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_FRESH_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    [checked] = result["report"]["files"]
    budget = [(f["code"], f["cell"], f["expected"], f["found"]) for f in checked["findings"]]
    assert (result["code"], budget) == (
        1,
        [
            ("B001", "G2", "5000.00", "4000.00"),
            ("B002", "F3", "8000.00", "9000.00"),
            ("B003", "E4", "10000.00", "12000.00"),
        ],
    )
    assert result["loaded"] == []


def test_an_amount_beyond_64_bits_is_checked_like_any_other():
    # 10²¹ € does not fit a 64-bit integer of cents: the data-frame version could not
    # build its frame and gave up the three rules (three X001) for every line.
    workbook = WorkbookSnapshot(
        "budget.xlsx",
        [
            SheetSnapshot(
                "Rapport",
                [
                    list(IMPUTATION_HEADERS),
                    ["C02-446A05", "6568/93446", "insertion", 10**20, 10**21, 5, 10**21 - 5],
                    ["C02-446A06", "6568/93446", "logement", 100, 90, 95, 0],
                ],
            )
        ],
    )
    report = check_snapshot(workbook, [get_rule(code) for code in ("B001", "B002", "B003")])
    assert montres(report) == [
        (
            "B003",
            "erreur",
            "Rapport",
            "E2",
            ("D2", "E2"),
            "C02-446A05 : Disponible 1 000 000 000 000 000 000 000,00 € supérieur à l'AE "
            "100 000 000 000 000 000 000,00 € (dépassement de 900 000 000 000 000 000 000,00 €).",
        ),
        (
            "B002",
            "erreur",
            "Rapport",
            "F3",
            ("E3", "F3"),
            "C02-446A06 : Proposition 95,00 € supérieure au Disponible 90,00 € (dépassement de 5,00 €).",
        ),
        (
            "B001",
            "erreur",
            "Rapport",
            "G3",
            ("E3", "F3", "G3"),
            "C02-446A06 : Solde 0,00 € ; Disponible 90,00 € − Proposition 95,00 € = -5,00 € (écart +5,00 €).",
        ),
    ]


# Cents within ±10¹⁵ (ten thousand billion euros): their differences stay far inside
# int64, where the schema's arithmetic is exact.
_CENTS = st.one_of(st.none(), st.integers(-(10**15), 10**15))
_LINES = st.lists(st.tuples(_CENTS, _CENTS, _CENTS, _CENTS), max_size=30)


def schema_breaks(columns: BudgetColumns, tol: int) -> dict[str, list[int]]:
    """The same identities as a pandera schema, row-wise checks over nullable integer
    columns: the positions of the failure cases of each check."""
    frame = pd.DataFrame(
        {
            "ae": columns.ae,
            "available": columns.available,
            "commitment": columns.commitment,
            "balance": columns.balance,
        },
        dtype="Int64",
    )

    def known(df, *names):
        return df[list(names)].notna().all(axis=1)

    checks = {
        "B001": lambda df: (
            ~known(df, "balance", "available", "commitment")
            | ((df["balance"] - (df["available"] - df["commitment"])).abs() <= tol).fillna(True)
        ),
        "B002": lambda df: (
            ~known(df, "available", "commitment") | (df["commitment"] - df["available"] <= tol).fillna(True)
        ),
        "B003": lambda df: ~known(df, "ae", "available") | (df["available"] - df["ae"] <= tol).fillna(True),
    }
    schema = pa.DataFrameSchema(
        {name: pa.Column("Int64", nullable=True) for name in frame.columns},
        checks=[pa.Check(check, name=code) for code, check in checks.items()],
    )
    breaks: dict[str, list[int]] = {code: [] for code in checks}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        for code in checks:
            rows = cases.loc[cases["check"] == code, "index"].dropna().unique()
            breaks[code] = sorted(int(i) for i in rows)
    return breaks


def columns_of(lines: list[tuple[int | None, ...]]) -> BudgetColumns:
    ae, available, commitment, balance = (list(column) for column in zip(*lines)) if lines else ([],) * 4
    return BudgetColumns(ae=ae, available=available, commitment=commitment, balance=balance)


def plain_breaks(columns: BudgetColumns, tol: int) -> dict[str, list[int]]:
    return {identity.code: breaks(columns, tol) for identity, breaks in IDENTITIES.items()}


@settings(max_examples=100, deadline=None)
@given(lines=_LINES, tol=st.integers(0, 10**6))
def test_the_plain_identities_agree_with_a_pandera_schema(lines, tol):
    columns = columns_of(lines)
    assert plain_breaks(columns, tol) == schema_breaks(columns, tol)


@settings(max_examples=50, deadline=None)
@given(ae=st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=10), tol=st.integers(0, 10**4))
def test_a_gap_of_the_tolerance_holds_and_one_cent_more_breaks(ae, tol):
    # Generated lines rarely land on an identity's edge: these do, so that both sides
    # are compared on the comparison itself (≤ against <), both ways for the Solde.
    def line(a: int, gap: int, balance_side: int) -> tuple[int, int, int, int]:
        available = a + gap  # Disponible − AE = gap
        commitment = available + gap  # Proposition − Disponible = gap
        return a, available, commitment, available - commitment + balance_side * gap

    at_edge = columns_of([line(a, tol, side) for a in ae for side in (1, -1)])
    beyond = columns_of([line(a, tol + 1, side) for a in ae for side in (1, -1)])
    every = list(range(2 * len(ae)))
    assert plain_breaks(at_edge, tol) == schema_breaks(at_edge, tol) == {"B001": [], "B002": [], "B003": []}
    assert (
        plain_breaks(beyond, tol)
        == schema_breaks(beyond, tol)
        == {"B001": every, "B002": every, "B003": every}
    )
