"""Drives LibreOffice as a user of the Pointage extension would, for tests/test_calc.py.

Run by a Python that has UNO (Debian's python3-uno), not the test's: `calc_driver.py
PROFILE EXTENSION WORKBOOK=ACTION,ACTION...`. It starts a headless LibreOffice on the
new user profile PROFILE, installs the .oxt EXTENSION in it, opens each WORKBOOK in
turn, sends each ACTION (`verifier`, `effacer`) as the Pointage menu does, and prints
as JSON, for each workbook, before the first action and after each, what the document
shows (and the action's message): every sheet (name, visible), the values, fills and
notes of its cells, the named expressions; and the menus and toolbars the extensions
add. One LibreOffice for all: its start-up is most of the time.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from typing import Any

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.task import XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment, XProgressHandler

Uno = Any  # a UNO object: pyuno gives its objects no Python types
STARTUP_SECONDS = 40


class _Approve(unohelper.Base, XInteractionHandler):
    """Says yes to the extension manager's question, as the user clicks « OK »."""

    def handle(self, request: Uno) -> None:
        approve = uno.getTypeByName("com.sun.star.task.XInteractionApprove")
        for continuation in request.getContinuations():
            if continuation.queryInterface(approve) is not None:
                continuation.select()
                return


class _Silent(unohelper.Base, XProgressHandler):
    def push(self, status: Uno) -> None:
        pass

    def update(self, status: Uno) -> None:
        pass

    def pop(self) -> None:
        pass


class _Environment(unohelper.Base, XCommandEnvironment):
    def getInteractionHandler(self) -> Uno:
        return _Approve()

    def getProgressHandler(self) -> Uno:
        return _Silent()


def connect(pipe: str) -> Uno:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def state(doc: Uno) -> dict[str, object]:
    """Sheets in order, each with its values, fills and notes (by `row,col`), and the
    named expressions."""
    sheets = []
    for index in range(doc.Sheets.getCount()):
        sheet = doc.Sheets.getByIndex(index)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.getRangeAddress()
        fills = {}
        for row in range(end.EndRow + 1):
            for col in range(end.EndColumn + 1):
                cell = sheet.getCellByPosition(col, row)
                if not cell.IsCellBackgroundTransparent:
                    fills[f"{row},{col}"] = f"#{cell.CellBackColor & 0xFFFFFF:06X}"
        notes = {}
        annotations = sheet.getAnnotations()
        for n in range(annotations.getCount()):
            note = annotations.getByIndex(n)
            position = note.getPosition()
            notes[f"{position.Row},{position.Column}"] = note.getString()
        values = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
        sheets.append(
            {
                "name": sheet.Name,
                "visible": sheet.IsVisible,
                "values": [list(line) for line in values],
                "fills": fills,
                "notes": notes,
            }
        )
    names = {name: doc.NamedRanges.getByName(name).getContent() for name in doc.NamedRanges.getElementNames()}
    return {"sheets": sheets, "names": names}


def install(ctx: Uno, extension: str) -> None:
    """As Outils > Gestionnaire des extensions does (unopkg refuses to run as root)."""
    manager = ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
    manager.addExtension(
        uno.systemPathToFileUrl(extension), (), "user", manager.createAbortChannel(), _Environment()
    )


def menus(ctx: Uno) -> dict[str, list[list[str]]]:
    """What the installed extensions add to the menu bar and the toolbars, as LibreOffice
    reads its configuration: (title, command) of each item, by menu or toolbar."""
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    path = PropertyValue()
    path.Name, path.Value = "nodepath", "/org.openoffice.Office.Addons/AddonUI"
    access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", (path,))
    found: dict[str, list[list[str]]] = {}
    for name in access.getByName("OfficeMenuBar").getElementNames():
        menu = access.getByName("OfficeMenuBar").getByName(name)
        items = menu.getByName("Submenu")
        found[f"menu:{menu.getByName('Title')}"] = [
            [items.getByName(i).getByName("Title"), items.getByName(i).getByName("URL")]
            for i in items.getElementNames()
        ]
    for name in access.getByName("OfficeToolBar").getElementNames():
        items = access.getByName("OfficeToolBar").getByName(name)
        found[f"toolbar:{name}"] = [
            [items.getByName(i).getByName("Title"), items.getByName(i).getByName("URL")]
            for i in items.getElementNames()
        ]
    return found


def main() -> int:
    profile, extension, *jobs = sys.argv[1:]
    pipe = "pointage_" + uuid.uuid4().hex
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # soffice starts soffice.bin: both ended together below
    )
    try:
        ctx = connect(pipe)
        smgr = ctx.ServiceManager
        install(ctx, extension)
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # Hidden: LibreOffice without a display (the -nogui packages) aborts when it shows
        # a document; a hidden one still has its frame, which the menu's commands go to.
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        every = []
        for job in jobs:
            workbook, _, actions = job.rpartition("=")
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(workbook), "_blank", 0, (hidden,))
            frame = doc.getCurrentController().getFrame()
            states = [state(doc)]
            for action in actions.split(","):
                event = dispatcher.executeDispatch(frame, f"org.pointage.calc:{action}", "", 0, ())
                states.append({"message": event.Result, **state(doc)})
            every.append(states)
            doc.close(True)
        json.dump({"menus": menus(ctx), "workbooks": every}, sys.stdout, ensure_ascii=False)
        desktop.terminate()
    finally:
        with contextlib.suppress(subprocess.TimeoutExpired):
            office.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):  # soffice.bin, started by soffice
            os.killpg(office.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
