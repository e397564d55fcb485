"""A click on the machines budget officers have, played by the VBA harness
(`tests/xlwings_vba.py`), whose DLL loader and AppleScriptTask fail as the real ones do
when their file is missing: a Mac, Python installed for all users under Program Files,
two workbooks in one Excel session, a workbook opened from SharePoint. Each test is a
click that used to fail there, and fails again if the installer or add-in step that
fixes it is taken out."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

import pytest
import xlwings
from pyopenvba import ExcelFile
from pyopenvba.interpreter._preprocess import strip_directives

from pointage.addin.build import UDF_VBA_MODULE, build_addin, udf_wrapper_source
from pointage.addin.install import applescript_place, install, places
from test_addin_install import _run
from test_addin_runpython import DISPATCH, WORKBOOK, installed
from xlwings_vba import (
    CONSTANTS,
    MACOS,
    WINDOWS,
    WINDOWS_HOME,
    Machine,
    excel_with_addin,
    opened_from,
    vba_reads_true_and_false_as_numbers,
)

OTHER = WORKBOOK.parent / "cp-2022-11-21-inclusion-phase-3.xlsx"
SHAREPOINT = "https://cd62.sharepoint.com/sites/Budget/Documents partages/Commission/cp-2024-09-16.xlsx"
DLL = f"xlwings64-{xlwings.__version__}.dll"


def warning(text: str) -> list[tuple[str, str, str, int]]:
    """The add-in's one message box: the text, titled Pointage, vbExclamation."""
    return [("MsgBox", text, "Pointage", 48)]


def refused_click(app, machine: Machine) -> list[tuple]:
    """A click on « Vérifier » that must start no Python: the dialogs it shows."""
    app.run("ClickButton", "pointage_verifier")
    assert machine.started == [] and machine.popups == []
    return app.dialogs


@pytest.fixture(scope="module")
def addins() -> dict[str, bytes]:
    return {WINDOWS: build_addin(), MACOS: build_addin(functions=False)}


@pytest.fixture(autouse=True)
def vba():
    with vba_reads_true_and_false_as_numbers():
        yield


def test_on_a_mac_the_installer_puts_the_applescript_where_excel_runs_it(tmp_path, addins):
    machine, _interpreter, copied = installed(MACOS, tmp_path, addins[MACOS])
    folder = tmp_path / "Library" / "Application Scripts" / "com.microsoft.Excel"
    script = folder / f"xlwings-{xlwings.__version__}.applescript"
    assert applescript_place(tmp_path) == script
    assert script.read_bytes() == (Path(xlwings.__file__).parent / script.name).read_bytes()
    app = excel_with_addin(copied, WORKBOOK, machine)
    app.run("ClickButton", "pointage_verifier")
    assert app.dialogs == []
    assert [call.split("|")[:2] for call in machine.started] == [[script.name, "VbaHandler"]]


def test_a_mac_without_the_applescript_says_in_french_what_to_do(tmp_path, addins):
    machine, _interpreter, copied = installed(MACOS, tmp_path, addins[MACOS])
    applescript_place(tmp_path).unlink()
    assert refused_click(excel_with_addin(copied, WORKBOOK, machine), machine) == warning(
        f"Excel ne trouve pas le script xlwings-{xlwings.__version__}.applescript dans le dossier "
        "~/Bibliothèque/Application Scripts/com.microsoft.Excel/.\nFermez Excel, lancez « pointage "
        "addin installer » dans le Terminal, puis rouvrez Excel."
    )


def test_the_mac_addin_offers_no_function_it_cannot_run(tmp_path, addins):
    _machine, _interpreter, copied = installed(MACOS, tmp_path, addins[MACOS])
    with ExcelFile(str(copied)) as book:
        names = book.module_names()
    assert UDF_VBA_MODULE not in names and "RibbonPointage" in names


def program_files(home: Path, addin: bytes, dll_in_user_base: bool = True) -> tuple[Machine, object]:
    """Python for all users under Program Files; pip, unable to write there, put xlwings
    and its DLL in the user's folder (%APPDATA%\\Python)."""
    machine = Machine(WINDOWS, home)
    python_dir = home / "C:" / "Program Files" / "Python311"
    python_dir.mkdir(parents=True)
    for name in ("python.exe", "pythonw.exe"):
        (python_dir / name).touch()
    user_base = home / "AppData" / "Roaming" / "Python"
    user_base.mkdir(parents=True)
    if dll_in_user_base:
        (user_base / DLL).touch()
    machine.environ = {
        "USERPROFILE": WINDOWS_HOME,
        "TEMP": WINDOWS_HOME + "\\AppData\\Local\\Temp",
        "APPDATA": WINDOWS_HOME + "\\AppData\\Roaming",
    }
    executable = PureWindowsPath("C:\\Program Files\\Python311\\python.exe")
    done = install(
        WINDOWS,
        home,
        executable,
        machine.environ,
        addin,
        exists=lambda p: (found := machine.seen(str(p))) is not None and found.exists(),
        where=places(WINDOWS, home, {}),
    )
    return machine, done


def test_a_program_files_python_loads_the_dll_from_pips_user_folder(tmp_path, addins):
    machine, done = program_files(tmp_path, addins[WINDOWS])
    assert done.complete
    assert f"  bibliothèque de xlwings : {WINDOWS_HOME}\\AppData\\Roaming\\Python" in done.lines
    app = excel_with_addin(places(WINDOWS, tmp_path, {}).startup / "pointage.xlam", WORKBOOK, machine)
    app.run("ClickButton", "pointage_verifier")
    assert app.dialogs == [] and machine.popups == []
    assert set(machine.loaded) == {f"{WINDOWS_HOME}\\AppData\\Roaming\\Python\\{DLL}"}
    assert machine.executed == [DISPATCH.format("pointage_verifier")]


def test_without_the_dll_the_installer_and_the_click_say_what_to_do(tmp_path, addins):
    machine, done = program_files(tmp_path, addins[WINDOWS], dll_in_user_base=False)
    assert not done.complete
    assert done.lines[3] == (
        f"ATTENTION : la bibliothèque {DLL} de xlwings est introuvable (C:\\Program Files\\Python311, "
        f"C:\\Program Files, {WINDOWS_HOME}\\AppData\\Roaming\\Python) :"
    )
    app = excel_with_addin(places(WINDOWS, tmp_path, {}).startup / "pointage.xlam", WORKBOOK, machine)
    assert refused_click(app, machine) == warning(
        f"Pointage ne trouve pas la bibliothèque {DLL} de xlwings à côté de Python "
        "(C:\\Program Files\\Python311).\nFermez Excel, lancez « pointage addin verifier » : il dit "
        "où la mettre ; puis « pointage addin installer »."
    )


def test_two_workbooks_share_one_python_server(tmp_path, addins):
    machine, _interpreter, copied = installed(WINDOWS, tmp_path, addins[WINDOWS])
    app = excel_with_addin(copied, WORKBOOK, machine)
    first = app.workbooks()[-1]
    app.run("ClickButton", "pointage_verifier")
    app.activate_workbook(app.open_workbook(OTHER))
    app.run("ClickButton", "pointage_verifier")
    app.activate_workbook(first)
    app.run("ClickButton", "pointage_effacer")
    assert len(machine.servers) == 1
    assert machine.executed == [
        DISPATCH.format(b) for b in ("pointage_verifier",) * 2 + ("pointage_effacer",)
    ]


def _prepared_sys_path(argument: str) -> list[str]:
    """What xlwings' own prepare_sys_path adds to sys.path for that argument (it raises
    for an address it cannot map to a folder, and Python then never starts)."""
    saved = list(sys.path)
    try:
        xlwings.utils.prepare_sys_path(argument)
        return [p for p in sys.path if p not in saved]
    finally:
        sys.path[:] = saved


@pytest.mark.parametrize("system", [WINDOWS, MACOS])
def test_a_workbook_opened_from_sharepoint_starts_python(tmp_path, addins, system):
    machine, _interpreter, copied = installed(system, tmp_path, addins[system])
    app = excel_with_addin(copied, WORKBOOK, machine)
    opened_from(app.workbooks()[-1], SHAREPOINT)
    app.run("ClickButton", "pointage_verifier")
    assert app.dialogs == [] and machine.popups == []
    if system == WINDOWS:
        [command] = machine.servers
        argument = command.split('prepare_sys_path(\\"', 1)[1].split('\\")', 1)[0].replace("\\\\", "\\")
    else:
        [call] = machine.started
        argument = call.split("|")[2].rstrip(";")
        assert call.split("|")[2].startswith(f"False;{SHAREPOINT};")
    # Nothing of the workbook's address reaches sys.path, and nothing raises.
    assert [p for p in _prepared_sys_path(argument) if p] == []


MISSING_MODULE = (
    'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n'
    "ModuleNotFoundError: No module named 'pointage'"
)


@pytest.mark.parametrize("system", [WINDOWS, MACOS])
def test_a_python_without_pointage_is_a_french_sentence_and_a_log_file(tmp_path, addins, system):
    """On a Mac, the click end to end (the AppleScript leaves Python's stderr in xlwings'
    log, which ExecuteMac hands to ShowError). On Windows, what RunPython's error handler
    hands to ShowError (pyOpenVBA cannot jump to a label inside an If block, where
    xlwings' RunPython has it)."""
    machine, _interpreter, copied = installed(system, tmp_path, addins[system])
    machine.python_error = MISSING_MODULE
    app = excel_with_addin(copied, WORKBOOK, machine)
    if system == MACOS:
        app.run("ClickButton", "pointage_verifier")
    else:
        app.run("ShowError", "", MISSING_MODULE)
    if system == WINDOWS:
        log = f"{WINDOWS_HOME}\\.pointage\\pointage-erreur.log"
        on_disk = tmp_path / ".pointage" / "pointage-erreur.log"
    else:
        on_disk = tmp_path / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "pointage-erreur.log"
        log = str(on_disk)
    assert machine.popups == []
    assert app.dialogs == warning(
        "Python ne trouve pas un module dont Pointage a besoin (pointage ou xlwings) : Pointage "
        "n'est pas installé dans le Python du complément.\nFermez Excel, réinstallez Pointage dans "
        f"ce Python, puis lancez « pointage addin verifier ».\n\nDétail : {log}"
    )
    assert MISSING_MODULE in on_disk.read_text(encoding="cp1252" if system == WINDOWS else "utf-8")


def test_the_function_wrappers_are_compiled_for_excel():
    compiled = strip_directives(udf_wrapper_source(), module=UDF_VBA_MODULE, constants=CONSTANTS[WINDOWS])
    assert compiled.count("ActiveWorkbook, Application.Caller)") == 4
    assert 'XLPy.CallUDF("pointage.addin.functions", "NOMBRE_FR", Array(texte))\r\n' not in compiled


def test_addin_verifier_says_what_a_click_will_find(tmp_path):
    assert _run(tmp_path, "installer", "--plateforme", "macos").returncode == 0
    where = places(MACOS, tmp_path, {})
    script = applescript_place(tmp_path)
    run = _run(tmp_path, "verifier", "--plateforme", "macos")
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "Ce que trouvera un clic sur un bouton Pointage (Excel sous macOS) :",
        f"  OK — Réglages lus : {where.config}",
        f"  OK — Complément présent : {where.startup / 'pointage.xlam'}",
        f"  OK — Python : {sys.executable}",
        f"  OK — Script de xlwings : {script}",
        f"  OK — Modules importables : pointage, xlwings {xlwings.__version__}",
        "Tout est en place.",
    ]
    script.unlink()
    run = _run(tmp_path, "verifier", "--plateforme", "macos")
    assert run.returncode == 1
    assert run.stdout.splitlines()[4:] == [
        f"  À CORRIGER — Script de xlwings absent ({script}) : lancez « pointage addin installer ».",
        f"  OK — Modules importables : pointage, xlwings {xlwings.__version__}",
        "Un clic échouerait : corrigez les lignes « À CORRIGER ».",
    ]


def test_addin_verifier_on_windows_finds_no_dll_next_to_a_linux_python(tmp_path):
    run = _run(tmp_path, "installer", "--plateforme", "windows")
    assert run.returncode == 1 and "ATTENTION : la bibliothèque" in run.stdout
    run = _run(tmp_path, "verifier", "--plateforme", "windows")
    python = Path(sys.executable)
    assert run.returncode == 1
    assert run.stdout.splitlines()[4] == (
        f"  À CORRIGER — Bibliothèque {DLL} introuvable dans {python.parent}, {python.parent.parent} : "
        f"{python} -m pip install --force-reinstall xlwings=={xlwings.__version__}, puis « pointage "
        "addin installer »."
    )


def test_addin_verifier_on_a_machine_without_excel_checks_what_it_can(tmp_path):
    run = _run(tmp_path, "verifier")
    assert (run.returncode, run.stderr) == (1, "")
    assert run.stdout.splitlines() == [
        "Ce que trouverait un clic sur un bouton Pointage :",
        "  À CORRIGER — Pas d'Excel sur ce système (Linux) : lancez la commande sur le poste Windows ou "
        "Mac, ou ajoutez --plateforme windows|macos pour contrôler une installation faite avec cette option.",
        f"  OK — Modules importables : pointage, xlwings {xlwings.__version__}",
        "Un clic échouerait : corrigez les lignes « À CORRIGER ».",
    ]
