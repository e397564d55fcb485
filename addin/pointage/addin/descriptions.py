"""The French words Excel's « Insérer une fonction » shows for each custom function.

xlwings' ImportPythonUDFs sets them from Python through COM (`Application.MacroOptions`)
after importing the wrappers; the add-in ships the wrappers built, so its own
`Workbook_Open` sets them at each Excel start. The words are the functions' docstrings
and the `doc=` of their `@xw.arg` decorators, read from `functions.py`'s source:
off Windows, `@xw.arg` records nothing the build could read.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

CATEGORY = "Pointage"
# MacroOptions refuses a description or an argument description longer than this.
LIMIT = 255
# A VBA statement holds at most 24 line continuations; each argument takes one, the
# statement three more.
MAX_ARGUMENTS = 20
# Characters VBA's code page (1252) has no place for, and what the wizard shows instead.
_CP1252 = str.maketrans({"\u2212": "-", "\u202f": "\u00a0", "\u2009": " "})


@dataclass(frozen=True)
class Description:
    name: str
    text: str
    arguments: tuple[str, ...]


class DescriptionError(Exception):
    """A description the wizard cannot show; the message is French."""


def descriptions() -> list[Description]:
    """One Description per custom function (functions.UDFS), in that order."""
    import pointage.addin.functions as functions

    tree = ast.parse(Path(functions.__file__).read_text(encoding="utf-8"))
    defined = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    found = []
    for function in functions.UDFS:
        node = defined[function.__name__]
        docs = {}
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "arg":
                keywords = {k.arg: k.value for k in decorator.keywords}
                if "doc" in keywords:
                    docs[ast.literal_eval(decorator.args[0])] = ast.literal_eval(keywords["doc"])
        arguments = tuple(_shown(docs.get(a.arg, ""), function.__name__) for a in node.args.args)
        found.append(
            Description(
                function.__name__, _shown(ast.get_docstring(node) or "", function.__name__), arguments
            )
        )
    return found


def _shown(text: str, function: str) -> str:
    shown = " ".join(text.split()).translate(_CP1252)
    if len(shown) > LIMIT:
        raise DescriptionError(f"la description de {function} dépasse {LIMIT} caractères ({len(shown)}).")
    try:
        shown.encode("cp1252")
    except UnicodeEncodeError as error:
        raise DescriptionError(
            f"la description de {function} contient « {shown[error.start]} », que VBA ne sait pas écrire."
        ) from None
    return shown


def _literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def workbook_module_code() -> str:
    """The code of the add-in's ThisWorkbook module: the descriptions, set at each start."""
    lines = [
        "Private Sub Workbook_Open()",
        "    ' The words of Excel's Insert Function dialog. Custom functions are Windows-only.",
        "    #If Not Mac Then",
        "    On Error Resume Next  ' a description refused never stops Excel's start-up",
        "    DescribeFunctions",
        "    ThisWorkbook.Saved = True  ' nothing to save in the add-in",
        "    #End If",
        "End Sub",
        "",
        "Private Sub DescribeFunctions()",
    ]
    for one in descriptions():
        if len(one.arguments) > MAX_ARGUMENTS:
            raise DescriptionError(
                f"{one.name} a {len(one.arguments)} arguments : VBA ne peut pas écrire leurs descriptions "
                f"en une instruction (au plus {MAX_ARGUMENTS})."
            )
        lines.append(f'    Application.MacroOptions Macro:="\'" & ThisWorkbook.Name & "\'!{one.name}", _')
        lines.append(f"        Description:={_literal(one.text)}, _")
        lines.append(f"        Category:={_literal(CATEGORY)}, _")
        arguments = ", _\n            ".join(_literal(a) for a in one.arguments)
        lines.append(f"        ArgumentDescriptions:=Array({arguments})")
    lines.append("End Sub")
    return "\n".join(lines).replace("\n", "\r\n") + "\r\n"
