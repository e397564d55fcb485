"""The edits the add-in makes to xlwings' own VBA module (the template's `xlwings`).

Each edit replaces one exact passage of xlwings 0.37.8's module; a passage that is no
longer there stops the build (a new xlwings must be read again, not patched blindly).

- PROJECT_NAME: the config sheet and the user's file are `pointage.conf`.
- The start-up command of the Python server (XLPyCommand) no longer holds the active
  workbook's path: xlwings' DLL keeps one server per exact command, so a command that
  named the workbook started one Python per workbook, each paying the imports. Pointage
  never imports from the workbook's folder (`ADD_WORKBOOK_TO_PYTHONPATH` is off in the
  add-in's sheet), so the path was of no use there.
- The DLL is also looked for in the folder the installer wrote (`DLL_DIR_WIN`): pip puts
  it in `%APPDATA%\\Python` when Python is installed for all users under Program Files.
- xlwings' English messages (DLL not loaded, AppleScript missing, Python's traceback)
  become the add-in's French ones (`PointageShowError`, RibbonPointage.bas), the detail
  going to a log file whose path the message gives.
"""

from __future__ import annotations

PROJECT_LINE = 'Public Const PROJECT_NAME As String = "myaddin"'
DLL_FOLDER_KEY = "DLL_DIR_WIN"

EDITS: tuple[tuple[str, str], ...] = (
    (PROJECT_LINE, PROJECT_LINE.replace("myaddin", "pointage")),
    # XLPyCommand (Excel branch): the same command whatever workbook is active.
    (
        'PYTHONPATH = AddExcelDir & ";" & ActiveWorkbook.FullName & ";" & ThisWorkbook.FullName & ";" & '
        'GetConfig("ONEDRIVE_CONSUMER_WIN")',
        'PYTHONPATH = AddExcelDir & ";;" & ThisWorkbook.FullName & ";" & GetConfig("ONEDRIVE_CONSUMER_WIN")',
    ),
    # XLPyLoadDLL: a third folder, then a French sentence instead of xlwings' English one.
    (
        """            If LoadLibrary(ParentFolder(ParentFolder(PYTHON_WIN)) + "\\" + XLPyDLLName) = 0 Then  ' Virtualenv
                Err.Raise 1, Description:= _
                    "Could not load " + XLPyDLLName + " from either of the following folders: " _
                    + vbCrLf + ParentFolder(PYTHON_WIN) _
                    + vbCrLf + ", " + ParentFolder(ParentFolder(PYTHON_WIN))
            End If""",
        f"""            If LoadLibrary(ParentFolder(ParentFolder(PYTHON_WIN)) + "\\" + XLPyDLLName) = 0 Then  ' Virtualenv
                If LoadLibrary(GetConfig("{DLL_FOLDER_KEY}") + "\\" + XLPyDLLName) = 0 Then  ' pip --user
                    Err.Raise 1, Description:=PointageDllMissing(XLPyDLLName, ParentFolder(PYTHON_WIN))
                End If
            End If""",
    ),
    # ExecuteMac: the AppleScript is not where Excel runs it from.
    (
        """    MsgBox "To enable RunPython, please run 'xlwings runpython install' in a terminal once and try again.", vbCritical""",
        """    PointageAppleScriptMissing "xlwings-" & XLWINGS_VERSION & ".applescript\"""",
    ),
    # ShowError: every error xlwings shows (Python's traceback, a COM error) goes through
    # the add-in's French message; the rest of xlwings' procedure is never reached.
    (
        """Sub ShowError(FileName As String, Optional Message As String = "")
    ' Shows a MsgBox with the content of a text file
""",
        """Sub ShowError(FileName As String, Optional Message As String = "")
    PointageShowError FileName, Message
    Exit Sub
""",
    ),
)


class ModuleChanged(Exception):
    """xlwings' module no longer holds a passage the add-in edits."""


def edited_xlwings_module(source: str) -> str:
    """xlwings' module with the add-in's edits (its lines end in CRLF in the template)."""
    crlf = "\r\n" in source
    text = source.replace("\r\n", "\n")
    for old, new in EDITS:
        if text.count(old) != 1:
            raise ModuleChanged(old.strip().splitlines()[0][:80])
        text = text.replace(old, new)
    return text.replace("\n", "\r\n") if crlf else text
