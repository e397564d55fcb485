"""Finding and replacing sheets of a live book through the xlwings Book API."""

from __future__ import annotations

from pointage.base.addresses import sheet_key
from pointage.base.own_sheets import OWN_MARKS, free_name, looks_like_own_sheet, mark_value, marked_sheet


def sheet_named(book, name: str):
    """The sheet called `name` (as Excel compares names, `sheet_key`), or None."""
    wanted = sheet_key(name)
    for sheet in book.sheets:
        if sheet_key(sheet.name) == wanted:
            return sheet
    return None


def is_protected(sheet) -> bool:
    """Whether Excel's sheet protection (Révision > Protéger la feuille) locks the
    sheet's cells: a fill or a note written there raises a COM error."""
    api = sheet.api
    if isinstance(api, dict):  # the remote engine's sheet: its payload has no protection
        return False
    try:
        return bool(api.ProtectContents)  # Windows (COM)
    except AttributeError:
        pass
    try:
        return bool(api.protect_contents.get())  # macOS (appscript)
    except Exception:  # unknown: the marks are tried, and a failure is reported as such
        return False


def protected_sheets(book, names: set[str]) -> set[str]:
    """The names among `names` whose sheet is in the book and protected."""
    return {name for name in names if (sheet := sheet_named(book, name)) is not None and is_protected(sheet)}


def own_sheet(book, mark: str, usual_name: str):
    """Pointage's own sheet that `mark` names, or (written before the marks) the sheet
    of the usual name holding Pointage's title and headers; None otherwise. A user's
    sheet that happens to have the usual name is never Pointage's."""
    for name in book.names:
        if name.name == mark:
            sheet = sheet_named(book, marked_sheet(name.refers_to) or "")
            if sheet is not None:
                return sheet
    sheet = sheet_named(book, usual_name)
    if sheet is not None and looks_like_own_sheet(sheet.range("A1:G12").options(ndim=2).value):
        return sheet
    return None


def own_sheet_names(book) -> frozenset[str]:
    """The sheets the book's marks name as Pointage's."""
    return frozenset(
        sheet for name in book.names if name.name in OWN_MARKS if (sheet := marked_sheet(name.refers_to))
    )


def add_own_sheet(book, mark: str, usual_name: str, first: bool):
    """A new sheet of Pointage's, under the usual name or another when a user's sheet
    has it, marked by a workbook-scoped name whose value is the sheet's name."""
    title = free_name(usual_name, [s.name for s in book.sheets])
    if first:
        sheet = book.sheets.add(title, before=book.sheets[0])
    else:
        sheet = book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])
    unmark(book, mark)
    book.names.add(mark, "=" + mark_value(title))
    return sheet


def unmark(book, mark: str) -> None:
    for name in [n for n in book.names if n.name == mark]:
        name.delete()


def delete_own_sheet(book, mark: str, usual_name: str) -> bool:
    """Delete Pointage's sheet (never a user's sheet of the same name) and its mark."""
    sheet = own_sheet(book, mark, usual_name)
    unmark(book, mark)
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
