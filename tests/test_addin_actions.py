"""The add-in's actions on issue 14's sheet: 10 000 répartition rows, 100 wrong amounts
(bench/addin_actions.py builds it), through xlwings' remote engine. The actions are
pinned by kind so that a regression fails; the marks are those of the plan, and
« Effacer les marques » restores the sheet."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from addin_payload import Replay, book_of, write_actions
from pointage.addin.macros import effacer_marques, verifier
from pointage.base.addresses import a1, parse_a1
from pointage.outputs.controls_layout import CELL_COLUMN, controls_layout

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from addin_actions import SHEET_WRONG, TARGET, WHEN, WRONG_BY, amount_moved, generated_payload

SHEETS = ["Annexe", "Barème", "Rapport"]
# One note per marked amount (xlwings adds them one per call); the links of Contrôles
# are HYPERLINK formulas of its block of values, not one add_hyperlink each.
VERIFIER_ACTIONS = {
    "setRangeColors": 4,  # 3 on Annexe (30 000 cells of C:E, 10 000 a call), 1 on Contrôles
    "addNote": SHEET_WRONG,
    "addSheet": 2,  # Contrôles, _pointage
    "namesAdd": 2,  # the marks that say those two sheets are Pointage's
    "setValues": 2,  # Contrôles (its links included), _pointage: one block each
    "setSheetVisibility": 1,
    "setFontProperty": 2,  # the headers of the findings and of the tables read
    "setNumberFormat": 2,  # Attendu:Trouvé, Écart
    "setColumnWidth": 5,  # one per run of equal widths (F:H together)
    "setWrapText": 1,
    "alert": 1,
}
# A second click on the same sheet writes Contrôles again (its date), nothing else.
CONTROLES_ACTIONS = {
    "nameDelete": 1,
    "sheetDelete": 1,
    "addSheet": 1,
    "namesAdd": 1,
    "setValues": 1,
    "setRangeColors": 1,
    "setFontProperty": 2,
    "setColumnWidth": 5,
    "setNumberFormat": 2,
    "setWrapText": 1,
    "alert": 1,
}
UNDO_ACTIONS = {"setRangeColors": 3, "deleteNote": SHEET_WRONG, "sheetDelete": 2, "nameDelete": 2, "alert": 1}


def user_fills(replay: Replay) -> dict[tuple[str, str], str | None]:
    return {
        (sheet.name, cell): fill.upper() if fill else None
        for sheet in replay.sheets
        if sheet.name in SHEETS
        for cell, fill in sheet.fills.items()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    payload = generated_payload(tmp_path_factory.mktemp("feuille"))
    book = book_of(payload)
    plan = verifier(book, WHEN)
    actions = book.json()["actions"]
    return payload, plan, actions, Replay(payload).apply(actions)


def test_the_generated_sheet_has_one_finding_per_wrong_amount(generated):
    _, plan, _, _ = generated
    assert len(plan.controls) == SHEET_WRONG
    assert {(c.code, c.sheet) for c in plan.controls} == {("M001", "Annexe")}
    assert len(plan.marks) == 3 * SHEET_WRONG  # structure, description, amount


def test_verifier_actions_are_pinned_by_kind(generated):
    _, _, actions, _ = generated
    assert dict(Counter(a["func"] for a in actions)) == VERIFIER_ACTIONS
    assert len(write_actions(actions)) == sum(VERIFIER_ACTIONS.values()) - 1
    assert len(actions) == 122 <= TARGET  # issue 14: at most 150 actions


def test_no_fill_action_exceeds_what_set_colors_takes(generated):
    _, _, actions, _ = generated
    fills = [a for a in actions if a["func"] in ("setRangeColor", "setRangeColors")]
    assert all(a["row_count"] * a["column_count"] <= 10_000 for a in fills)


def test_the_marks_are_those_of_the_plan(generated):
    _, plan, _, replay = generated
    assert user_fills(replay) == {("Annexe", m.cell): "#" + m.fill for m in plan.marks}
    notes = dict(replay.sheet("Annexe").notes)
    assert notes == {m.cell: m.note for m in plan.marks if m.note}
    layout = controls_layout(plan)
    first = layout.first_finding
    findings = {
        a1(row, CELL_COLUMN): f'=HYPERLINK("#\'Annexe\'!{c.cell}","{c.cell}")'
        for row, c in enumerate(plan.controls, start=first)
    }
    # Then the tables read, each linked to its range.
    tables = {
        a1(row, CELL_COLUMN): f'=HYPERLINK("#\'{t.sheet}\'!{t.range}","{t.range}")'
        for row, t in enumerate(plan.tables, start=layout.headers[1][0] + 1)
    }
    assert replay.sheet("Contrôles").formulas == findings | tables
    links = replay.sheet("Contrôles").links
    assert sorted(links.values()) == sorted(
        [("#" + c.target, c.cell) for c in plan.controls]
        + [(f"#'{t.sheet}'!{t.range}", t.range) for t in plan.tables]
    )
    journal = replay.sheet("_pointage").rows()
    assert len(journal) == 1 + len(plan.marks)
    assert {tuple(r[:3]) for r in journal[1:]} == {("Annexe", m.cell, "inconnu") for m in plan.marks}
    assert sorted(r[1] for r in journal[1:] if r[3] == "ajoutée") == sorted(notes)


def test_effacer_marques_restores_the_generated_sheet(generated):
    payload, plan, _, replay = generated
    after = replay.to_payload()
    book = book_of(after)
    assert effacer_marques(book) == len(plan.marks)
    actions = book.json()["actions"]
    assert dict(Counter(a["func"] for a in actions)) == UNDO_ACTIONS
    cleared = Replay(after).apply(actions)
    assert cleared.names() == SHEETS
    # The remote engine cannot read fills: every marked cell goes back to no fill, no
    # other cell is touched.
    assert user_fills(cleared) == dict.fromkeys(user_fills(replay))
    assert all(not s.notes for s in cleared.sheets)
    original = Replay(payload)
    for name in SHEETS:
        assert cleared.sheet(name).values == original.sheet(name).values


def test_fills_read_before_the_marks_are_restored_exactly(tmp_path, monkeypatch):
    """With an engine that reads fills (desktop Excel), the journal keeps each cell's
    fill and the undo paints it back, whatever mix of colours and blanks the cells had."""
    from xlwings.pro import _xlremote

    payload = generated_payload(tmp_path, rows=2_000, blocks=20, wrong=20)
    cells = [m.cell for m in verifier(book_of(payload), WHEN).marks]
    assert len(cells) == 60
    green, yellow = (0, 176, 80), (255, 255, 0)
    before = {c: green if i % 2 else yellow for i, c in enumerate(cells) if i % 3}

    def color(self):
        return before.get(self.address.replace("$", ""))

    monkeypatch.setattr(_xlremote.Range, "color", property(color, _xlremote.Range.color.fset))
    book = book_of(payload)
    verifier(book, WHEN)
    marked = Replay(payload).apply(book.json()["actions"])
    hexes = {green: "#00B050", yellow: "#FFFF00"}
    journal = {r[1]: r[2] for r in marked.sheet("_pointage").rows()[1:]}
    assert journal == {c: hexes[before[c]] if c in before else "aucun" for c in cells}
    after = marked.to_payload()
    book = book_of(after)
    effacer_marques(book)
    restored = Replay(after).apply(book.json()["actions"])
    assert user_fills(restored) == {("Annexe", c): hexes.get(before.get(c)) for c in cells}


def marked_fills(replay: Replay) -> dict[tuple[str, str], str]:
    return {cell: fill for cell, fill in user_fills(replay).items() if fill}


def journal_marks(replay: Replay) -> set[tuple]:
    """(sheet, cell, fill put, note put) of each journal row."""
    return {(r[0], r[1], r[5], r[6]) for r in replay.sheet("_pointage").rows()[1:]}


def test_a_second_click_on_the_unchanged_sheet_writes_only_controles(generated):
    payload, plan, first, _ = generated
    book = book_of(Replay(payload).apply(first).to_payload())
    again = verifier(book, WHEN)
    actions = book.json()["actions"]
    # Issue 26: a warm click pays for what changed. It was 222 actions: the 300 marks
    # undone (100 notes deleted) and made again, the journal written again.
    assert dict(Counter(a["func"] for a in actions)) == CONTROLES_ACTIONS
    assert len(actions) == 17 <= TARGET
    assert again.controls == plan.controls
    state = Replay(payload).apply(first).apply(actions)
    assert marked_fills(state) == {("Annexe", m.cell): "#" + m.fill for m in plan.marks}
    assert dict(state.sheet("Annexe").notes) == {m.cell: m.note for m in plan.marks if m.note}
    assert journal_marks(state) == journal_marks(Replay(payload).apply(first))


def test_a_second_click_after_one_correction_shows_exactly_the_new_findings(generated):
    """The user corrects the first wrong amount, not its block total: its M001 goes, a
    T001 on the block total comes, and the sheet shows what a first click on the
    corrected sheet shows, no stale mark, with only the changed marks written."""
    payload, plan, first, _ = generated
    cell = plan.controls[0].cell
    state = Replay(payload).apply(first)
    book = book_of(amount_moved(state.to_payload(), cell, -WRONG_BY))
    state.sheet("Annexe").values[parse_a1(cell)] -= WRONG_BY  # the user's change, replayed
    second = verifier(book, WHEN)
    actions = book.json()["actions"]
    state.apply(actions)

    corrected = amount_moved(payload, cell, -WRONG_BY)
    fresh_book = book_of(corrected)
    fresh = verifier(fresh_book, WHEN)
    fresh_state = Replay(corrected).apply(fresh_book.json()["actions"])
    assert second.controls == fresh.controls
    before, after = ({(c.code, c.cell) for c in p.controls} for p in (plan, second))
    assert before - after == {("M001", cell)} and after - before == {("T001", "E104")}
    assert marked_fills(state) == marked_fills(fresh_state)
    assert state.sheet("Annexe").notes == fresh_state.sheet("Annexe").notes
    assert state.sheet("Contrôles").rows() == fresh_state.sheet("Contrôles").rows()
    assert journal_marks(state) == journal_marks(fresh_state)
    # Written: the corrected row's marks undone (one call for its three cells, its note
    # deleted), the block's new marks in one matrix and the total's note, the journal,
    # Contrôles. It was 222 actions, every mark undone and made again.
    assert dict(Counter(a["func"] for a in actions)) == {
        **CONTROLES_ACTIONS,
        "setRangeColor": 1,
        "setRangeColors": 2,
        "deleteNote": 1,
        "addNote": 1,
        "nameDelete": 2,
        "sheetDelete": 2,
        "addSheet": 2,
        "namesAdd": 2,
        "setValues": 2,
        "setSheetVisibility": 1,
    }
    assert len(actions) == 27 <= TARGET
