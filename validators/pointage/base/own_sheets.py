"""The sheets Pointage writes into a workbook (annotated copy, add-in): never annex
tables, removed when the marks are removed.

They are known by a mark Pointage writes with them, never by their name alone: a
hidden workbook-scoped defined name whose value is the sheet's name
(`_pointage_controles` = `"Contrôles"`). A user's own sheet called `Contrôles` is
checked like any other and never deleted; Pointage's sheet then takes another name
(`Contrôles (Pointage)`). Sheets written before the marks existed are known by what
they hold: Pointage's title and column headers in their first rows.

A whole file Pointage wrote (the annotated copy) carries a mark too, `_pointage_copie`
= `"annexe.xlsx"` (the name of the workbook it is the copy of): a folder checked again
lists it as Pointage's copy instead of checking it a second time. The add-in marks the
user's own workbook, never with that name: the user's workbook stays checked. The
exports are no workbooks and are never checked; the HTML one says it is Pointage's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CONTROLES_SHEET = "Contrôles"  # the summary of the findings, one line each
JOURNAL_SHEET = "_pointage"  # hidden: the add-in's record of every mark, to undo them
CONTROLES_MARK = "_pointage_controles"
JOURNAL_MARK = "_pointage_journal"
OWN_MARKS = (CONTROLES_MARK, JOURNAL_MARK)
COPY_MARK = "_pointage_copie"  # the annotated copy: its value names the checked workbook
# The HTML export's mark, in its head: a folder lists it as Pointage's export, never as
# a software's HTML page to open in Excel.
HTML_EXPORT_MARK = '<meta name="generator" content="Pointage">'
# What the first rows of a Pointage sheet written before the marks hold.
CONTROLES_TITLE = "Contrôles Pointage"
JOURNAL_HEADERS = ("Feuille", "Cellule", "Remplissage avant", "Note", "Note avant")
MAX_SHEET_NAME = 31  # Excel's limit


def mark_value(sheet: str) -> str:
    """The defined name's value: the sheet's name as a text constant."""
    return '"' + sheet.replace('"', '""') + '"'


def marked_sheet(refers_to: object) -> str | None:
    """The sheet a mark names (`="Contrôles"` or `"Contrôles"`), or None."""
    text = str(refers_to or "").strip()
    if text.startswith("="):
        text = text[1:].strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return None


# Excel refuses a text constant longer than 255 characters in a formula, a name's too.
_MARKED_NAME_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def copy_mark_value(checked_name: str) -> str:
    """The copy mark's value: the checked workbook's file name as a text constant,
    without the control characters XML cannot hold, short enough for Excel."""
    return mark_value(_CONTROL.sub("", checked_name)[:_MARKED_NAME_LENGTH])


def free_name(preferred: str, taken: Iterable[str]) -> str:
    """`preferred`, or `preferred (Pointage)`, `(Pointage 2)`… when a sheet has it
    (Excel compares sheet names without case)."""
    used = {name.casefold() for name in taken}
    if preferred.casefold() not in used:
        return preferred
    number = 1
    while True:
        suffix = " (Pointage)" if number == 1 else f" (Pointage {number})"
        candidate = preferred[: MAX_SHEET_NAME - len(suffix)] + suffix
        if candidate.casefold() not in used:
            return candidate
        number += 1


def looks_like_own_sheet(first_rows: list[list[object]]) -> bool:
    """A Pointage sheet written before the marks: its title in A1 and the Contrôles
    headers below, or the journal's headers in its first row."""
    rows = [[str(v).strip() if v not in (None, "") else "" for v in row] for row in first_rows[:12]]
    if rows and tuple(rows[0][: len(JOURNAL_HEADERS)]) == JOURNAL_HEADERS:
        return True
    return (
        bool(rows)
        and rows[0][:1] == [CONTROLES_TITLE]
        and any(tuple(row[:2]) == ("Code", "Sévérité") for row in rows)
    )
