"""xlwings' own VBA module, as the add-in ships it, run by pyOpenVBA's Excel on Linux as
Excel runs it on Windows or macOS: the click on a Pointage button goes through the
ribbon module, xlwings' RunPython, GetConfig's layers (the add-in's `pointage.conf`
sheet, then the user's config file) and ends in the command that starts Python.

Everything runs as written except what reaches the machine outside Excel, which the
interpreter does not do and which `Machine` plays instead:

- the xlwings DLL (`LoadLibrary`, `XLPyDLLActivateAuto`, Windows) and the AppleScript
  (`AppleScriptTask`, macOS), as unforgiving as the real ones: `LoadLibrary` finds only
  a file on disk, `XLPyDLLActivateAuto` fails (run-time error 53, as a `Declare` whose
  DLL is not loaded) until `LoadLibrary` has found the DLL, and keeps one Python server
  per exact start-up command, as the DLL does; `AppleScriptTask` fails unless the
  script is in `~/Library/Application Scripts/com.microsoft.Excel/`;
- the environment, the file system and AppleScript paths (`Environ`, `GetAttr`, `Dir`,
  `MacScript`, `WScript.Shell`): a home folder on disk, seen at `C:\\Users\\agent` on
  Windows and at its own path on macOS;
- `GetConfigFromFile`, whose `Open … For Input` / `Input #` the interpreter cannot run:
  the same reading, done in Python on the same file (`"key","value"` lines, the first
  key that matches, case ignored); and the add-in's `PointageWriteLog` (`Open … For
  Output`), which writes the same file from Python.

A `Declare` is removed with the platform branches it sits in; each removed name is
then defined in the machine module, so a call the module makes still lands somewhere
a test can see. Conditional compilation is pyOpenVBA's own, with the constants of
64-bit Office on Windows or of Office 2016+ on macOS.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyopenvba import ExcelFile
from pyopenvba.apps.excel import ExcelApplication
from pyopenvba.apps.excel._bridge import ExcelBridge
from pyopenvba.apps.excel._model import Range, Workbook
from pyopenvba.interpreter import _values as values
from pyopenvba.interpreter._objects import VBAObject, member, method
from pyopenvba.interpreter._preprocess import strip_directives
from pyopenvba.interpreter._values import EMPTY, MISSING, VBAInt, error

from pointage.addin.install import APPLESCRIPT_FOLDER

WINDOWS, MACOS = "windows", "macos"
WINDOWS_HOME = "C:\\Users\\agent"
CONSTANTS = {
    WINDOWS: {"VBA7": True, "Win64": True, "Win32": True, "Mac": False},
    MACOS: {"VBA7": True, "Win64": True, "Win32": False, "Mac": True, "MAC_OFFICE_VERSION": 16},
}
# Procedures of xlwings' module replaced by the machine's (see the module's docstring).
REPLACED = ("GetConfigFromFile", "ReadFile")
# ... and of the add-in's ribbon module.
REPLACED_RIBBON = ("PointageWriteLog",)

MACHINE_MODULE = """
Function Environ(Expression As Variant) As String
    Environ = MachineEnviron(Expression)
End Function
Function GetAttr(PathName As String) As Long
    GetAttr = MachineGetAttr(PathName)
End Function
Function Dir(Optional PathName As Variant, Optional Attributes As Variant) As String
    Dir = MachineDir(PathName)
End Function
Function MacScript(Script As String) As String
    MacScript = MachineMacScript(Script)
End Function
Function AppleScriptTask(Script As String, Handler As String, Parameter As String) As String
    AppleScriptTask = MachineAppleScriptTask(Script, Handler, Parameter)
End Function
Function LoadLibrary(ByVal lpLibFileName As String) As Long
    LoadLibrary = MachineLoadLibrary(lpLibFileName)
End Function
Function XLPyDLLActivateAuto(ByRef Result As Variant, Optional ByVal Config As String = "", _
                             Optional ByVal mode As Long = 1) As Long
    Set Result = MachineActivate(Config, mode)
    XLPyDLLActivateAuto = 0
End Function
Function ReadFile(ByVal FileName As String)
    ReadFile = MachineReadFile(FileName)
End Function
Sub MachineKillStatement(PathName As String)
    MachineKill PathName
End Sub
Sub PointageWriteLog(path As String, text As String)
    MachineWriteFile path, text
End Sub
Function GetConfigFromFile(sFile As String, sName As String, Optional sValue As String) As Boolean
    GetConfigFromFile = MachineConfigHas(sFile, sName)
    If GetConfigFromFile Then sValue = MachineConfigValue(sFile, sName)
End Function
"""


class PythonServer(VBAObject):
    """The COM object xlwings' DLL hands back: the Python that `Use UDF Server` keeps."""

    vba_type_name = "Object"

    def __init__(self, machine: Machine) -> None:
        self.machine = machine

    @method
    def Module(self, Name: object = MISSING) -> object:
        return f"<module {Name}>"

    @method
    def SetAttr(self, Target: object = MISSING, Name: object = MISSING, Value: object = MISSING) -> object:
        return EMPTY

    @method
    def Exec(self, Code: object = MISSING) -> object:
        self.machine.executed.append(str(Code))
        return EMPTY


class Shell(VBAObject):
    """WScript.Shell, as far as xlwings uses it."""

    def __init__(self, machine: Machine) -> None:
        self.machine = machine

    @method
    def ExpandEnvironmentStrings(self, Src: object = MISSING) -> object:
        return re.sub(r"%([^%]+)%", lambda m: self.machine.environ.get(m.group(1), m.group(0)), str(Src))

    @method
    def Run(
        self, Command: object = MISSING, WindowStyle: object = MISSING, WaitOnReturn: object = MISSING
    ) -> object:
        self.machine.started.append(str(Command))
        return VBAInt(0, "Long")

    @method
    def Popup(
        self, Text: object = MISSING, Wait: object = MISSING, Title: object = MISSING, Kind: object = MISSING
    ):
        self.machine.popups.append(str(Text))
        return VBAInt(1, "Long")


@dataclass
class Machine:
    """The world outside Excel, for one system, around a home folder on disk."""

    system: str
    home: Path
    environ: dict[str, str] = field(default_factory=dict)
    started: list[str] = field(default_factory=list)  # commands that start a Python
    servers: dict[str, PythonServer] = field(default_factory=dict)  # by start-up command
    executed: list[str] = field(default_factory=list)  # code handed to a running Python
    loaded: list[str] = field(default_factory=list)  # DLLs LoadLibrary found
    popups: list[str] = field(default_factory=list)
    python_error: str = ""  # what a Python the AppleScript starts writes on stderr

    def seen(self, path: str) -> Path | None:
        """The file on disk behind a path as the VBA writes it, if it is under home."""
        if self.system == WINDOWS:
            # The home folder, and the rest of drive C: (Program Files…) in home/C:.
            if path.lower().startswith(WINDOWS_HOME.lower()):
                rest = [part for part in path[len(WINDOWS_HOME) :].split("\\") if part]
                return self.home.joinpath(*rest)
            if path[:3].lower() != "c:\\":
                return None
            return self.home.joinpath("C:", *[part for part in path[3:].split("\\") if part])
        return Path(path.replace("//", "/"))

    def shown(self, path: Path) -> str:
        """A file on disk, as the VBA sees its path."""
        if self.system == WINDOWS:
            parts = path.relative_to(self.home).parts
            if parts and parts[0] == "C:":
                return "C:" + "".join("\\" + part for part in parts[1:])
            return WINDOWS_HOME + "".join("\\" + part for part in parts)
        return str(path)

    def config(self, path: str) -> dict[str, str]:
        on_disk = self.seen(path)
        if on_disk is None or not on_disk.is_file():
            return {}
        found: dict[str, str] = {}
        encoding = "cp1252" if self.system == WINDOWS else "utf-8"
        for line in on_disk.read_text(encoding=encoding).splitlines():
            key, sep, value = line.partition(",")
            if sep:
                found.setdefault(key.strip().strip('"').lower(), value.strip().strip('"'))
        return found

    def call(self, name: str, args: list[object]) -> object:
        if name == "machineenviron":
            return self.environ.get(str(args[0]), "")
        if name == "machinegetattr":
            on_disk = self.seen(str(args[0]))
            if on_disk is None or not on_disk.exists():
                raise error(53)  # File not found
            return VBAInt(16 if on_disk.is_dir() else 0, "Long")
        if name == "machinedir":
            on_disk = self.seen(str(args[0]))
            return on_disk.name if on_disk is not None and on_disk.exists() else ""
        if name == "machinemacscript":
            script = str(args[0])
            if "path to home folder" in script:
                return str(self.home / "Library" / "Containers" / "com.microsoft.Excel" / "Data") + "/"
            posix = re.fullmatch(r'return POSIX path of \("(/[^"]*)"\) as string', script)
            if posix:
                return posix.group(1)
            raise AssertionError(f"AppleScript not played by the machine: {script}")
        if name == "machineapplescripttask":
            if not self.home.joinpath(*APPLESCRIPT_FOLDER, str(args[0])).is_file():
                raise error(5)  # Invalid procedure call or argument: Excel finds no script
            self.started.append("|".join(str(a) for a in args))
            if self.python_error:  # the script sends Python's stderr to the log file
                log = self.seen(str(args[2]).rsplit("|", 1)[1])
                assert log is not None
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(self.python_error, encoding="utf-8")
            return ""
        if name in ("machinereadfile", "machinekill"):
            on_disk = self.seen(str(args[0]))
            if on_disk is None or not on_disk.is_file():
                raise error(53)  # File not found
            if name == "machinekill":
                on_disk.unlink()
                return EMPTY
            return on_disk.read_text(encoding="cp1252" if self.system == WINDOWS else "utf-8")
        if name == "machineloadlibrary":
            on_disk = self.seen(str(args[0]))
            if on_disk is None or not on_disk.is_file():
                return VBAInt(0, "Long")  # not there: LoadLibrary fails
            self.loaded.append(str(args[0]))
            return VBAInt(1, "Long")
        if name == "machineactivate":
            if not self.loaded:
                raise error(53)  # File not found: xlwings64-….dll
            command = str(args[0])
            self.started.append(command)
            if command not in self.servers:
                self.servers[command] = PythonServer(self)
            return self.servers[command]
        if name == "machinewritefile":
            on_disk = self.seen(str(args[0]))
            if on_disk is None:
                raise error(76)  # Path not found
            on_disk.parent.mkdir(parents=True, exist_ok=True)
            on_disk.write_text(str(args[1]) + "\n", encoding="cp1252" if self.system == WINDOWS else "utf-8")
            return EMPTY
        if name == "machineconfighas":
            return str(args[1]).lower() in self.config(str(args[0]))
        if name == "machineconfigvalue":
            return self.config(str(args[0]))[str(args[1]).lower()]
        raise KeyError(name)


class MachineBridge(ExcelBridge):
    """pyOpenVBA's Excel, with the machine's functions as globals and its COM classes."""

    def __init__(self, application, machine: Machine) -> None:
        super().__init__(application)
        self.machine = machine

    def has_global_member(self, name: str) -> bool:
        return name.lower().startswith("machine") or super().has_global_member(name)

    def call_global(self, name, args, named):
        if name.lower().startswith("machine"):
            return self.machine.call(name.lower(), args)
        if name.lower() == "range" and args and isinstance(args[0], Range):
            # `Range(sht.Range("A1"), lastCell)` is a range of sht, as Excel makes it;
            # pyOpenVBA's global Range looks for sht's name in the active workbook.
            return args[0].sheet.vba_get("Range", args, named)
        return super().call_global(name, args, named)

    def create(self, type_name_: str) -> object:
        if type_name_.lower() == "wscript.shell":
            return Shell(self.machine)
        return super().create(type_name_)


@contextmanager
def vba_reads_true_and_false_as_numbers() -> Iterator[None]:
    """VBA reads the text `True` / `False` as -1 / 0 where it wants a number; xlwings
    relies on it (GetConfig's defaults are text, and `GetConfig("SHOW CONSOLE", False)
    = True` runs at every click). pyOpenVBA 6.5 raises Type mismatch there."""
    original = values.text_to_number

    def text_to_number(text: str) -> int | float:
        word = text.strip().lower()
        if word in ("true", "false"):
            return VBAInt(-1 if word == "true" else 0, "Integer")
        return original(text)

    values.text_to_number = text_to_number
    try:
        yield
    finally:
        values.text_to_number = original


def xlwings_source(raw: str, system: str) -> str:
    """xlwings' module as the VBA compiler of `system` sees it, without its Declares and
    with the procedures the machine replaces taken out."""
    # A comment after a directive (`#Const App = "…" 'Adjust…`) is not read by pyOpenVBA.
    raw = re.sub(r"(?m)^([ \t]*#[^'\r\n]*?)[ \t]*'[^\r\n]*$", r"\1", raw)
    source = strip_directives(raw, module="xlwings", constants=CONSTANTS[system])
    source = re.sub(r"(?im)^[ \t]*(?:Private |Public )?Declare [^\r\n]*", "", source)
    # `Kill`, a statement, cannot be shadowed by a procedure: it becomes a call.
    source = re.sub(r"(?im)^([ \t]*)Kill ", r"\1MachineKillStatement ", source)
    for name in REPLACED:
        source, count = re.subn(rf"(?ims)^Function {name}\b.*?^End Function[ \t]*$", "", source, count=1)
        assert count == 1, f"{name} is no longer in xlwings' module"
    return source


def ribbon_source(raw: str, system: str) -> str:
    """The add-in's ribbon module as the VBA compiler of `system` sees it, with the
    procedures the machine replaces taken out."""
    source = strip_directives(raw, module="RibbonPointage", constants=CONSTANTS[system]).replace("\r\n", "\n")
    for name in REPLACED_RIBBON:
        source, count = re.subn(rf"(?ims)^Sub {name}\b.*?^End Sub[ \t]*$", "", source, count=1)
        assert count == 1, f"{name} is no longer in the ribbon module"
    return source


CLICK_MODULE = """
Sub ClickButton(id As String)
    Dim control As New RibbonControl
    control.ID = id
    PointageBouton control
End Sub
"""


def excel_with_addin(addin: Path, workbook: Path, machine: Machine) -> ExcelApplication:
    """Excel on `machine` with the add-in `addin` loaded (its sheets and its VBA) and
    `workbook` open and active."""
    app = ExcelApplication()
    separator = "\\" if machine.system == WINDOWS else "/"

    class MachineApplication(type(app.application)):  # type: ignore[misc]
        @member
        def PathSeparator(self) -> object:
            return separator

    app.application.__class__ = MachineApplication
    app.interpreter.host = MachineBridge(app.application, machine)
    from pyopenvba.apps.excel._io import load_workbook

    book = load_workbook(app.application, addin)
    app.application.workbooks_.books.append(book)
    app.application._this_workbook = book
    with ExcelFile(str(addin)) as host:
        modules = {module.name: module for module in host.vba_project().modules}
    # xlwings' own `Dictionary` class module (macOS has no Scripting Runtime) is left
    # out: it is a drop-in Scripting.Dictionary (Add, Exists, Item), and `New Dictionary`
    # then makes pyOpenVBA's, which is one. Its enum-typed fields are not read by pyOpenVBA.
    app.add_module(ribbon_source(modules["RibbonPointage"].source, machine.system), name="RibbonPointage")
    app.add_module(xlwings_source(modules["xlwings"].source, machine.system), name="xlwings")
    app.add_module(MACHINE_MODULE, name="Machine")
    app.add_module("Public ID As String\n", name="RibbonControl", kind="class")
    app.add_module(CLICK_MODULE, name="Click")
    user = app.open_workbook(workbook)
    app.activate_workbook(user)
    return app


def opened_from(book: Workbook, address: str) -> None:
    """`book` as Excel shows a workbook opened from SharePoint or OneDrive: its FullName
    and Path are the web address, not a folder."""
    book.path = address.rsplit("/", 1)[0]

    class WebBook(type(book)):  # type: ignore[misc]
        @member
        def FullName(self) -> object:
            return address

    book.__class__ = WebBook
