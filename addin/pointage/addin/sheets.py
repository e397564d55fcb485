"""Finding and replacing sheets of a live book through the xlwings Book API."""

from __future__ import annotations


def sheet_named(book, name: str):
    """The sheet called `name` (case-insensitive, as Excel compares), or None."""
    wanted = name.casefold()
    for sheet in book.sheets:
        if sheet.name.casefold() == wanted:
            return sheet
    return None


def delete_sheet(book, name: str) -> bool:
    sheet = sheet_named(book, name)
    if sheet is None:
        return False
    sheet.delete()
    return True


def as_text(value: object) -> object:
    """A string written as a cell value stays text: a leading `=`, `+`, `-` or `@`
    would otherwise be read by Excel as a formula or a number."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
