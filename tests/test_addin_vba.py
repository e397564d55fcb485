"""The add-in's ribbon VBA, run by pyOpenVBA's interpreter with small stubs of Excel and
of xlwings' RunPython: the command each button hands to Python, and the guard for a
click with no workbook open (or one in Protected View), which used to stop on run-time
error 91 and offer the VBA debugger."""

from __future__ import annotations

import pytest
from pyopenvba.interpreter import Interpreter

from pointage.addin.ribbon import BUTTONS, vba_module_source

STUBS = """
Public Calls As String
Public NoBook As Boolean
Function ActiveWorkbook() As Object
    If NoBook Then
        Set ActiveWorkbook = Nothing
    Else
        Set ActiveWorkbook = New Collection
    End If
End Function
Function Workbooks() As Object
    Set Workbooks = New WorkbooksStub
End Function
Function GetConfig(key As String, Optional default As String = "") As String
    GetConfig = "C:\\Python\\pythonw.exe"
End Function
Function FileExists(path As String) As Boolean
    FileExists = True
End Function
Sub RunPython(command As String)
    Calls = Calls & "RunPython " & command & ";"
End Sub
Function Press(id As String, without As Boolean) As String
    Dim c As New RibbonControl
    c.ID = id
    NoBook = without
    Calls = ""
    PointageBouton c
    Press = Calls
End Function
"""


@pytest.fixture
def vba() -> Interpreter:
    interpreter = Interpreter()
    interpreter.add_module("Public ID As String\n", name="RibbonControl", kind="class")
    interpreter.add_module(
        'Sub Add()\n    Calls = Calls & "Workbooks.Add;"\nEnd Sub\n', name="WorkbooksStub", kind="class"
    )
    interpreter.add_module(STUBS, name="Stubs")
    interpreter.add_module(vba_module_source(), name="RibbonPointage")
    return interpreter


@pytest.mark.parametrize("button", [b.id for b in BUTTONS])
def test_each_button_hands_its_id_to_the_dispatcher(vba, button):
    assert (
        vba.run("Press", [button, False])
        == f"RunPython from pointage.addin.dispatch import run; run('{button}');"
    )


@pytest.mark.parametrize("button", [b.id for b in BUTTONS if b.id != "pointage_nouveau"])
def test_with_no_workbook_a_button_says_so_and_runs_nothing(vba, button):
    assert vba.run("Press", [button, True]) == ""
    assert vba.dialogs == [
        (
            "MsgBox",
            "Ouvrez d'abord le classeur à vérifier. S'il est ouvert en mode protégé, cliquez sur "
            "« Activer la modification ».",
            "Pointage",
            64,  # vbInformation
        )
    ]


def test_the_new_workbook_button_opens_one_first_when_none_is_open(vba):
    assert vba.run("Press", ["pointage_nouveau", True]) == (
        "Workbooks.Add;RunPython from pointage.addin.dispatch import run; run('pointage_nouveau');"
    )
