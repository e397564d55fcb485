"""The .xlam: built from xlwings' template, ribbon wired to VBA that exists, config sheet."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xlwings
from oletools.olevba import VBA_Parser

from pointage.addin.build import build_addin
from pointage.addin.dispatch import ACTIONS
from pointage.addin.ribbon import BUTTONS
from pointage.cli import main

SHIPPED = Path(__file__).parents[1] / "addin" / "pointage.xlam"
UI = "{http://schemas.microsoft.com/office/2006/01/customui}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_addin()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def vba_modules(data: bytes) -> dict[str, str]:
    parser = VBA_Parser("pointage.xlam", data=data)
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_the_shipped_addin_is_a_fresh_build(built):
    assert parts(SHIPPED.read_bytes()) == parts(built)


def test_the_build_is_reproducible(built):
    assert build_addin() == built


def test_custom_ui_is_a_pointage_tab_with_the_four_buttons(built):
    root = ElementTree.fromstring(parts(built)["customUI/customUI.xml"])
    tabs = root.findall(f".//{UI}tab")
    assert [t.get("label") for t in tabs] == ["Pointage"]
    buttons = root.findall(f".//{UI}button")
    assert [b.get("label") for b in buttons] == [
        "Vérifier le classeur",
        "Effacer les marques",
        "Copier le tableau vérifié",
        "Nouveau classeur d'annexes",
    ]
    assert [b.get("id") for b in buttons] == [b.id for b in BUTTONS]


def test_every_on_action_names_a_vba_procedure_that_exists(built):
    root = ElementTree.fromstring(parts(built)["customUI/customUI.xml"])
    modules = vba_modules(built)
    for button in root.findall(f".//{UI}button"):
        module, _, procedure = button.get("onAction").partition(".")
        assert module in modules, module
        assert re.search(rf"^Sub {procedure}\(control As IRibbonControl\)", modules[module], re.M)


def test_the_callback_hands_the_button_id_to_the_dispatcher(built):
    code = vba_modules(built)["RibbonPointage"]
    assert 'RunPython "from pointage.addin.dispatch import run; run(\'" & control.ID & "\')"' in code
    assert "RibbonMyAddin" not in vba_modules(built)


def test_every_button_id_is_handled_by_the_dispatcher():
    assert set(ACTIONS) == {b.id for b in BUTTONS}


def test_project_name_and_config_sheet(built):
    modules = vba_modules(built)
    assert 'Public Const PROJECT_NAME As String = "pointage"' in modules["xlwings"]
    # The VBA calls the DLL (Windows) and AppleScript (macOS) of one exact xlwings version:
    # the installed one, which pyproject.toml pins.
    assert f'Public Const XLWINGS_VERSION As String = "{xlwings.__version__}"' in modules["xlwings"]
    files = parts(built)
    workbook = ElementTree.fromstring(files["xl/workbook.xml"])
    assert [s.get("name") for s in workbook.iter(f"{MAIN}sheet")] == ["pointage.conf"]
    import python_calamine

    with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(built)) as book:
        rows = book.get_sheet_by_name("pointage.conf").to_python()
    config = {key: "1" if value is True else value for key, value in rows}
    # Only what Pointage sets: an empty interpreter key here would hide the user's
    # config file, where `pointage addin installer` writes the interpreter. One Python
    # for the whole Excel session on Windows: RunPython through the COM server. Never
    # the workbook's folder on Python's path (a SharePoint address cannot be mapped).
    assert config == {
        "UDF Modules": "pointage.addin.functions",
        "Use UDF Server": "1",
        "ADD_WORKBOOK_TO_PYTHONPATH": False,
    }


def test_the_command_builds_and_refuses_to_overwrite(tmp_path, capsys, built):
    target = tmp_path / "pointage.xlam"
    assert main(["addin", "construire", "--sortie", str(target)]) == 0
    assert parts(target.read_bytes()) == parts(built)
    assert capsys.readouterr().out == f"Complément Excel écrit : {target}\n"
    assert main(["addin", "construire", "--sortie", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"pointage : « {target} » existe déjà : ajoutez --remplacer pour le remplacer.\n"
    )
    assert main(["addin", "construire", "--sortie", str(target), "--remplacer"]) == 0
    assert main(["addin", "construire", "--sortie", str(tmp_path / "x.xlsm")]) == 2
    assert "le complément est un fichier .xlam, pas « x.xlsm »" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pointage.xlam"]


def test_the_custom_functions_are_shipped_in_the_addin(built):
    # What xlwings' ImportPythonUDFs would write in Excel (VBA editor, trust setting):
    # written by the build, one wrapper per function, ASCII argument names.
    from pointage.addin.functions import UDFS

    code = vba_modules(built)["xlwings_udfs"]
    assert code.isascii()
    for function in UDFS:
        assert re.search(rf"^Function {function.__name__}\(", code, re.M), function.__name__
        assert f'XLPy.CallUDF("pointage.addin.functions", "{function.__name__}", ' in code
    assert (
        "Function MONTANT_ATTENDU(description, bareme, Optional mois_par_defaut, Optional structure)" in code
    )
