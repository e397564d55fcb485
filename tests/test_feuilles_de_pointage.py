"""Pointage's own sheets are known by the defined name it writes with them, never by
their name: a user's sheet called `Contrôles` is checked, kept by the annotated copy
and by the add-in, and Pointage's sheet takes another name beside it."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from addin_payload import Replay, book_of, payload_from_file
from classeurs import construire
from pointage.addin.macros import effacer_marques, verifier
from pointage.commands.verifier import annotate
from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook

USER_CONTROLES = """
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 100
CCAS d'Arras | 200
TOTAL        | 301
"""
WHEN = datetime(2026, 12, 2, 15, 0)


def _t001(report):
    return [(f.code, f.sheet, f.cell) for f in report.findings if f.code == "T001"]


def test_a_user_sheet_called_controles_is_checked_and_kept_by_the_copy(tmp_path):
    source = construire(tmp_path / "annexe.xlsx", {"Contrôles": USER_CONTROLES})
    report = check_path(source)
    assert _t001(report) == [("T001", "Contrôles", "B4")]
    ok, lines = annotate(source, report, None, force=False)
    assert ok, lines
    copy = tmp_path / "annexe.pointage.xlsx"
    book = openpyxl.load_workbook(copy)
    assert book.sheetnames == ["Contrôles (Pointage)", "Contrôles"]
    assert [[c.value for c in row] for row in book["Contrôles"].iter_rows()][3] == ["TOTAL", 301]
    assert read_workbook(copy).own_sheets == {"Contrôles (Pointage)"}
    # Checking the copy checks the user's sheet, not Pointage's; annotating the copy
    # replaces Pointage's sheet and keeps the user's.
    again = check_path(copy)
    assert _t001(again) == _t001(report)
    ok, lines = annotate(copy, again, tmp_path / "copie2.xlsx", force=False)
    assert ok, lines
    assert openpyxl.load_workbook(tmp_path / "copie2.xlsx").sheetnames == [
        "Contrôles (Pointage)",
        "Contrôles",
    ]


def test_a_controles_sheet_written_before_the_marks_is_still_pointages(tmp_path):
    # A copy made by an older Pointage: its sheet `Contrôles`, no defined name.
    source = construire(tmp_path / "annexe.xlsx", {"Annexe": USER_CONTROLES})
    annotate(source, check_path(source), None, force=False)
    copy = tmp_path / "annexe.pointage.xlsx"
    book = openpyxl.load_workbook(copy)
    del book.defined_names["_pointage_controles"]
    book.save(copy)
    assert read_workbook(copy).own_sheets == frozenset()
    assert _t001(check_path(copy)) == [("T001", "Annexe", "B4")]  # its rows are not an annex


def test_the_addin_checks_and_keeps_a_user_sheet_called_controles(tmp_path):
    source = construire(tmp_path / "annexe.xlsx", {"Contrôles": USER_CONTROLES})
    payload = payload_from_file(source)
    book = book_of(payload)
    plan = verifier(book, WHEN)
    assert [(c.code, c.sheet, c.cell) for c in plan.controls if c.code == "T001"] == [
        ("T001", "Contrôles", "B4")
    ]
    replay = Replay(payload).apply(book.json()["actions"])
    assert replay.names() == ["Contrôles (Pointage)", "Contrôles", "_pointage"]
    assert replay.defined == {
        "_pointage_controles": '="Contrôles (Pointage)"',
        "_pointage_journal": '="_pointage"',
    }
    assert replay.sheet("Contrôles").value("B4") == 301
    # Verify again on the book as it now is, then Effacer: the user's sheet stays.
    marked = replay.to_payload()
    again = book_of(marked)
    verifier(again, WHEN)
    after = Replay(marked).apply(again.json()["actions"])
    assert after.names() == ["Contrôles (Pointage)", "Contrôles", "_pointage"]
    cleared_payload = after.to_payload()
    cleared_book = book_of(cleared_payload)
    effacer_marques(cleared_book)
    cleared = Replay(cleared_payload).apply(cleared_book.json()["actions"])
    assert cleared.names() == ["Contrôles"]
    assert cleared.defined == {}
    assert cleared.sheet("Contrôles").value("A4") == "TOTAL"
