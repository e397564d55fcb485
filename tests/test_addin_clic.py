"""A warm click checks again only a book that reads back differently (issue 26):
the last check is reused when every field of the snapshot is the same, and never when
anything the check reads has changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from addin_payload import Replay, book_of, payload_from_file
from pointage.addin import last_check
from pointage.addin.macros import verifier
from pointage.addin.read_book import fingerprint
from pointage.engine.check import check_path
from pointage.reading.snapshot import ExcelError, ListObject, SheetSnapshot, WorkbookSnapshot

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 12, 7, 9, 30)


@pytest.fixture
def checks(monkeypatch):
    """The books the engine checked, in order (a reused check is not there)."""
    checked: list[str] = []
    real = last_check.check_snapshot

    def counted(snapshot, rules, name):
        checked.append(name)
        return real(snapshot, rules, name)

    last_check.forget()
    monkeypatch.setattr(last_check, "check_snapshot", counted)
    yield checked
    last_check.forget()


def findings(plan) -> list[tuple[str, str, str, str]]:
    return [(c.code, c.sheet, c.cell, c.message) for c in plan.controls]


def test_a_second_click_on_the_unchanged_book_reuses_the_check(checks):
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    first = verifier(book, WHEN)
    marked = Replay(payload).apply(book.json()["actions"]).to_payload()
    # The second click finds Contrôles and the journal in the book: not read, same key.
    second = verifier(book_of(marked), WHEN)
    assert checks == [EXAMPLE.name]
    assert findings(second) == findings(first)
    assert second.sha256 == first.sha256


def test_a_click_after_a_change_checks_again_and_shows_the_new_findings(checks):
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    first = verifier(book, WHEN)
    marked = Replay(payload).apply(book.json()["actions"]).to_payload()
    # The user corrects E7 (24 150 €) to the Barème's 17 275 €, not the TOTAL below.
    cells = next(s for s in marked["sheets"] if s["name"] == "Annexe 1")["values"]
    assert cells[6][4] == 24150
    cells[6][4] = 17275
    book = book_of(marked)
    second = verifier(book, WHEN)
    assert checks == [EXAMPLE.name, EXAMPLE.name]
    assert [f[:3] for f in findings(first)] == [
        ("M001", "Annexe 1", "E7"),
        ("M001", "Annexe 1", "E17"),
        ("B007", "Délibération", "B4"),
        ("B007", "Rapport", "B4"),
        ("B006", "Rapport", "C4"),
    ]
    assert findings(second)[:2] == [
        ("M001", "Annexe 1", "E17", first.controls[1].message),
        (
            "T001",
            "Annexe 1",
            "E46",
            "TOTAL : le total de la colonne « MONTANT RETENU » est 464 570,00 € ; la somme des "
            "42 lignes du bloc donne 457 695,00 € (écart +6 875,00 €).",
        ),
    ]
    assert findings(second)[2:] == findings(first)[2:]
    # The marks follow: E7 is no longer the red of an error, E46 is.
    replayed = Replay(marked).apply(book.json()["actions"])
    notes = replayed.sheet("Annexe 1").notes
    assert "E7" not in notes and notes["E46"].startswith("Trouvé 464 570,00 € — attendu 457 695,00 €")


def sheet(**changes) -> SheetSnapshot:
    base = SheetSnapshot(name="Annexe", values=[["STRUCTURE", "MONTANT"], ["CCAS", 1]], origin_row=2)
    return replace(base, **changes)


def key(*sheets: SheetSnapshot, name: str = "annexe.xlsx", own: frozenset[str] = frozenset()) -> str:
    snapshot = WorkbookSnapshot(name=name, sheets=list(sheets), own_sheets=own)
    return last_check.snapshot_key(snapshot, name, fingerprint(snapshot))


def test_the_key_is_that_of_what_the_check_reads():
    same = key(sheet())
    assert key(sheet()) == same
    when = datetime(2024, 9, 16)
    different = [
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", 2]])),
        # The same number for Python, not for the check (VRAI is not 1).
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", 1.0]])),
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", True]])),
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", "1"]])),
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", ExcelError("#REF!")]])),
        key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", "#REF!"]])),
        key(sheet(origin_row=3)),
        key(sheet(origin_col=1)),
        key(sheet(name="Annexe 2")),
        key(sheet(merged=[(2, 0, 2, 1)])),
        key(sheet(hidden_rows={3})),
        key(sheet(hidden_cols={1})),
        key(sheet(list_objects=[ListObject("Tableau1", 2, 0, 3, 1)])),
        key(sheet(), sheet(name="Barème")),
        key(sheet(), name="autre.xlsx"),
    ]
    assert len({same, *different}) == 1 + len(different)
    # A date and the text that spells it give the same fingerprint bytes, never the same key.
    dated = key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", when]]))
    spelt = key(sheet(values=[["STRUCTURE", "MONTANT"], ["CCAS", repr(when)]]))
    assert dated != spelt
    # Pointage's own sheets are not read: naming them changes nothing the check reads.
    assert key(sheet(), own=frozenset({"Contrôles", "_pointage"})) == same
    assert key(sheet(), own=frozenset({"Annexe"})) != same


def test_check_path_and_a_reused_click_agree(checks):
    """The reused report is the one the file gives (the key never returns another
    book's findings): two books in turn, each checked once per change."""
    payload = payload_from_file(EXAMPLE)
    other = payload_from_file(ROOT / "workbooks" / "exemples" / "cp-2022-11-21-inclusion-phase-3.xlsx")
    plans = [verifier(book_of(p), WHEN) for p in (payload, other, payload)]
    assert checks == [EXAMPLE.name, "cp-2022-11-21-inclusion-phase-3.xlsx", EXAMPLE.name]
    on_disk = check_path(EXAMPLE)
    assert [(c.code, c.sheet, c.cell, c.message) for c in plans[2].controls] == [
        (f.code, f.sheet, f.cell, f.message) for f in on_disk.findings
    ]
