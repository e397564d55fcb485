"""The ribbon buttons through the dispatcher, on the remote engine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document

from addin_payload import Replay, book_of, payload_from_file, write_actions
from pointage.addin.copy_table import copier_tableau
from pointage.addin.dispatch import run
from pointage.addin.new_workbook import nouveau_classeur
from pointage.engine.check import check_path

EXAMPLE = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 11, 22, 10, 41)


def payload_selecting(sheet_index: int, cell: str) -> dict:
    payload = payload_from_file(EXAMPLE)
    payload["book"].update(active_sheet_index=sheet_index, selection=cell)
    return payload


def alerts(payload: dict, book) -> list[str]:
    return Replay(payload).apply(book.json()["actions"]).alerts


def test_verifier_button():
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    run("pointage_verifier", book)
    assert alerts(payload, book)[0].startswith("Vérification terminée : 2 erreurs, 3 avertissements")


def test_unknown_button():
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    run("pointage_autre", book)
    assert alerts(payload, book) == [
        "Bouton « pointage_autre » inconnu de cette version de Pointage : reconstruisez le "
        "complément (pointage addin construire)."
    ]


def test_an_internal_error_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    import pointage.addin.dispatch as dispatch

    def broken(book):
        raise KeyError("x")

    monkeypatch.setitem(dispatch.ACTIONS, "pointage_verifier", broken)
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    run("pointage_verifier", book)
    assert alerts(payload, book) == [
        "Pointage a rencontré une erreur interne. Les marques déjà posées se retirent avec "
        "« Effacer les marques ».\n\nTransmettez ce fichier à l'équipe Pointage : "
        f"{tmp_path / '.pointage' / 'pointage-erreur.log'}"
    ]
    detail = (tmp_path / ".pointage" / "pointage-erreur.log").read_text(encoding="utf-8")
    assert detail.startswith("Pointage, bouton pointage_verifier, ")
    assert detail.rstrip().endswith("KeyError: 'x'") and "Traceback (most recent call last)" in detail


def test_copier_copies_the_checked_budget_table(tmp_path):
    payload = payload_selecting(2, "C4")  # Rapport: warnings only
    book = book_of(payload)
    copied: list[str] = []
    html = copier_tableau(book, WHEN, copied.append, folder=tmp_path)
    assert copied == [html]
    assert "C02-446A05" in html and "1\u00a0641\u00a0097,73" in html
    docx = tmp_path / f"{Path(book.name).stem}-Rapport-tableau-1.docx"
    assert alerts(payload, book) == [
        "Tableau n° 1 de la feuille « Rapport » copié : collez-le dans le rapport Word (Ctrl+V). "
        f"Document Word écrit aussi : {docx}."
    ]
    rows = [[c.text for c in r.cells] for r in Document(docx).tables[0].rows]
    assert rows[1][:2] == ["C02-446A05", "6568//93446"]
    assert write_actions(book.json()["actions"]) == []
    # A second copy never overwrites the first document.
    copier_tableau(book_of(payload_selecting(2, "C4")), WHEN, copied.append, folder=tmp_path)
    assert docx.with_name(f"{docx.stem} (2).docx").exists()


def test_copier_refuses_a_table_with_errors_unless_confirmed():
    payload = payload_selecting(0, "E7")  # Annexe 1: two M001 erreurs
    book = book_of(payload)
    copied: list[str] = []
    # The remote engine's alert answers nothing: the refusal stands.
    assert copier_tableau(book, WHEN, copied.append) is None
    assert copied == []
    (message,) = alerts(payload, book)
    assert "M001" in message and "E7" in message and "E17" in message
    assert message.endswith(
        "Copier quand même ? Le tableau portera la mention « TABLEAU NON VÉRIFIÉ » en rouge."
    )


def test_copier_outside_a_table():
    payload = payload_selecting(0, "H60")
    book = book_of(payload)
    assert copier_tableau(book, WHEN, lambda html: None) is None
    assert alerts(payload, book) == [
        "La cellule active (Annexe 1!H60) n'est dans aucun tableau d'annexe reconnu : "
        "sélectionnez une cellule du tableau à copier."
    ]


def test_copier_without_a_windows_clipboard_writes_the_document_and_says_where(tmp_path):
    payload = payload_selecting(2, "C4")
    book = book_of(payload)
    assert copier_tableau(book, WHEN, folder=tmp_path) is not None
    docx = tmp_path / f"{Path(book.name).stem}-Rapport-tableau-1.docx"
    assert docx.exists()
    assert alerts(payload, book) == [
        "Le tableau n'a pas pu être copié : le presse-papiers n'est accessible que sous Windows : "
        "le fichier exporté peut être ouvert et copié à la main. Le tableau est dans "
        f"{docx} : ouvrez-le et copiez-le dans le rapport."
    ]


def test_nouveau_classeur_writes_a_template_that_pointage_recognises(tmp_path):
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    first = nouveau_classeur(book, tmp_path)
    second = nouveau_classeur(book, tmp_path)
    assert (first.name, second.name) == ("classeur-annexes.xlsx", "classeur-annexes (2).xlsx")
    assert not check_path(first).unreadable
    # The remote engine cannot open a file: the message says where it is.
    assert alerts(payload, book) == [
        f"Classeur d'annexes vierge écrit : {first}. Ouvrez-le pour le remplir.",
        f"Classeur d'annexes vierge écrit : {second}. Ouvrez-le pour le remplir.",
    ]


def test_a_button_pauses_the_cycle_collector_for_its_click_only(monkeypatch):
    import gc

    import pointage.addin.dispatch as dispatch

    seen: list[bool] = []
    monkeypatch.setitem(dispatch.ACTIONS, "pointage_verifier", lambda book: seen.append(gc.isenabled()))
    assert gc.isenabled()
    run("pointage_verifier", book_of(payload_from_file(EXAMPLE)))
    assert seen == [False]
    assert gc.isenabled()


def test_a_failing_click_gives_the_collector_back(monkeypatch):
    import gc

    import pointage.addin.dispatch as dispatch

    def broken(book):
        raise KeyError("x")

    monkeypatch.setitem(dispatch.ACTIONS, "pointage_verifier", broken)
    run("pointage_verifier", book_of(payload_from_file(EXAMPLE)))
    assert gc.isenabled()
