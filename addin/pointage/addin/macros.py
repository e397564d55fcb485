"""The ribbon's two main macros, on an xlwings Book (desktop RunPython or remote engine)."""

from __future__ import annotations

from datetime import datetime

from pointage.addin.controls_sheet import write_controls
from pointage.addin.journal import read_journal, write_journal
from pointage.addin.last_check import report_of
from pointage.addin.marking import apply_marks, remove_marks
from pointage.addin.read_book import fingerprint, read_book
from pointage.addin.sheets import delete_own_sheet, protected_sheets
from pointage.base.formatting import count
from pointage.base.own_sheets import CONTROLES_MARK, CONTROLES_SHEET, JOURNAL_MARK, JOURNAL_SHEET
from pointage.engine.check import check_snapshot_with_context
from pointage.outputs.marks import MarkPlan, build_plan
from pointage.report.findings import Severity
from pointage.report.model import FileReport

TITLE = "Pointage"


def check_book(book, now: datetime | None = None):
    """Read the book once and run the engine: (snapshot, ctx, report, plan)."""
    snapshot = read_book(book)
    ctx, report = check_snapshot_with_context(snapshot, None, book.name)
    return snapshot, ctx, report, build_plan(report, fingerprint(snapshot), now)


def verifier(book, now: datetime | None = None) -> MarkPlan | None:
    """Check the book, mark the cells, write `Contrôles` and the `_pointage` journal.
    A click after another pays for what changed: the check is the last one when the
    book reads back the same (pointage.addin.last_check), and only the marks that
    differ from the journal's are undone and made (pointage.addin.marking)."""
    previous = read_journal(book)
    snapshot = read_book(book)
    sha256 = fingerprint(snapshot)
    report = report_of(snapshot, book.name, sha256)
    if report.unreadable or report.nothing_recognised:
        if previous is not None:
            remove_marks(book, previous)
            delete_own_sheet(book, JOURNAL_MARK, JOURNAL_SHEET)
        delete_own_sheet(book, CONTROLES_MARK, CONTROLES_SHEET)
        book.app.alert(unreadable_message(report), TITLE)
        return None
    plan = build_plan(report, sha256, now)
    records: list = []
    protected: set[str] = set()
    try:
        apply_marks(book, plan, snapshot, records, previous, protected)
    finally:  # even when marking fails half-way: « Effacer » must find every mark made
        if records != previous:  # an unchanged journal is left as it is
            write_journal(book, records)
    title = write_controls(book, plan)
    message = summary_message(report, len(records), title)
    if protected:
        message += "\n\n" + protected_message(protected, title)
    book.app.alert(message, TITLE)
    return plan


def _sheet_list(names: set[str]) -> str:
    return ", ".join(f"« {name} »" for name in sorted(names))


def protected_message(names: set[str], controls: str = CONTROLES_SHEET) -> str:
    """What a click says of the protected sheets it did not mark."""
    if len(names) == 1:
        head = f"La feuille {_sheet_list(names)} est protégée : ses cellules ne sont pas marquées"
    else:
        head = f"Les feuilles {_sheet_list(names)} sont protégées : leurs cellules ne sont pas marquées"
    return (
        f"{head} ; les constats sont dans la feuille « {controls} ». Pour les marques, ôtez la "
        "protection (Révision > Ôter la protection de la feuille), puis cliquez de nouveau sur "
        "« Vérifier le classeur »."
    )


def unreadable_message(report: FileReport) -> str:
    if report.nothing_recognised:
        return "Pointage n'a trouvé aucun tableau à vérifier dans ce classeur : " + report.reason
    return "Pointage n'a pas pu vérifier ce classeur : " + report.reason


def summary_message(report: FileReport, marked: int, sheet: str = CONTROLES_SHEET) -> str:
    counts = {s.value: report.count(s) for s in Severity}
    if not any(counts.values()):
        if report.nothing_recomputed:
            return (
                "Vérification terminée : tableaux lus, mais sans total, identité ni barème à "
                "recalculer ; seules la forme des cellules et les lignes en double ont été vérifiées."
            )
        return "Vérification terminée : aucune anomalie."
    head = (
        f"Vérification terminée : {count(counts['erreur'], 'erreur')}, "
        f"{count(counts['avertissement'], 'avertissement')}, {count(counts['info'], 'info')}."
    )
    cells = count(marked, "cellule marquée", "cellules marquées")
    return f"{head}\n{cells} ; le détail est dans la feuille « {sheet} »."


def effacer_marques(book) -> int:
    """Remove exactly the recorded marks, and the `Contrôles` and `_pointage` sheets."""
    records = read_journal(book)
    locked = protected_sheets(book, {r.sheet for r in records or []})
    if locked:
        # Nothing is undone: the journal must outlive the marks it lists.
        book.app.alert(
            f"Marques non effacées : {_sheet_list(locked)} "
            f"{'est protégée' if len(locked) == 1 else 'sont protégées'}. Ôtez la protection "
            "(Révision > Ôter la protection de la feuille), puis cliquez de nouveau sur "
            "« Effacer les marques ».",
            TITLE,
        )
        return 0
    removed = remove_marks(book, records) if records else 0
    deleted = [
        usual
        for mark, usual in ((CONTROLES_MARK, CONTROLES_SHEET), (JOURNAL_MARK, JOURNAL_SHEET))
        if delete_own_sheet(book, mark, usual)
    ]
    if records is None and not deleted:
        book.app.alert("Ce classeur ne porte aucune marque de Pointage.", TITLE)
        return 0
    restored = count(removed, "cellule rétablie", "cellules rétablies")
    book.app.alert(f"Marques de Pointage effacées : {restored}.", TITLE)
    return removed
