"""Pointage in LibreOffice Calc: the extension's one UNO component.

It runs in LibreOffice's own Python (3.8 on some installations: no syntax newer than
that, the standard library and UNO only) and cannot import Pointage. « Vérifier »
saves the document, runs `pointage addin calc-marques` on it (the command whose path
the build wrote into `pointage_calc_base/settings.py`) and writes what it answers:
the fills and notes of the marks, the `_pointage` journal, the `Contrôles` sheet. It
decides nothing itself. « Effacer les marques » restores what the journal recorded.

The journal and the sheet marks are the Excel add-in's (pointage.addin.journal,
pointage.base.own_sheets, copied here at build time): a workbook marked in Calc is
unmarked in Excel, and the other way round.

A dispatch handler (protocol `org.pointage.calc:`) rather than script URLs: the menu
keeps working whatever name the user gives the .oxt file.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import traceback
from typing import Any

import uno
import unohelper
from com.sun.star.frame import XDispatchProvider, XNotifyingDispatch
from com.sun.star.lang import XInitialization, XServiceInfo
from pointage_calc_base import settings
from pointage_calc_base.addresses import a1, parse_a1, sheet_key
from pointage_calc_base.own_sheets import (
    CONTROLES_MARK,
    JOURNAL_MARK,
    JOURNAL_SHEET,
    free_name,
    looks_like_own_sheet,
    mark_value,
    marked_sheet,
)

Uno = Any  # a UNO object: pyuno gives its objects no Python types
SUCCESS = 1  # com.sun.star.frame.DispatchResultState.SUCCESS
IMPLEMENTATION = "org.pointage.calc.Handler"
PROTOCOL = "org.pointage.calc:"
TITLE = "Pointage"
NO_COLOUR = -1  # CellBackColor of a cell without fill
BOLD = 150.0  # com.sun.star.awt.FontWeight.BOLD
HUNDREDTHS_MM_PER_POINT = 2540 / 72
LOG_FILE = os.path.join(tempfile.gettempdir(), "pointage-calc.log")


class Refused(Exception):
    """A French sentence for the user: the click stops there."""


# ---------------------------------------------------------------- the sheets


def sheet_called(doc: Uno, name: str) -> Uno:
    """The sheet called `name` as Excel and Calc compare names (no case), or None."""
    wanted = sheet_key(name)
    sheets = doc.Sheets
    for present in sheets.getElementNames():
        if sheet_key(present) == wanted:
            return sheets.getByName(present)
    return None


def own_sheet(doc: Uno, mark: str, usual_name: str) -> Uno:
    """Pointage's sheet that the named expression `mark` names, or a sheet of the usual
    name holding Pointage's headers (written before the marks); never a user's sheet."""
    names = doc.NamedRanges
    if names.hasByName(mark):
        sheet = sheet_called(doc, marked_sheet(names.getByName(mark).getContent()) or "")
        if sheet is not None:
            return sheet
    sheet = sheet_called(doc, usual_name)
    if sheet is not None and looks_like_own_sheet(_values(sheet, 12, 7)):
        return sheet
    return None


def add_own_sheet(doc: Uno, mark: str, name: str, position: int) -> Uno:
    title = free_name(name, doc.Sheets.getElementNames())
    doc.Sheets.insertNewByName(title, position)
    names = doc.NamedRanges
    if names.hasByName(mark):
        names.removeByName(mark)
    origin = uno.createUnoStruct("com.sun.star.table.CellAddress")
    names.addNewByName(mark, mark_value(title), origin, 0)
    return doc.Sheets.getByName(title)


def delete_own_sheet(doc: Uno, mark: str, usual_name: str) -> bool:
    sheet = own_sheet(doc, mark, usual_name)
    if doc.NamedRanges.hasByName(mark):
        doc.NamedRanges.removeByName(mark)
    if sheet is None:
        return False
    doc.Sheets.removeByName(sheet.Name)
    return True


def _values(sheet: Uno, rows: int, columns: int) -> list[list[object]]:
    """The first `rows` x `columns` cells' values ("" for an empty cell)."""
    return [list(line) for line in sheet.getCellRangeByPosition(0, 0, columns - 1, rows - 1).getDataArray()]


def _last_row(sheet: Uno) -> int:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow


# ---------------------------------------------------------------- fills and notes


def fill_of(cell: Uno) -> str:
    """`#RRGGBB`, or the journal's word for no fill."""
    colour = cell.CellBackColor
    if cell.IsCellBackgroundTransparent or colour < 0:
        return settings.NO_FILL
    return f"#{colour & 0xFFFFFF:06X}"


def set_fill(cell: Uno, fill: str | None) -> None:
    if fill is None:
        cell.CellBackColor = NO_COLOUR
        cell.IsCellBackgroundTransparent = True
    else:
        cell.CellBackColor = int(fill[1:], 16)


def notes_of(sheet: Uno) -> dict[tuple[int, int], int]:
    """Where the sheet's notes are: (row, column) -> index among the sheet's notes. Read
    once per sheet, not once per cell: a sheet of a thousand notes would otherwise be
    read a thousand times."""
    notes = sheet.getAnnotations()
    found = {}
    for index in range(notes.getCount()):
        position = notes.getByIndex(index).getPosition()
        found[(position.Row, position.Column)] = index
    return found


def write_note(sheet: Uno, row: int, col: int, text: str, noted: bool) -> tuple[str, str]:
    """Add the note, or append it to the cell's note (`noted`: the cell has one); (what
    was done, note before)."""
    if not text:
        return settings.NOTE_UNTOUCHED, ""
    cell = sheet.getCellByPosition(col, row)
    if not noted:
        sheet.getAnnotations().insertNew(cell.getCellAddress(), text)
        return settings.NOTE_ADDED, ""
    before = cell.getAnnotation().getString()
    cell.getAnnotation().setString(before.rstrip() + "\n\n" + text if before.strip() else text)
    return settings.NOTE_EXTENDED, before


def restore_notes(sheet: Uno, notes: list[tuple[int, int, str, str]]) -> None:
    """Each (row, column, what was done, note before): the note added removed, the
    note extended given its text back."""
    where = notes_of(sheet)
    added = []
    for row, col, done, before in notes:
        index = where.get((row, col))
        if index is None:
            continue
        if done == settings.NOTE_ADDED:
            added.append(index)
        elif done == settings.NOTE_EXTENDED:
            sheet.getCellByPosition(col, row).getAnnotation().setString(before)
    for index in sorted(added, reverse=True):  # the indices after it move down
        sheet.getAnnotations().removeByIndex(index)


# ---------------------------------------------------------------- the journal


def read_journal(doc: Uno) -> list[list[str]] | None:
    """The recorded marks (one list of the journal's columns each), or None."""
    sheet = own_sheet(doc, JOURNAL_MARK, JOURNAL_SHEET)
    if sheet is None:
        return None
    width = len(settings.JOURNAL_HEADERS)
    lines = _values(sheet, _last_row(sheet) + 1, width)
    records = []
    for line in lines[1:]:
        cells = ["" if v is None else str(v) for v in line] + [""] * width
        if cells[0] and cells[1]:
            records.append([cells[0], cells[1], cells[2] or settings.UNKNOWN_FILL, *cells[3:width]])
    return records


def write_journal(doc: Uno, records: list[list[str]]) -> None:
    delete_own_sheet(doc, JOURNAL_MARK, JOURNAL_SHEET)
    sheet = add_own_sheet(doc, JOURNAL_MARK, JOURNAL_SHEET, doc.Sheets.getCount())
    lines = [list(settings.JOURNAL_HEADERS), *records]
    width = len(settings.JOURNAL_HEADERS)
    target = sheet.getCellRangeByPosition(0, 0, width - 1, len(lines) - 1)
    target.setDataArray(tuple(tuple(line) for line in lines))
    sheet.IsVisible = False


def remove_marks(doc: Uno, records: list[list[str]]) -> int:
    """Restore what the journal recorded; the number of cells restored."""
    by_sheet: dict[str, list[list[str]]] = {}
    for record in records:
        by_sheet.setdefault(record[0], []).append(record)
    restored = 0
    for sheet_name, sheet_records in by_sheet.items():
        sheet = sheet_called(doc, sheet_name)
        if sheet is None:
            continue
        notes = []
        for _, cell, fill_before, note, note_before, *_ in sheet_records:
            row, col = parse_a1(cell)
            set_fill(sheet.getCellByPosition(col, row), fill_before if fill_before.startswith("#") else None)
            notes.append((row, col, note, note_before))
        restore_notes(sheet, notes)
        restored += len(sheet_records)
    return restored


def remove_everything(doc: Uno) -> tuple[list[list[str]] | None, int, bool]:
    """The marks undone, `Contrôles` and the journal deleted: (records, cells restored,
    a sheet deleted)."""
    records = read_journal(doc)
    restored = remove_marks(doc, records) if records else 0
    deleted = [delete_own_sheet(doc, mark, name) for mark, name in settings.OWN_SHEETS]
    return records, restored, any(deleted)


def apply_marks(doc: Uno, marks: list[dict], records: list[list[str]]) -> None:
    """Fill and annotate each cell, recording it first (Pointage left out the marks of
    the protected sheets)."""
    noted: dict[str, dict[tuple[int, int], int]] = {}
    for mark in marks:
        sheet = sheet_called(doc, mark["sheet"])
        if sheet is None:
            continue
        if sheet.Name not in noted:
            noted[sheet.Name] = notes_of(sheet)
        row, col = mark["row"], mark["col"]
        cell = sheet.getCellByPosition(col, row)
        record = [
            sheet.Name,
            a1(row, col),
            fill_of(cell),
            settings.NOTE_UNTOUCHED,
            "",
            mark["fill"],
            mark["note"],
        ]
        records.append(record)
        set_fill(cell, mark["fill"])
        has_note = (row, col) in noted[sheet.Name]
        record[3], record[4] = write_note(sheet, row, col, mark["note"], has_note)


# ---------------------------------------------------------------- Contrôles


def write_controls(doc: Uno, controls: dict) -> str:
    sheet = add_own_sheet(doc, CONTROLES_MARK, controls["name"], 0)
    rows = controls["rows"]
    width = max(len(row) for row in rows)
    values = tuple(tuple("" if v is None else v for v in row) + ("",) * (width - len(row)) for row in rows)
    sheet.getCellRangeByPosition(0, 0, width - 1, len(values) - 1).setDataArray(values)
    for link in controls["links"]:
        place, _, cell = link["target"].rpartition("!")  # `'Annexe 1'!E7`: Calc writes `'Annexe 1'.E7`
        formula = f'=HYPERLINK("#{_quoted(place + "." + cell)}";"{_quoted(link["text"])}")'
        sheet.getCellByPosition(link["col"], link["row"]).setFormula(formula)
    for row, col, fill in controls["fills"]:
        set_fill(sheet.getCellByPosition(col, row), fill)
    for row, columns in controls["bold"]:
        sheet.getCellRangeByPosition(0, row, columns - 1, row).CharWeight = BOLD
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale", "en", "US", "")
    for row, col, code in controls["formats"]:
        key = formats.queryKey(code, locale, False)
        if key < 0:
            key = formats.addNew(code, locale)
        sheet.getCellByPosition(col, row).NumberFormat = key
    columns = sheet.getColumns()
    for col, chars in enumerate(controls["widths"]):
        columns.getByIndex(col).Width = round(chars * settings.POINTS_PER_CHAR * HUNDREDTHS_MM_PER_POINT)
    first, last, wrapped_width = controls["wrapped"]
    sheet.getCellRangeByPosition(0, first, wrapped_width - 1, last).IsTextWrapped = True
    return sheet.Name


def _quoted(text: str) -> str:
    return text.replace('"', '""')


# ---------------------------------------------------------------- the two buttons


def pointage_command() -> str:
    """The `pointage` command the extension was built for, or Refused."""
    command = settings.POINTAGE
    if not os.path.isfile(command):
        raise Refused(
            f"Pointage est introuvable sur ce poste : {command} n'existe pas. Installez Pointage, puis "
            "reconstruisez l'extension (pointage addin calc) et installez-la à nouveau."
        )
    return command


def check_with_pointage(path: str, protected: list[str]) -> dict:
    """Pointage's answer on the saved workbook, or Refused with what to do."""
    command = pointage_command()
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing on Windows
    try:
        done = subprocess.run(
            [command, "addin", "calc-marques", path, *(f"--protegee={name}" for name in protected)],
            capture_output=True,
            timeout=settings.TIMEOUT_SECONDS,
            creationflags=flags,
            # Its French messages in UTF-8 whatever the code page of Windows.
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        )
    except subprocess.TimeoutExpired:
        raise Refused(
            f"Pointage n'a pas fini en {settings.TIMEOUT_SECONDS} secondes ; le classeur n'est pas "
            "marqué. Vérifiez-le en ligne de commande (pointage verifier) pour voir ce qui le ralentit."
        ) from None
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise Refused("Pointage n'a pas pu vérifier ce classeur : " + (said or f"code {done.returncode}"))
    try:
        answer = json.loads(done.stdout.decode("ascii"))
    except ValueError:
        raise Refused(
            "La réponse de Pointage est illisible : l'extension et Pointage ne vont pas "
            "ensemble. Reconstruisez l'extension (pointage addin calc) et installez-la à nouveau."
        ) from None
    if answer.get("version") != settings.PAYLOAD_VERSION:
        raise Refused(
            "Cette extension ne correspond pas à la version de Pointage installée : reconstruisez-la "
            "(pointage addin calc) et installez-la à nouveau."
        )
    return answer


def document_path(doc: Uno) -> str:
    if not doc.hasLocation():
        raise Refused(
            "Enregistrez d'abord ce classeur (Fichier > Enregistrer sous…), puis cliquez à nouveau sur « Vérifier »."
        )
    if doc.isReadonly():
        raise Refused(
            "Ce classeur est ouvert en lecture seule : Pointage doit l'enregistrer avant de le "
            "vérifier. Enregistrez-en une copie (Fichier > Enregistrer sous…) et vérifiez-la."
        )
    return uno.fileUrlToSystemPath(doc.getURL())


def verifier(doc: Uno) -> str:
    """« Vérifier »: the message for the user."""
    path = document_path(doc)
    pointage_command()  # before anything is changed
    # The marks of the last click are undone first: the file saved, and read by
    # Pointage, is the user's own, and the new marks start from it.
    remove_everything(doc)
    try:
        doc.store()
    except Exception as exc:
        reason = getattr(exc, "Message", exc)
        raise Refused(
            f"Le classeur n'a pas pu être enregistré ({reason}) : enregistrez-le vous-même, puis "
            "cliquez à nouveau sur « Vérifier »."
        ) from None
    # Calc refuses to change the cells of a protected sheet: Pointage leaves them out.
    sheets = doc.Sheets
    protected = [name for name in sheets.getElementNames() if sheets.getByName(name).isProtected()]
    answer = check_with_pointage(path, protected)
    if answer["status"] != settings.CHECKED:
        return answer["message"]
    records: list[list[str]] = []
    try:
        apply_marks(doc, answer["marks"], records)
    finally:  # even when marking fails half-way: « Effacer » must find every mark made
        if records:
            write_journal(doc, records)
    write_controls(doc, answer["controls"])
    return answer["message"]


def effacer(doc: Uno) -> str:
    """« Effacer les marques »: the message for the user."""
    records, restored, deleted = remove_everything(doc)
    if records is None and not deleted:
        return "Ce classeur ne porte aucune marque de Pointage."
    word = settings.RESTORED[0 if restored < 2 else 1]
    return f"Marques de Pointage effacées : {_grouped(restored)} {word}."


def _grouped(number: int) -> str:
    """`1 200`: thousands apart, as Pointage writes counts (pointage.base.formatting)."""
    return f"{number:,}".replace(",", settings.THOUSANDS)


ACTIONS = {"verifier": verifier, "effacer": effacer}


def run(doc: Uno, action: str) -> str:
    """The action on the document: its message, never a traceback (the detail goes to
    the log file, whose path the message gives)."""
    if doc is None or not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
        return "Pointage vérifie un classeur : ouvrez-le dans Calc, puis cliquez à nouveau."
    try:
        return ACTIONS[action](doc)
    except Refused as refused:
        return str(refused)
    except Exception:
        with open(LOG_FILE, "a", encoding="utf-8") as log:
            log.write(traceback.format_exc() + "\n")
        return (
            "Erreur inattendue de l'extension Pointage : le classeur n'a peut-être pas été "
            f"entièrement marqué. Envoyez le fichier {LOG_FILE} à l'équipe Pointage."
        )


def show(frame: Uno, message: str) -> None:
    """The message in a box over the document's window. A hidden document (opened by a
    script, or LibreOffice without a display) has nobody to read a box, which would
    wait for a click for ever: the message is then only the dispatch's result."""
    if frame is None or not frame.getContainerWindow().isVisible():
        return
    ctx = uno.getComponentContext()
    toolkit = ctx.getServiceManager().createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    from com.sun.star.awt.MessageBoxType import INFOBOX

    box = toolkit.createMessageBox(frame.getContainerWindow(), INFOBOX, 1, TITLE, message)
    box.execute()
    box.dispose()


class Handler(unohelper.Base, XDispatchProvider, XNotifyingDispatch, XInitialization, XServiceInfo):
    """Answers the menu's and toolbar's `org.pointage.calc:verifier` and `…:effacer`;
    a caller that asks to be notified (DispatchHelper) gets the message as the result."""

    def __init__(self, ctx: Uno) -> None:
        self.ctx = ctx
        self.frame = None

    def initialize(self, arguments: Uno) -> None:
        if arguments:
            self.frame = arguments[0]

    def queryDispatch(self, url: Uno, target: str, flags: int) -> Uno:
        return self if url.Protocol == PROTOCOL and url.Path in ACTIONS else None

    def queryDispatches(self, requests: Uno) -> tuple:
        return tuple(self.queryDispatch(r.FeatureURL, r.FrameName, r.SearchFlags) for r in requests)

    def dispatch(self, url: Uno, arguments: Uno) -> None:
        self.dispatchWithNotification(url, arguments, None)

    def dispatchWithNotification(self, url: Uno, arguments: Uno, listener: Uno) -> None:
        doc = self.frame.getController().getModel() if self.frame is not None else None
        message = run(doc, url.Path)
        show(self.frame, message)
        if listener is not None:
            result = uno.createUnoStruct("com.sun.star.frame.DispatchResultEvent")
            result.Source, result.State, result.Result = self, SUCCESS, message
            listener.dispatchFinished(result)

    def addStatusListener(self, listener: Uno, url: Uno) -> None:
        pass

    def removeStatusListener(self, listener: Uno, url: Uno) -> None:
        pass

    def getImplementationName(self) -> str:
        return IMPLEMENTATION

    def supportsService(self, name: str) -> bool:
        return name == "com.sun.star.frame.ProtocolHandler"

    def getSupportedServiceNames(self) -> tuple:
        return ("com.sun.star.frame.ProtocolHandler",)


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Handler, IMPLEMENTATION, ("com.sun.star.frame.ProtocolHandler",))
