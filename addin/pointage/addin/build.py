"""`pointage addin construire`: the .xlam, rebuilt from xlwings' template add-in.

The template (`xlwings/quickstart_addin_ribbon.xlam`) is rewritten member by member:
a new customUI.xml (the Pointage tab), the VBA project edited with pyOpenVBA (the
ribbon module renamed and given the one generic callback, PROJECT_NAME set), and
the config sheet renamed `pointage.conf` with `UDF Modules` pointing at the custom
functions. Every other member is kept as is; zip dates are fixed, so the same
xlwings and pyOpenVBA versions give the same bytes.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from pointage.addin.descriptions import DescriptionError, workbook_module_code
from pointage.addin.ribbon import VBA_MODULE, custom_ui_xml, vba_module_source
from pointage.addin.xlwings_module import ModuleChanged, edited_xlwings_module
from pointage.base import exit_codes
from pointage.base.files import write_built_file

PROJECT_NAME = "pointage"
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
UDF_MODULE = "pointage.addin.functions"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_MODULE = "RibbonMyAddin"
TEMPLATE_SHEET = "_myaddin.conf"
# The add-in's config sheet holds only what Pointage sets. xlwings' GetConfig stops at
# the first layer where a key exists, even empty: an empty `Interpreter_Win` there would
# hide the user's config file (`pointage addin installer` writes the interpreter there).
# `Use UDF Server` is on: on Windows, RunPython then goes through xlwings' COM server,
# whose Python stays alive for the whole Excel session, so that only the first click
# pays the imports (macOS starts a Python at every click).
# `ADD_WORKBOOK_TO_PYTHONPATH` off: Pointage never imports from the workbook's folder,
# and xlwings cannot map a SharePoint or OneDrive address (`https://…`) to a folder
# (XlwingsError, or UnboundLocalError for a `/sites/` address): Python would never start.
CONFIG_KEYS: dict[str, str | bool] = {
    "UDF Modules": UDF_MODULE,
    "Use UDF Server": True,
    "ADD_WORKBOOK_TO_PYTHONPATH": False,
}
_SHEET_DATA = re.compile(r"<sheetData>.*</sheetData>", re.DOTALL)
_DIMENSION = re.compile(r'<dimension ref="[^"]*" />|<dimension ref="[^"]*"/>')
STAMP = (2024, 9, 16, 0, 0, 0)


UDF_VBA_MODULE = "xlwings_udfs"  # the name ImportPythonUDFs gives it
EXCEL_CONSTANT = '#Const App = "Microsoft Excel"'  # what xlwings' import_udfs writes first
WORKBOOK_MODULE = "ThisWorkbook"


def udf_wrapper_source() -> str:
    """The VBA wrapper of each custom function (`@xw.func` of UDF_MODULE), written by
    xlwings' own generator. Its module imports pywin32 at the top and uses none of it to
    write the wrappers: off Windows, those imports are stubbed for the time of the import."""
    import importlib
    import types

    import pointage.addin.functions as functions

    stubbed = [n for n in ("pythoncom", "pywintypes", "win32com", "win32com.client") if n not in sys.modules]
    for name in stubbed:
        module = types.ModuleType(name)
        # `from win32com.client import Dispatch`; CoInitialize: a thread pool's
        # initializer, never run here.
        vars(module).update(Dispatch=None, CoInitialize=None)
        sys.modules[name] = module
    try:
        udfs = importlib.import_module("xlwings.udfs")
        # xlwings' own decorator reads each function's signature (off Windows `@xw.func`
        # records nothing); it is applied to copies, the functions stay as they are.
        copies = {
            f.__name__: udfs.xlfunc(
                types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__, f.__closure__)
            )
            for f in functions.UDFS
        }
        out = io.StringIO()
        # The add-in's functions run on the active workbook (xlwings checks `.xlam`).
        udfs.generate_vba_wrapper(
            UDF_MODULE, types.SimpleNamespace(**copies), out, types.SimpleNamespace(Name="pointage.xlam")
        )
    finally:
        if stubbed:
            sys.modules.pop("xlwings.udfs", None)
            for name in stubbed:
                sys.modules.pop(name, None)
    # The wrappers' `#If App = "Microsoft Excel"` needs the constant in their own module
    # (conditional constants are per module): without it Excel compiles the `#Else`
    # branch, and a failing function shows a bare #VALEUR! instead of its message.
    source = EXCEL_CONSTANT + "\n" + out.getvalue()
    if not source.isascii():
        raise BuildError("les fonctions du complément ont des noms d'arguments non ASCII (interdits en VBA).")
    return source.replace("\r\n", "\n").replace("\n", "\r\n")


class BuildError(Exception):
    """The add-in cannot be built; the message is French, for the user."""


def template_path() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / TEMPLATE_NAME


def edited_vba_project(template: Path, functions: bool = True) -> bytes:
    """The template's vbaProject.bin with the Pointage ribbon module and xlwings' module
    edited (pointage.addin.xlwings_module); with the custom functions' wrappers unless
    `functions` is False (macOS, where xlwings' functions cannot run)."""
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "modele.xlam"
        shutil.copyfile(template, work)
        with ExcelFile(str(work)) as workbook:
            if TEMPLATE_MODULE not in workbook.module_names():
                raise BuildError(f"le module VBA « {TEMPLATE_MODULE} » manque dans le modèle de xlwings.")
            workbook.vba_project().rename_module(TEMPLATE_MODULE, VBA_MODULE)
            workbook.set_module(VBA_MODULE, vba_module_source())
            try:
                workbook.set_module("xlwings", edited_xlwings_module(workbook.get_module("xlwings")))
            except ModuleChanged as passage:
                raise BuildError(f"le module xlwings du modèle a changé (« {passage} »).") from None
            if functions:
                # The custom functions' wrappers, as xlwings' ImportPythonUDFs would write them
                # in Excel (which needs the VBA editor and a trust setting): shipped built.
                workbook.vba_project().add_module(UDF_VBA_MODULE, udf_wrapper_source())
                # ... and the words of Excel's Insert Function dialog, which ImportPythonUDFs
                # would set through COM: the add-in sets them when Excel opens it.
                header = workbook.get_module(WORKBOOK_MODULE)
                if header.strip() and not all(
                    line.startswith("Attribute ") for line in header.splitlines() if line
                ):
                    raise BuildError("le module ThisWorkbook du modèle de xlwings n'est plus vide.")
                try:
                    code = workbook_module_code()
                except DescriptionError as error:
                    raise BuildError(str(error)) from None
                workbook.set_module(WORKBOOK_MODULE, header + code)
            workbook.save(str(work))
        with zipfile.ZipFile(work) as edited:
            return edited.read("xl/vbaProject.bin")


def _config_sheet(xml: bytes) -> bytes:
    """The config sheet with one row per key of CONFIG_KEYS, from A1 down (xlwings reads
    A1 to the last filled cell below it); keys written as text in the cells themselves."""
    from xml.sax.saxutils import escape

    text = xml.decode("utf-8")
    rows = []
    for number, (key, value) in enumerate(CONFIG_KEYS.items(), start=1):
        if isinstance(value, bool):
            cell = f'<c r="B{number}" s="1" t="b"><v>{int(value)}</v></c>'
        else:
            cell = f'<c r="B{number}" s="1" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        rows.append(
            f'<row r="{number}" spans="1:2" ht="15.75"><c r="A{number}" s="1" t="inlineStr">'
            f"<is><t>{escape(key)}</t></is></c>{cell}</row>"
        )
    text, count = _SHEET_DATA.subn(lambda _: "<sheetData>" + "".join(rows) + "</sheetData>", text)
    if count != 1:
        raise BuildError("la feuille de configuration du modèle de xlwings a changé.")
    text = _DIMENSION.sub(f'<dimension ref="A1:B{len(rows)}"/>', text)
    return text.encode("utf-8")


def _workbook(xml: bytes) -> bytes:
    old = f'<sheet name="{TEMPLATE_SHEET}"'.encode()
    if old not in xml:
        raise BuildError(f"la feuille « {TEMPLATE_SHEET} » manque dans le modèle de xlwings.")
    return xml.replace(old, f'<sheet name="{CONFIG_SHEET}"'.encode())


def build_addin(template: Path | None = None, functions: bool = True) -> bytes:
    """The add-in's bytes; without the custom functions when `functions` is False."""
    template = template or template_path()
    if not template.exists():
        raise BuildError(f"le modèle de complément de xlwings est introuvable ({template}).")
    replaced = {
        "customUI/customUI.xml": custom_ui_xml(),
        "xl/vbaProject.bin": edited_vba_project(template, functions),
    }
    edits = {"xl/workbook.xml": _workbook, "xl/worksheets/sheet1.xml": _config_sheet}
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replaced.get(info.filename) or source.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data)
            entry = zipfile.ZipInfo(info.filename, date_time=STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def run_construire(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    target = Path(args.sortie)
    if target.suffix.lower() != ".xlam":
        print(f"pointage : le complément est un fichier .xlam, pas « {target.name} ».", file=sys.stderr)
        return exit_codes.USAGE
    try:
        refusal = write_built_file(target, build_addin, args.remplacer)
    except BuildError as error:
        print(f"pointage : complément non construit : {error}", file=sys.stderr)
        return exit_codes.USAGE
    except Exception as error:  # pyOpenVBA refusing the template: never a traceback
        print(
            f"pointage : complément non construit (erreur interne : {type(error).__name__} : {error}).",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    if refusal:
        print(f"pointage : {refusal}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"Complément Excel écrit : {target}")
    return exit_codes.OK
