"""What each ribbon button does: the VBA callback passes the button id to `run`."""

from __future__ import annotations

import traceback
from datetime import datetime

from pointage.addin.macros import TITLE, effacer_marques, verifier
from pointage.base.collector import collector_paused
from pointage.base.errors import os_reason


def _copier(book):
    from pointage.addin.copy_table import copier_tableau

    return copier_tableau(book)


def _nouveau(book):
    from pointage.addin.new_workbook import nouveau_classeur

    return nouveau_classeur(book)


ACTIONS = {
    "pointage_verifier": verifier,
    "pointage_effacer": effacer_marques,
    "pointage_copier": _copier,
    "pointage_nouveau": _nouveau,
}


def run(button_id: str, book=None) -> None:
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
    except Exception:  # never a Python traceback in front of the user
        # The sentence is French; what Python said goes to the log file it names.
        from pointage.addin.error_log import write_detail

        detail = f"Pointage, bouton {button_id}, {datetime.now():%Y-%m-%d %H:%M:%S}\n{traceback.format_exc()}"
        try:
            where = f"Transmettez ce fichier à l'équipe Pointage : {write_detail(detail)}"
        except OSError as error:
            where = (
                f"Le détail n'a pas pu être écrit ({os_reason(error)}) : lancez « pointage addin verifier »."
            )
        book.app.alert(
            "Pointage a rencontré une erreur interne. Les marques déjà posées se retirent avec "
            f"« Effacer les marques ».\n\n{where}",
            TITLE,
            mode="critical",
        )
