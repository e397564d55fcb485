"""Apply the mark plan to a live book, and undo it from the journal.

The plan (pointage.outputs.marks) decides everything; this module only writes it: the
fills of a sheet in as few calls as the engine allows (pointage.addin.painting), one
note per cell (xlwings adds a note to one cell at a time).
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
from pointage.addin.sheets import sheet_named
from pointage.base.addresses import a1, parse_a1
from pointage.outputs.marks import CellMark, MarkPlan
from pointage.reading.snapshot import WorkbookSnapshot


@dataclass
class _Target:
    """What is written on one cell (marks on a merged area meet at its top-left cell)."""

    fill: str
    main: bool
    notes: list[str] = field(default_factory=list)


def apply_marks(
    book, plan: MarkPlan, snapshot: WorkbookSnapshot, records: list[MarkRecord] | None = None
) -> list[MarkRecord]:
    """Marks the cells; `records` receives each mark as soon as it is made, so that a
    failure half-way (a protected sheet, a note Excel refuses) leaves in it every mark
    already made, for the journal and « Effacer les marques »."""
    merged = {s.name: s.merged for s in snapshot.sheets}
    records = [] if records is None else records
    for sheet_name, marks in plan.by_sheet().items():
        sheet = sheet_named(book, sheet_name)
        if sheet is None:
            continue
        targets = _targets(marks, merged.get(sheet_name, []))
        fills_before = _fills_before(sheet, targets)
        first = len(records)
        # Recorded before the call that paints them: a painting that fails half-way
        # leaves nothing unrecorded (undoing a mark never made restores the fill before).
        records.extend(MarkRecord(sheet.name, a1(*cell), fills_before[cell]) for cell in targets)
        paint(sheet, {cell: "#" + t.fill for cell, t in targets.items()})
        for position, (cell, target) in enumerate(targets.items(), start=first):
            note, before = _write_note(sheet, a1(*cell), "\n\n".join(target.notes))
            records[position] = MarkRecord(sheet.name, a1(*cell), fills_before[cell], note, before)
    return records


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
