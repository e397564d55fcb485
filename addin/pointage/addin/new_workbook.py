"""`Nouveau classeur d'annexes`: write the blank annex workbook and open it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pointage.addin.macros import TITLE
from pointage.base.errors import os_reason
from pointage.outputs.template import TEMPLATE_NAME, write_template

if TYPE_CHECKING:
    from xlwings import Book


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def free_path(folder: Path, name: str = TEMPLATE_NAME) -> Path:
    """`classeur-annexes.xlsx`, else `classeur-annexes (2).xlsx`, ...: never overwrite."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return path


def nouveau_classeur(book: Book, folder: Path | None = None) -> Path | None:
    path = free_path(folder or default_folder())
    try:
        write_template(path)
    except OSError as error:
        book.app.alert(
            f"Le classeur d'annexes n'a pas pu être écrit dans « {path.parent} » : {os_reason(error)}.", TITLE
        )
        return None
    try:
        book.app.books.open(str(path))
    except Exception:  # the remote engine cannot open a file: say where it is
        book.app.alert(f"Classeur d'annexes vierge écrit : {path}. Ouvrez-le pour le remplir.", TITLE)
    return path
