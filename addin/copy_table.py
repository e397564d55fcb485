"""`Copier le tableau vérifié`: the checked table under the active cell, as HTML on
the clipboard, ready to paste into the Word report (export API, issue 6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pointage.addin.macros import TITLE, check_book, unreadable_message
from pointage.export.api import ExportRefused, export_table, table_at
from pointage.export.clipboard import ClipboardError, put_html_on_clipboard
from pointage.export.selection import ExportError

FORCE_QUESTION = (
    "\n\nCopier quand même ? Le tableau portera la mention « TABLEAU NON VÉRIFIÉ » en rouge."
)


def copier_tableau(
    book, now: datetime | None = None, put: Callable[[str], None] = put_html_on_clipboard
) -> str | None:
    """Copy the table under the selection; returns the HTML copied (None if nothing)."""
    now = now or datetime.now()
    selection = book.selection
    if selection is None:
        book.app.alert("Sélectionnez d'abord une cellule du tableau à copier.", TITLE)
        return None
    sheet, row, col = selection.sheet.name, selection.row - 1, selection.column - 1
    _, ctx, report, plan = check_book(book, now)
    if ctx is None:
        book.app.alert(unreadable_message(report), TITLE)
        return None
    number = table_at(ctx, sheet, row, col)
    if number is None:
        book.app.alert(
            f"La cellule active ({sheet}!{selection.address.replace('$', '')}) n'est dans aucun "
            "tableau d'annexe reconnu : sélectionnez une cellule du tableau à copier.",
            TITLE,
        )
        return None
    try:
        data = _export(ctx, report, sheet, number, False, book.name, plan.sha256, now)
    except ExportRefused as refused:
        answer = book.app.alert(str(refused) + FORCE_QUESTION, TITLE, buttons="yes_no")
        if answer != "yes":
            return None
        data = _export(ctx, report, sheet, number, True, book.name, plan.sha256, now)
    except ExportError as error:
        book.app.alert(f"Le tableau n'a pas pu être exporté : {error}", TITLE)
        return None
    html = data.decode("utf-8")
    try:
        put(html)
    except ClipboardError as error:
        book.app.alert(f"Le tableau n'a pas pu être copié : {error}", TITLE)
        return None
    book.app.alert(
        f"Tableau n° {number} de la feuille « {sheet} » copié : collez-le dans le rapport Word (Ctrl+V).",
        TITLE,
    )
    return html


def _export(ctx, report, sheet, number, force, name, sha256, now) -> bytes:
    return export_table(ctx, report, sheet, number, "html", force, name, sha256, now)
