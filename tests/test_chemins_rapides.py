"""What the fast paths of a big check must not change: rows that share their inputs,
booleans that equal 1, a warm-up that fails. Snapshots built in memory."""

from __future__ import annotations

from classeurs import BAREME_SEED, construire, lignes
from pointage.engine import check as engine
from pointage.engine.check import check_path, check_snapshot
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.rules.registry import all_rules

HEADER = ["STRUCTURE", "PLACES D'ACCOMPAGNEMENT", "DURÉE (MOIS)", "MONTANT RETENU"]


def workbook(rows: list[list[object]]) -> WorkbookSnapshot:
    bareme = [[("" if v is None else v) for v in r] + [""] * (3 - len(r)) for r in lignes(BAREME_SEED)]
    return WorkbookSnapshot(
        "memoire.xlsx",
        [
            SheetSnapshot("Annexe", [HEADER, *rows]),
            SheetSnapshot("Barème", bareme),
        ],
    )


def m001(report) -> list[tuple[str, str, str, str]]:
    return [(f.cell, f.expected, f.found, f.code) for f in report.findings if f.code == "M001"]


def test_equal_descriptions_of_two_structures_use_each_structure_rate():
    text = "un portefeuille du 1er janvier au 30 juin 2024"
    report = check_snapshot(
        workbook(
            [
                ["CCAS de Lens", text, "", 6875],
                ["CCAS d'Hénin Beaumont", text, "", 6875],
                ["CCAS de Liévin", text, "", 6875],
            ]
        )
    )
    assert m001(report) == [("D3", "11250.00", "6875.00", "M001")]


def test_equal_rows_are_all_reported():
    report = check_snapshot(
        workbook(
            [
                ["CCAS de Lens", "10 places", "", 1000],
                ["AIFOR", "10 places", "", 1600],
                ["3ID", "10 places", "", 1000],
            ]
        )
    )
    assert m001(report) == [("D2", "1600.00", "1000.00", "M001"), ("D4", "1600.00", "1000.00", "M001")]


def test_a_boolean_duration_is_not_taken_for_one_month():
    # True == 1 in Python: a row whose DURÉE is TRUE must not share the result of a
    # row whose DURÉE is 1 (TRUE is not a number: the default 12 months apply).
    report = check_snapshot(
        workbook(
            [
                ["AIFOR", "10 places", True, 1600],
                ["AIFOR", "10 places", 1, 1600],
            ]
        )
    )
    assert m001(report) == [("D3", "133.33", "1600.00", "M001")]


def test_a_failing_warm_up_does_not_make_the_file_unreadable(tmp_path, monkeypatch):
    path = construire(tmp_path / "a.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | 5\nTOTAL | 16"})
    monkeypatch.setattr(engine, "WARM_UP_FROM_BYTES", 0)
    calls = []

    def first_call_fails() -> list:
        # The warm-up's call, while calamine reads; the rules are chosen afterwards.
        calls.append(len(calls))
        if len(calls) == 1:
            raise ImportError("règles absentes")
        return all_rules()

    monkeypatch.setattr(engine, "all_rules", first_call_fails)
    report = check_path(path)
    assert calls == [0, 1]
    assert not report.unreadable
    assert [(f.code, f.cell, f.expected, f.found) for f in report.findings] == [
        ("T001", "B4", "15.00", "16.00")
    ]
