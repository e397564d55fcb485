"""What each ribbon button does: the VBA callback passes the button id to `run`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pointage.addin.macros import TITLE, effacer_marques, verifier
from pointage.base.collector import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from xlwings import Book


def _copier(book: Book) -> str | None:
    from pointage.addin.copy_table import copier_tableau

    return copier_tableau(book)


def _nouveau(book: Book) -> Path | None:
    from pointage.addin.new_workbook import nouveau_classeur

    return nouveau_classeur(book)


ACTIONS: dict[str, Callable[[Book], object]] = {
    "pointage_verifier": verifier,
    "pointage_effacer": effacer_marques,
    "pointage_copier": _copier,
    "pointage_nouveau": _nouveau,
}


def run(button_id: str, book: Book | None = None) -> None:
    """Called by RunPython from the ribbon; `book` defaults to the active workbook."""
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    action = ACTIONS.get(button_id)
    if action is None:
        book.app.alert(
            f"Bouton « {button_id} » inconnu de cette version de Pointage : "
            "reconstruisez le complément (pointage addin construire).",
            TITLE,
        )
        return
    try:
        with collector_paused():
            action(book)
    except Exception as error:  # never a Python traceback in front of the user
        # The sentence is French; what Python said follows it, apart, for the team.
        book.app.alert(
            "Pointage a rencontré une erreur interne. Les marques déjà posées se retirent avec "
            "« Effacer les marques ».\n\nDétail technique, à transmettre à l'équipe Pointage : "
            f"{type(error).__name__}: {error}",
            TITLE,
            mode="critical",
        )
