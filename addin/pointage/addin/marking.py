"""Apply the mark plan to a live book, and undo it from the journal.

The plan (pointage.outputs.marks) decides everything; this module only writes it: the
fills of a sheet in as few calls as the engine allows (pointage.addin.painting), one
note per cell (xlwings adds a note to one cell at a time). A click after another only
writes what changed: the journal says which mark each cell carries, and a cell whose
mark is the plan's is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pointage.addin.journal import (
    NO_FILL,
    NOTE_ADDED,
    NOTE_EXTENDED,
    NOTE_UNTOUCHED,
    UNKNOWN_FILL,
    MarkRecord,
)
from pointage.addin.painting import paint
from pointage.addin.sheets import protected_sheets, sheet_named
from pointage.base.addresses import a1, parse_a1
from pointage.outputs.marks import CellMark, MarkPlan
from pointage.reading.snapshot import WorkbookSnapshot


@dataclass
class _Target:
    """What is written on one cell (marks on a merged area meet at its top-left cell)."""

    fill: str
    main: bool
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        return "\n\n".join(self.notes)


def apply_marks(
    book,
    plan: MarkPlan,
    snapshot: WorkbookSnapshot,
    records: list[MarkRecord] | None = None,
    previous: list[MarkRecord] | None = None,
    protected: set[str] | None = None,
) -> list[MarkRecord]:
    """Brings the marks of the book from `previous` (the journal of the last click) to
    the plan: a cell whose mark (fill and note text) is the same is not touched and
    keeps its record; the other marks of `previous` are undone, then the new ones made.
    `records` receives each mark as soon as it is made, so that a failure half-way (a
    protected sheet, a note Excel refuses) leaves in it every mark still in the book,
    for the journal and « Effacer les marques »."""
    records = [] if records is None else records
    merged = {s.name: s.merged for s in snapshot.sheets}
    wanted = {name: _targets(marks, merged.get(name, [])) for name, marks in plan.by_sheet().items()}
    # A protected sheet is left as it is: no new mark, and the marks of an earlier click
    # stay in the book and in the journal. Its names go to `protected`, for the message.
    locked = protected_sheets(book, set(wanted) | {r.sheet for r in previous or []})
    if protected is not None:
        protected.update(locked)
    records.extend(r for r in previous or [] if r.sheet in locked)
    unlocked: list[MarkRecord] = [r for r in previous or [] if r.sheet not in locked]
    wanted = {name: targets for name, targets in wanted.items() if name not in locked}
    kept, undone = _unchanged(unlocked, wanted)
    # Until undone, the previous marks are in the book: recorded. Undoing is idempotent
    # (a fill put back, a note of ours deleted if still there), so a failure half-way
    # through leaves a journal that « Effacer » can still replay.
    records.extend(kept)
    undone_from = len(records)
    records.extend(undone)
    remove_marks(book, undone)
    del records[undone_from:]
    done = {(r.sheet, r.cell) for r in kept}
    for sheet_name, targets in wanted.items():
        sheet = sheet_named(book, sheet_name)
        if sheet is None:
            continue
        fresh = {cell: t for cell, t in targets.items() if (sheet_name, a1(*cell)) not in done}
        _mark(sheet, fresh, records)
    return records


def _unchanged(
    previous: list[MarkRecord], wanted: dict[str, dict[tuple[int, int], _Target]]
) -> tuple[list[MarkRecord], list[MarkRecord]]:
    """The previous marks split into those the plan makes again, identical, and the
    others (gone, or another fill or note on the same cell)."""
    kept: list[MarkRecord] = []
    undone: list[MarkRecord] = []
    seen: set[tuple[str, str]] = set()
    for record in previous:
        if (record.sheet, record.cell) in seen:
            continue  # a cell recorded twice: its first record is the one that counts
        seen.add((record.sheet, record.cell))
        target = wanted.get(record.sheet, {}).get(parse_a1(record.cell))
        same = target is not None and record.same_mark("#" + target.fill, target.note)
        (kept if same else undone).append(record)
    return kept, undone


def _mark(sheet, targets: dict[tuple[int, int], _Target], records: list[MarkRecord]) -> None:
    fills_before = _fills_before(sheet, targets)
    first = len(records)
    # Recorded before the call that paints them: a painting that fails half-way
    # leaves nothing unrecorded (undoing a mark never made restores the fill before).
    records.extend(_record(sheet.name, cell, fills_before[cell], t) for cell, t in targets.items())
    paint(sheet, {cell: "#" + t.fill for cell, t in targets.items()})
    for position, (cell, target) in enumerate(targets.items(), start=first):
        note, before = _write_note(sheet, a1(*cell), target.note)
        records[position] = _record(sheet.name, cell, fills_before[cell], target, note, before)


def _record(
    sheet: str, cell: tuple[int, int], fill_before: str, target: _Target, note: str = "", before: str = ""
) -> MarkRecord:
    return MarkRecord(sheet, a1(*cell), fill_before, note, before, "#" + target.fill, target.note)


def _targets(
    marks: list[CellMark], merged: list[tuple[int, int, int, int]]
) -> dict[tuple[int, int], _Target]:
    targets: dict[tuple[int, int], _Target] = {}
    for mark in marks:
        cell = _top_left(parse_a1(mark.cell), merged)
        target = targets.get(cell)
        if target is None:
            targets[cell] = _Target(mark.fill, mark.main, list(mark.notes))
            continue
        if mark.main and not target.main:
            target.fill, target.main = mark.fill, True
        target.notes.extend(mark.notes)
    return targets


def _top_left(cell: tuple[int, int], merged: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    row, col = cell
    for r1, c1, r2, c2 in merged:
        if r1 <= row <= r2 and c1 <= col <= c2:
            return r1, c1
    return cell


def _fills_before(sheet, cells) -> dict[tuple[int, int], str]:
    """Each cell's fill before the mark; all unknown as soon as the engine says it
    cannot read fills (the remote engine: no need to ask for every cell)."""
    fills: dict[tuple[int, int], str] = {}
    for cell in cells:
        try:
            color = sheet.range(a1(*cell)).color
        except NotImplementedError:
            return dict.fromkeys(cells, UNKNOWN_FILL)
        fills[cell] = _fill_text(color)
    return fills


def _fill_text(color) -> str:
    if color is None:
        return NO_FILL
    if isinstance(color, str):
        return color.upper() if color.startswith("#") else "#" + color.upper()
    red, green, blue = color
    return f"#{red:02X}{green:02X}{blue:02X}"


def _write_note(sheet, address: str, text: str) -> tuple[str, str]:
    """Add the note, or append it to the cell's note; (what was done, note before)."""
    if not text:
        return NOTE_UNTOUCHED, ""
    cell = sheet.range(address)
    existing = cell.note
    if existing is None:
        cell.add_note(text)
        return NOTE_ADDED, ""
    try:
        before = existing.text or ""
    except NotImplementedError:
        # The engine cannot read the user's note: it is left as it is (the message
        # stays on the Contrôles sheet).
        return NOTE_UNTOUCHED, ""
    existing.text = f"{before.rstrip()}\n\n{text}" if before.strip() else text
    return NOTE_EXTENDED, before


def remove_marks(book, records: list[MarkRecord]) -> int:
    """Restore what the journal recorded; returns the number of cells restored."""
    by_sheet: dict[str, list[MarkRecord]] = {}
    for record in records:
        by_sheet.setdefault(record.sheet, []).append(record)
    restored = 0
    for sheet_name, sheet_records in by_sheet.items():
        sheet = sheet_named(book, sheet_name)
        if sheet is None:
            continue
        paint(sheet, {parse_a1(r.cell): r.restored_fill for r in sheet_records})
        for record in sheet_records:
            if record.note in (NOTE_ADDED, NOTE_EXTENDED):
                _restore_note(sheet.range(record.cell), record)
        restored += len(sheet_records)
    return restored


def _restore_note(cell, record: MarkRecord) -> None:
    if record.note == NOTE_ADDED:
        note = cell.note
        if note is not None:
            note.delete()
    elif record.note == NOTE_EXTENDED:
        note = cell.note
        if note is not None:
            note.text = record.note_before
