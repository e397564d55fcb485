"""`Copier le tableau vérifié`: the checked table under the active cell, as HTML on
the clipboard, ready to paste into the Word report, and as a .docx written next to the
workbook (export API, issue 6). Without a clipboard (not Windows) the .docx is the
way out, and the message says where it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pointage.addin.macros import TITLE, check_book, unreadable_message
from pointage.addin.new_workbook import default_folder, free_path
from pointage.base.errors import os_reason
from pointage.base.files import write_atomically
from pointage.outputs.export.api import ExportRefused, export_table, table_at
from pointage.outputs.export.clipboard import ClipboardError, put_html_on_clipboard
from pointage.outputs.export.selection import ExportError
from pointage.outputs.export.targets import default_output

if TYPE_CHECKING:
    from xlwings import Book

FORCE_QUESTION = "\n\nCopier quand même ? Le tableau portera la mention « TABLEAU NON VÉRIFIÉ » en rouge."


def copier_tableau(
    book: Book,
    now: datetime | None = None,
    put: Callable[[str], None] = put_html_on_clipboard,
    folder: Path | None = None,
) -> str | None:
    """Copy the table under the selection and write its .docx; returns the HTML (None
    when nothing was exported)."""
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
    force = False
    try:
        html = export_table(ctx, report, sheet, number, "html", force, book.name, plan.sha256, now)
    except ExportRefused as refused:
        answer = book.app.alert(str(refused) + FORCE_QUESTION, TITLE, buttons="yes_no")
        if answer != "yes":
            return None
        force = True
        html = export_table(ctx, report, sheet, number, "html", force, book.name, plan.sha256, now)
    except ExportError as error:
        book.app.alert(f"Le tableau n'a pas pu être exporté : {error}", TITLE)
        return None
    docx = export_table(ctx, report, sheet, number, "docx", force, book.name, plan.sha256, now)
    path = free_path(
        folder or _book_folder(book), default_output(Path(book.name), sheet, "docx", number).name
    )
    target: Path | None = path
    try:
        write_atomically(path, docx)
    except OSError as error:
        target = None
        written = f" Le document Word n'a pas pu être écrit : {os_reason(error)}."
    else:
        written = f" Document Word écrit aussi : {target}."
    try:
        put(html.decode("utf-8"))
    except ClipboardError as error:
        where = f"Le tableau est dans {target} : ouvrez-le et copiez-le dans le rapport." if target else ""
        book.app.alert(f"Le tableau n'a pas pu être copié : {error}{(' ' + where) if where else ''}", TITLE)
        return html.decode("utf-8") if target else None
    book.app.alert(
        f"Tableau n° {number} de la feuille « {sheet} » copié : collez-le dans le rapport Word "
        f"(Ctrl+V).{written}",
        TITLE,
    )
    return html.decode("utf-8")


def _book_folder(book: Book) -> Path:
    """The workbook's folder when it is saved on disk, else the user's documents."""
    folder = Path(book.fullname).parent
    return folder if str(folder) not in ("", ".") and folder.is_dir() else default_folder()
