"""A protected sheet (Révision > Protéger la feuille, common in budget templates): Excel
refuses a fill or a note there, and the click used to end in « erreur interne » with
a raw COM message, `Contrôles` never written. The click now leaves the protected sheet
as it is, writes every finding to `Contrôles` and the journal, and says how to get the
marks; « Effacer les marques » touches nothing until the protection is off."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

import pointage.addin.sheets as sheets
from addin_payload import Replay, book_of, payload_from_file
from pointage.addin import last_check
from pointage.addin.journal import read_journal
from pointage.addin.macros import effacer_marques, verifier
from pointage.addin.sheets import is_protected

EXAMPLE = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 12, 7, 9, 30)
UNPROTECT = "ôtez la protection (Révision > Ôter la protection de la feuille)"


@pytest.fixture(autouse=True)
def fresh():
    last_check.forget()
    yield
    last_check.forget()


def protect(monkeypatch, *names: str) -> None:
    """The sheets `names` protected, as Excel reports it (COM `ProtectContents`)."""
    monkeypatch.setattr(sheets, "is_protected", lambda sheet: sheet.name in names)


def test_a_protected_sheet_keeps_its_cells_and_its_findings_go_to_controles(monkeypatch):
    payload = payload_from_file(EXAMPLE)
    protect(monkeypatch, "Annexe 1")
    book = book_of(payload)
    plan = verifier(book, WHEN)
    replayed = Replay(payload).apply(book.json()["actions"])
    annexe = replayed.sheet("Annexe 1")
    assert annexe.fills == {} and annexe.notes == {}
    # The other sheets are marked; the journal lists only what was marked.
    assert set(replayed.sheet("Rapport").fills) == {"B4", "C4"}
    journal = read_journal(book_of(replayed.to_payload()))
    assert {(r.sheet, r.cell) for r in journal} == {
        ("Délibération", "B4"),
        ("Délibération", "C4"),
        ("Rapport", "B4"),
        ("Rapport", "C4"),
    }
    # Every finding, those of the protected sheet too, is in Contrôles.
    written = [
        row for row in replayed.sheet("Contrôles").rows() if row and row[0] in ("M001", "B007", "B006")
    ]
    assert [(row[0], row[2], row[3]) for row in written] == [(c.code, c.sheet, c.cell) for c in plan.controls]
    assert replayed.alerts == [
        "Vérification terminée : 2 erreurs, 3 avertissements, 0 info.\n4 cellules marquées ; le "
        "détail est dans la feuille « Contrôles ».\n\nLa feuille « Annexe 1 » est protégée : ses "
        "cellules ne sont pas marquées ; les constats sont dans la feuille « Contrôles ». Pour les "
        f"marques, {UNPROTECT}, puis cliquez de nouveau sur « Vérifier le classeur »."
    ]


def test_marks_made_before_the_protection_stay_recorded_and_effacer_waits(monkeypatch):
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    verifier(book, WHEN)
    marked = Replay(payload).apply(book.json()["actions"]).to_payload()
    before = read_journal(book_of(marked))
    # The user corrects E7 (whose mark would go, and E46's come), protects Annexe 1 and
    # clicks again: its marks are neither undone nor forgotten, no new one is made.
    cells = next(s for s in marked["sheets"] if s["name"] == "Annexe 1")["values"]
    assert cells[6][4] == 24150
    cells[6][4] = 17275
    protect(monkeypatch, "Annexe 1")
    book = book_of(marked)
    verifier(book, WHEN)
    replayed = Replay(marked).apply(book.json()["actions"])
    assert replayed.sheet("Annexe 1") == Replay(marked).sheet("Annexe 1")
    again = replayed.to_payload()
    journal = read_journal(book_of(again))
    assert [r for r in journal if r.sheet == "Annexe 1"] == [r for r in before if r.sheet == "Annexe 1"]
    assert {r.cell for r in before if r.sheet == "Annexe 1"} == {"C7", "D7", "E7", "C17", "D17", "E17"}
    # « Effacer les marques » would lose the journal of marks it cannot undo: it waits.
    book = book_of(again)
    assert effacer_marques(book) == 0
    replayed = Replay(again).apply(book.json()["actions"])
    assert replayed.alerts == [
        "Marques non effacées : « Annexe 1 » est protégée. Ôtez la protection (Révision > Ôter la "
        "protection de la feuille), puis cliquez de nouveau sur « Effacer les marques »."
    ]
    assert replayed.to_payload() == again


def test_protection_as_excel_reports_it():
    com = SimpleNamespace(api=SimpleNamespace(ProtectContents=True))
    mac = SimpleNamespace(api=SimpleNamespace(protect_contents=SimpleNamespace(get=lambda: True)))
    open_com = SimpleNamespace(api=SimpleNamespace(ProtectContents=False))
    remote = SimpleNamespace(api={"name": "Annexe 1", "values": []})
    assert [is_protected(s) for s in (com, mac, open_com, remote)] == [True, True, False, False]
