"""A click on each Pointage button, from the ribbon to the command that starts Python,
through the add-in's real VBA (the ribbon module and xlwings' own module, as the
installer copies them) run by pyOpenVBA's Excel (`tests/xlwings_vba.py`).

The interpreter in that command must be the one `pointage addin installer` wrote in
the user's config file. It used not to be: the add-in's config sheet held empty
`Interpreter_Win` / `Interpreter_Mac` keys, xlwings' GetConfig stopped there, and every
click ran `python` from PATH."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest
import xlwings

from pointage.addin.build import build_addin
from pointage.addin.install import install, places
from pointage.addin.ribbon import BUTTONS
from xlwings_vba import (
    MACOS,
    WINDOWS,
    WINDOWS_HOME,
    Machine,
    excel_with_addin,
    vba_reads_true_and_false_as_numbers,
)

WORKBOOK = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
DISPATCH = "from pointage.addin.dispatch import run; run('{}')"


@pytest.fixture(scope="module")
def addin() -> bytes:
    return build_addin()


def installed(system: str, home: Path, addin: bytes) -> tuple[Machine, str, Path]:
    """A machine where `pointage addin installer` ran from a venv: the machine, the
    interpreter as the VBA sees it, and the add-in the installer copied."""
    machine = Machine(system, home)
    if system == WINDOWS:
        venv = home / "venv"
        (venv / "Scripts").mkdir(parents=True)
        for name in ("python.exe", "pythonw.exe", f"xlwings64-{xlwings.__version__}.dll"):
            (venv / ("" if name.endswith(".dll") else "Scripts") / name).touch()
        machine.environ = {"USERPROFILE": WINDOWS_HOME, "TEMP": WINDOWS_HOME + "\\AppData\\Local\\Temp"}
        executable = PureWindowsPath(machine.shown(venv / "Scripts" / "python.exe"))
        install(system, home, executable, {}, addin, exists=lambda p: machine.seen(str(p)).exists())
        interpreter = machine.shown(venv / "Scripts" / "pythonw.exe")
    else:
        container = home / "Library" / "Containers" / "com.microsoft.Excel" / "Data"
        machine.environ = {"HOME": str(container)}
        executable = home / "venv" / "bin" / "python"
        install(system, home, executable, {}, addin)
        interpreter = str(executable)
    return machine, interpreter, places(system, home, {}).startup / "pointage.xlam"


@pytest.fixture
def vba():
    with vba_reads_true_and_false_as_numbers():
        yield


def windows_command(interpreter: str, app) -> str:
    """The command xlwings' DLL runs to start the Python server (XLPyCommand)."""
    # No active workbook in it (the add-in's edit of XLPyCommand): one server per session.
    path = f"False;;{app.application.vba_get('ThisWorkbook').vba_get('FullName')};;;;"
    return (
        f'cmd.exe  /K ""{interpreter}" -B -c "import sys, os;import xlwings.utils;'
        f'xlwings.utils.prepare_sys_path(\\"{path}\\");import xlwings; xlwings.serve(\'$(CLSID)\')""'
    )


@pytest.mark.parametrize("button", [b.id for b in BUTTONS])
def test_on_windows_every_button_starts_the_installed_python(tmp_path, addin, vba, button):
    machine, interpreter, copied = installed(WINDOWS, tmp_path, addin)
    app = excel_with_addin(copied, WORKBOOK, machine)
    app.run("ClickButton", button)
    assert app.dialogs == [] and machine.popups == []
    # `Use UDF Server` (the add-in's sheet): the command goes to the Python that the DLL
    # starts once per Excel session, and every call to it names the installed Python.
    assert machine.executed == [DISPATCH.format(button)]
    assert machine.started and set(machine.started) == {windows_command(interpreter, app)}
    # The DLL of the installed xlwings, where pip puts it in a venv.
    assert set(machine.loaded) == {f"{WINDOWS_HOME}\\venv\\xlwings64-{xlwings.__version__}.dll"}


@pytest.mark.parametrize("button", [b.id for b in BUTTONS])
def test_on_macos_every_button_hands_the_installed_python_to_the_applescript(tmp_path, addin, vba, button):
    machine, interpreter, copied = installed(MACOS, tmp_path, addin)
    app = excel_with_addin(copied, WORKBOOK, machine)
    app.run("ClickButton", button)
    assert app.dialogs == []
    [call] = machine.started
    script, handler, parameters = call.split("|", 2)
    assert (script, handler) == (f"xlwings-{xlwings.__version__}.applescript", "VbaHandler")
    path, python, command, book, _excel, log = parameters.split("|")
    assert (python, command, book) == (interpreter, DISPATCH.format(button), WORKBOOK.name)
    assert path == f"False;{WORKBOOK};{copied};;;;;"
    assert log == machine.environ["HOME"] + "/xlwings.log"


def test_an_empty_interpreter_key_in_the_addin_sheet_would_hide_the_user_file(tmp_path, addin, vba):
    """What the add-in used to ship, played on today's: GetConfig stops at the add-in's
    sheet, whatever the user's file says; the click says so before asking for Python
    (it used to run `pythonw` from PATH)."""
    machine, _interpreter, copied = installed(WINDOWS, tmp_path, addin)
    app = excel_with_addin(copied, WORKBOOK, machine)
    sheet = app.sheet("pointage.conf", workbook=app.workbooks()[0])
    free = len([row for row in sheet.rows() if row and row[0]]) + 1
    sheet.set_value(f"A{free}", "Interpreter_Win")
    app.run("ClickButton", "pointage_verifier")
    assert machine.started == [] and machine.executed == []
    assert app.dialogs == [
        (
            "MsgBox",
            "Le complément Pointage n'est pas installé pour ce compte : aucun Python n'est indiqué "
            f"dans {WINDOWS_HOME}\\.pointage\\pointage.conf.\nFermez Excel, lancez « pointage addin "
            "installer » (invite de commandes ou Terminal), puis rouvrez Excel.",
            "Pointage",
            48,  # vbExclamation
        )
    ]
