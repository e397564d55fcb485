"""The hidden `_pointage` sheet: every mark the add-in made, so it can be undone.

One row per marked cell: the sheet, the cell, its fill before the mark and what
was done to its note, then the mark itself (the fill put and the note's text). What
a cell had before is recorded when the engine can read it (desktop Excel); the remote
engine cannot read fills or note texts, so the fill is then `inconnu` (removing the
mark leaves no fill) and an existing note is left untouched. The mark lets the next
click leave alone a cell whose mark has not changed (pointage.addin.marking).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.addin.sheets import add_own_sheet, as_text, delete_own_sheet, own_sheet
from pointage.base.own_sheets import JOURNAL_HEADERS, JOURNAL_MARK, JOURNAL_SHEET

if TYPE_CHECKING:
    from xlwings import Book

# The first five columns are those that recognise a journal written before the marks
# (pointage.base.own_sheets); the mark's two follow.
HEADERS = (*JOURNAL_HEADERS, "Remplissage posé", "Note posée")
NO_FILL = "aucun"
UNKNOWN_FILL = "inconnu"
NOTE_ADDED = "ajoutée"
NOTE_EXTENDED = "complétée"
NOTE_UNTOUCHED = ""


@dataclass(frozen=True)
class MarkRecord:
    sheet: str
    cell: str
    fill_before: str  # `#RRGGBB`, NO_FILL or UNKNOWN_FILL
    note: str = NOTE_UNTOUCHED
    note_before: str = ""
    # The mark: the fill put (`#RRGGBB`) and the text of its note ("" for none), whether
    # the note could be written or not. Empty in a journal written before they were
    # recorded: such a mark is never taken for unchanged.
    fill_put: str = ""
    note_put: str = ""

    def same_mark(self, fill: str, note: str) -> bool:
        return bool(self.fill_put) and (self.fill_put, self.note_put) == (fill, note)

    @property
    def restored_fill(self) -> str | None:
        return self.fill_before if self.fill_before.startswith("#") else None

    def row(self) -> list[object]:
        fields = (
            self.sheet,
            self.cell,
            self.fill_before,
            self.note,
            self.note_before,
            self.fill_put,
            self.note_put,
        )
        return [as_text(v) for v in fields]


def write_journal(book: Book, records: list[MarkRecord]) -> None:
    delete_own_sheet(book, JOURNAL_MARK, JOURNAL_SHEET)
    sheet = add_own_sheet(book, JOURNAL_MARK, JOURNAL_SHEET, first=False)
    sheet.range("A1").value = [list(HEADERS)] + [r.row() for r in records]
    sheet.visible = False


def read_journal(book: Book) -> list[MarkRecord] | None:
    """The recorded marks, or None when the book has no `_pointage` sheet."""
    sheet = own_sheet(book, JOURNAL_MARK, JOURNAL_SHEET)
    if sheet is None:
        return None
    values = sheet.used_range.options(ndim=2).value
    records = []
    for line in values[1:]:
        cells = [("" if v is None else str(v)) for v in list(line) + [None] * len(HEADERS)]
        if cells[0] and cells[1]:
            records.append(MarkRecord(cells[0], cells[1], cells[2] or UNKNOWN_FILL, *cells[3:7]))
    return records
