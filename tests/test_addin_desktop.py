"""Vérifier then Effacer on a desktop-like engine, which reads fills and notes back:
every cell's fill and note is exactly what it was before, including the cells that had
a fill or a note of their own (the remote engine cannot tell, desktop Excel can)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from addin_payload import Replay, book_of, payload_from_file
from desktop_like import DesktopState, desktop_like
from pointage.addin.journal import NOTE_ADDED, NOTE_EXTENDED
from pointage.addin.macros import effacer_marques, verifier

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 12, 2, 15, 0)


def test_effacer_restores_every_fill_and_note_exactly(monkeypatch):
    # The user's own fills and notes, on cells Pointage marks (E7, C7) and not (A1).
    before = DesktopState(
        fills={("Annexe 1", "E7"): "#FFFF00", ("Annexe 1", "C7"): "#DDEBF7", ("Annexe 1", "A1"): "#C6EFCE"},
        notes={("Annexe 1", "E7"): "à revoir avec le CCAS", ("Annexe 1", "A1"): "source : délibération"},
    )
    state = DesktopState(dict(before.fills), dict(before.notes))
    payload = payload_from_file(EXAMPLE, notes={"Annexe 1": ["E7", "A1"]})
    with desktop_like(monkeypatch, state):
        book = book_of(payload)
        plan = verifier(book, WHEN)
        marked = Replay(payload).apply(book.json()["actions"])
        # The marks are there, over the user's fill, and the user's note is completed.
        assert state.fills[("Annexe 1", "E7")] == "#FF8080"
        assert state.notes[("Annexe 1", "E7")].startswith("à revoir avec le CCAS\n\nTrouvé 24 150,00 €")
        journal = {(r[0], r[1]): tuple(r[2:]) for r in marked.sheet("_pointage").rows()[1:]}
        assert journal[("Annexe 1", "E7")][:2] == ("#FFFF00", NOTE_EXTENDED)
        assert journal[("Annexe 1", "E17")][:2] == ("aucun", NOTE_ADDED)
        assert len(journal) == len({(m.sheet, m.cell) for m in plan.marks})

        after = marked.to_payload()
        cleaning = book_of(after)
        effacer_marques(cleaning)
    user_sheets = {"Annexe 1", "Délibération", "Rapport", "Barème", "Paramètres"}
    assert {k: v for k, v in state.fills.items() if k[0] in user_sheets} == before.fills
    assert {k: v for k, v in state.notes.items() if k[0] in user_sheets} == before.notes


def test_a_second_click_rewrites_only_the_mark_that_changed(monkeypatch):
    """E7 goes from 24 150 € to 24 200 € between two clicks: its note (the user's, which
    Pointage completed) is put back as it was and completed with the new text, the
    TOTAL below gets its mark; no other mark is written again. « Effacer » still
    gives back every fill and note the user had."""
    before = DesktopState(
        fills={("Annexe 1", "E7"): "#FFFF00", ("Annexe 1", "A1"): "#C6EFCE"},
        notes={("Annexe 1", "E7"): "à revoir avec le CCAS"},
    )
    state = DesktopState(dict(before.fills), dict(before.notes))
    payload = payload_from_file(EXAMPLE, notes={"Annexe 1": ["E7"]})
    with desktop_like(monkeypatch, state):
        book = book_of(payload)
        verifier(book, WHEN)
        marked = Replay(payload).apply(book.json()["actions"])
        after = marked.to_payload()
        cells = next(s for s in after["sheets"] if s["name"] == "Annexe 1")["values"]
        cells[6][4] = 24200
        book = book_of(after)
        verifier(book, WHEN)
        actions = book.json()["actions"]
        again = Replay(after).apply(actions)
        notes = [(a["func"], a["args"][0]) for a in actions if "Note" in a["func"]]
        assert notes == [("setNoteText", "$E$7"), ("setNoteText", "$E$7"), ("addNote", "$E$46")]
        assert state.notes[("Annexe 1", "E7")].startswith("à revoir avec le CCAS\n\nTrouvé 24 200,00 €")
        assert state.notes[("Annexe 1", "E46")].startswith(
            "Trouvé 464 570,00 € — attendu 464 620,00 € (écart −50,00 €) [T001]"
        )
        assert state.fills[("Annexe 1", "E7")] == state.fills[("Annexe 1", "E46")] == "#FF8080"
        journal = {(r[0], r[1]): tuple(r[2:5]) for r in again.sheet("_pointage").rows()[1:]}
        assert journal[("Annexe 1", "E7")] == ("#FFFF00", NOTE_EXTENDED, "à revoir avec le CCAS")
        assert journal[("Annexe 1", "E46")] == ("aucun", NOTE_ADDED, None)

        cleaning = book_of(again.to_payload())
        effacer_marques(cleaning)
    user_sheets = {"Annexe 1", "Délibération", "Rapport", "Barème", "Paramètres"}
    assert {k: v for k, v in state.fills.items() if k[0] in user_sheets} == before.fills
    assert {k: v for k, v in state.notes.items() if k[0] in user_sheets} == before.notes
