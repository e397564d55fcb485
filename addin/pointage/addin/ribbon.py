"""The ribbon of the add-in: its buttons, and the customUI.xml that shows them.

Every button calls the same VBA procedure, which hands its id to
`pointage.addin.dispatch.run`; `dispatch.ACTIONS` has one entry per id here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

VBA_FOLDER = Path(__file__).parent  # the .bas files sit next to the build script
VBA_MODULE = "RibbonPointage"
VBA_CALLBACK = "PointageBouton"
ON_ACTION = f"{VBA_MODULE}.{VBA_CALLBACK}"


@dataclass(frozen=True)
class Button:
    id: str
    label: str
    image: str  # an imageMso of Office's built-in gallery
    tip: str


BUTTONS = (
    Button(
        "pointage_verifier",
        "Vérifier le classeur",
        "MacroPlay",
        "Vérifie les tableaux d'annexes, colore les cellules en cause et liste les "
        "anomalies dans la feuille « Contrôles ».",
    ),
    Button(
        "pointage_effacer",
        "Effacer les marques",
        "Delete",
        "Retire les couleurs et les notes posées par Pointage, et les feuilles "
        "« Contrôles » et « _pointage ».",
    ),
    Button(
        "pointage_copier",
        "Copier le tableau vérifié",
        "Copy",
        "Copie le tableau où se trouve la cellule active, vérifié, au format du rapport "
        "(à coller dans Word).",
    ),
    Button(
        "pointage_nouveau",
        "Nouveau classeur d'annexes",
        "FileNew",
        "Crée et ouvre un classeur d'annexes vierge, reconnu tel quel par Pointage.",
    ),
)


def custom_ui_xml() -> bytes:
    buttons = "\n".join(
        f'          <button id={quoteattr(b.id)} label={quoteattr(b.label)} size="large" '
        f"imageMso={quoteattr(b.image)} screentip={quoteattr(b.label)} "
        f"supertip={quoteattr(b.tip)} onAction={quoteattr(ON_ACTION)} />"
        for b in BUTTONS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">\n'
        "  <ribbon>\n"
        "    <tabs>\n"
        '      <tab id="pointageTab" label="Pointage">\n'
        '        <group id="pointageGroupe" label="Pointage">\n'
        f"{buttons}\n"
        "        </group>\n"
        "      </tab>\n"
        "    </tabs>\n"
        "  </ribbon>\n"
        "</customUI>\n"
    ).encode()


def vba_module_source() -> str:
    """The ribbon module's VBA, from `RibbonPointage.bas` (reviewed like code, French
    text written as it reads), without its `Attribute VB_Name` line, which the VBA
    project sets itself. VBA source is stored in the ANSI code page, which is not the
    same on every PC: each accented letter of a string becomes a `ChrW` code."""
    text = (VBA_FOLDER / f"{VBA_MODULE}.bas").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("Attribute VB_Name")]
    return "\r\n".join(_ascii_strings(line) for line in lines) + "\r\n"


_STRING = re.compile(r'"(?:[^"]|"")*"')


def _ascii_strings(line: str) -> str:
    """The line with every non-ASCII character of its strings spelt `" & ChrW(n) & "`."""

    def spelt(literal: re.Match[str]) -> str:
        return "".join(c if c.isascii() else f'" & ChrW({ord(c)}) & "' for c in literal.group(0))

    line = _STRING.sub(spelt, line)
    if not line.isascii():
        raise ValueError(f"RibbonPointage.bas: non-ASCII text outside a string: {line.strip()}")
    return line
