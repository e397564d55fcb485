"""`pointage addin calc`: the LibreOffice extension (.oxt), built for this Pointage.

An .oxt is a zip: a manifest, a description, two configuration files (the Pointage
menu and toolbar of Calc, and the `org.pointage.calc:` commands they send) and the
Python component that answers them (`oxt/pointage_calc.py`). The component runs in
LibreOffice's Python, without Pointage: what it needs of Pointage is written into the
extension here, as `pointage_calc_base` beside it. Two of Pointage's own modules,
standard library only, are copied as they are (the A1 addresses, the marks of
Pointage's sheets); `settings.py` holds the path of the `pointage` command that
builds the extension and the journal's words, taken from the Excel add-in's modules.
The zip's dates are fixed: the same Pointage gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pointage.base.addresses
import pointage.base.own_sheets
from pointage.addin import journal
from pointage.addin.controls_sheet import POINTS_PER_CHAR
from pointage.addin.ribbon import BUTTONS as RIBBON_BUTTONS
from pointage.base import exit_codes
from pointage.base.files import write_built_file
from pointage.base.own_sheets import CONTROLES_MARK, CONTROLES_SHEET, JOURNAL_MARK, JOURNAL_SHEET
from pointage.calc.payload import CHECKED, PAYLOAD_VERSION

IDENTIFIER = "org.pointage.calc"
COMPONENT = "pointage_calc.py"
BASE = "pythonpath/pointage_calc_base"
# The time a click waits for Pointage; a workbook of the biggest size checked takes a
# few tens of seconds.
TIMEOUT_SECONDS = 600
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
# Each button: the command it sends, and the label of the Excel add-in's button that does
# the same (the same words in both, for the users and their guides).
_LABELS = {button.id: button.label for button in RIBBON_BUTTONS}
BUTTONS = (("verifier", _LABELS["pointage_verifier"]), ("effacer", _LABELS["pointage_effacer"]))
CALC = "com.sun.star.sheet.SpreadsheetDocument"
_OOR = 'xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'


def default_command() -> Path:
    """The `pointage` command of the Python running this one (a venv's `bin/` or `Scripts\\`)."""
    name = "pointage.exe" if sys.platform == "win32" else "pointage"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which("pointage")
    return Path(found) if found else beside


def settings_source(command: Path) -> str:
    """`settings.py` of the extension: Python literals only."""
    values: dict[str, object] = {
        "POINTAGE": str(command),
        "TIMEOUT_SECONDS": TIMEOUT_SECONDS,
        "PAYLOAD_VERSION": PAYLOAD_VERSION,
        "CHECKED": CHECKED,
        "JOURNAL_HEADERS": journal.HEADERS,
        "NO_FILL": journal.NO_FILL,
        "UNKNOWN_FILL": journal.UNKNOWN_FILL,
        "NOTE_ADDED": journal.NOTE_ADDED,
        "NOTE_EXTENDED": journal.NOTE_EXTENDED,
        "NOTE_UNTOUCHED": journal.NOTE_UNTOUCHED,
        "OWN_SHEETS": ((CONTROLES_MARK, CONTROLES_SHEET), (JOURNAL_MARK, JOURNAL_SHEET)),
        "POINTS_PER_CHAR": POINTS_PER_CHAR,
        "RESTORED": ("cellule rétablie", "cellules rétablies"),
        "THOUSANDS": " ",
    }
    lines = ['"""Written by `pointage addin calc`: what the extension knows of this Pointage."""', ""]
    lines += [f"{name} = {value!r}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def manifest_xml() -> str:
    entries = [
        ("application/vnd.sun.star.uno-component;type=Python", COMPONENT),
        ("application/vnd.sun.star.configuration-data", "Addons.xcu"),
        ("application/vnd.sun.star.configuration-data", "ProtocolHandler.xcu"),
    ]
    lines = "".join(
        f' <manifest:file-entry manifest:media-type="{kind}" manifest:full-path="{path}"/>\n'
        for kind, path in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">\n'
        f"{lines}</manifest:manifest>\n"
    )


def description_xml(version: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<description xmlns="http://openoffice.org/extensions/description/2006" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        f' <identifier value="{IDENTIFIER}"/>\n'
        f' <version value="{escape(version)}"/>\n'
        ' <dependencies><OpenOffice.org-minimal-version xmlns:d="http://openoffice.org/extensions/'
        'description/2006" d:name="OpenOffice.org 4.1" value="4.1"/></dependencies>\n'
        ' <display-name><name lang="fr">Pointage</name></display-name>\n'
        "</description>\n"
    )


def _prop(name: str, value: str) -> str:
    return f'<prop oor:name="{name}" oor:type="xs:string"><value>{escape(value)}</value></prop>'


def _item(node: str, action: str, label: str) -> str:
    props = (
        _prop("URL", f"{IDENTIFIER}:{action}")
        + _prop("Title", label)
        + _prop("Target", "_self")
        + _prop("Context", CALC)
    )
    return f'<node oor:name="{node}" oor:op="replace">{props}</node>'


def addons_xcu() -> str:
    """The Pointage menu (beside Calc's own) and a toolbar, both in Calc only."""
    menu = "".join(_item(f"m{i}", action, label) for i, (action, label) in enumerate(BUTTONS, 1))
    toolbar = "".join(_item(f"t{i}", action, label) for i, (action, label) in enumerate(BUTTONS, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<oor:component-data {_OOR} oor:name="Addons" oor:package="org.openoffice.Office">\n'
        '<node oor:name="AddonUI">\n'
        f'<node oor:name="OfficeMenuBar"><node oor:name="{IDENTIFIER}.menu" oor:op="replace">'
        f"{_prop('Title', 'Pointage')}{_prop('Target', '_self')}{_prop('Context', CALC)}"
        f'<node oor:name="Submenu">{menu}</node></node></node>\n'
        f'<node oor:name="OfficeToolBar"><node oor:name="{IDENTIFIER}.toolbar" oor:op="replace">'
        f"{toolbar}</node></node>\n"
        "</node>\n</oor:component-data>\n"
    )


def protocol_handler_xcu() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<oor:component-data {_OOR} oor:name="ProtocolHandler" oor:package="org.openoffice.Office">\n'
        f'<node oor:name="HandlerSet"><node oor:name="{IDENTIFIER}.Handler" oor:op="replace">'
        f'<prop oor:name="Protocols" oor:type="oor:string-list"><value>{IDENTIFIER}:*</value></prop>'
        "</node></node>\n</oor:component-data>\n"
    )


def build_extension(command: Path) -> bytes:
    """The .oxt's bytes, its component calling `command`."""
    from pointage import __version__

    here = Path(__file__).parent
    members = {
        "META-INF/manifest.xml": manifest_xml(),
        "description.xml": description_xml(__version__),
        "Addons.xcu": addons_xcu(),
        "ProtocolHandler.xcu": protocol_handler_xcu(),
        COMPONENT: (here / "oxt" / COMPONENT).read_text(encoding="utf-8"),
        f"{BASE}/__init__.py": '"""What Pointage gives its Calc extension (see pointage.calc.build)."""\n',
        f"{BASE}/settings.py": settings_source(command),
        f"{BASE}/addresses.py": Path(pointage.base.addresses.__file__).read_text(encoding="utf-8"),
        f"{BASE}/own_sheets.py": Path(pointage.base.own_sheets.__file__).read_text(encoding="utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def run_calc(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    target = Path(args.sortie)
    if target.suffix.lower() != ".oxt":
        print(
            f"pointage : l'extension LibreOffice est un fichier .oxt, pas « {target.name} ».", file=sys.stderr
        )
        return exit_codes.USAGE
    command = Path(args.pointage) if args.pointage else default_command()
    if not command.is_file():
        print(
            f"pointage : la commande pointage est introuvable ({command}) : indiquez-la avec --pointage.",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    refusal = write_built_file(target, lambda: build_extension(command.resolve()), args.remplacer)
    if refusal:
        print(f"pointage : {refusal}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"Extension LibreOffice écrite : {target} (elle appelle {command.resolve()})")
    return exit_codes.OK
