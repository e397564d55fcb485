"""Pointage's own annotated copies, known by the mark written inside them.

A folder checked twice with `--annoter` holds the copies the first run wrote
(`annexe.pointage.xlsx`): checked again, they would double the counts and get copies
of their own. They are known by the hidden defined name every copy carries
(`base/own_sheets.COPY_MARK`), never by their file name: a user's workbook called
`x.pointage.xlsx` is checked like any other, and a copy renamed is still a copy.

Only the workbook part is read, through the reader's own `book_structure`, and only
its defined names are looked at: a few milliseconds, nothing else of the file.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from pointage.base.errors import UnreadableWorkbook
from pointage.base.own_sheets import COPY_MARK, marked_sheet
from pointage.reading.xlsx import book_structure

# Whatever stops the workbook part being read: the file is then no copy of Pointage's,
# and its check says what is wrong with it.
_UNREADABLE = (
    UnreadableWorkbook,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    zlib.error,
    NotImplementedError,  # a compression method zipfile does not know
    ValueError,
)


def copy_of(path: Path) -> str | None:
    """The name of the workbook `path` is Pointage's annotated copy of, or None (any
    other file, a workbook that is not a copy, a file that cannot be read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = book_structure(archive).book
    except _UNREADABLE:
        return None
    names = next((list(child) for child in book if child.tag.rsplit("}", 1)[-1] == "definedNames"), [])
    for name in names:
        if name.get("name") == COPY_MARK and name.get("localSheetId") is None:
            return marked_sheet(name.text)  # a text constant, as every mark
    return None
