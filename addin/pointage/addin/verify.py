"""`pointage addin verifier`: what a click on a Pointage button will find, said in French
before Excel is opened: the settings file xlwings' VBA reads, the add-in in Excel's
start-up folder, the interpreter, xlwings' DLL (Windows) or AppleScript (macOS) where
the add-in looks for them, and the modules that interpreter can import.

Each check looks where the add-in's VBA looks (pointage.addin.install keeps those
places), so that a check passing here is a click that starts Python there.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pointage.addin.install import (
    ADDIN_NAME,
    WINDOWS,
    applescript_place,
    current_system,
    dll_names,
    places,
    read_config,
    xlwings_version,
)
from pointage.addin.xlwings_module import DLL_FOLDER_KEY
from pointage.base import exit_codes

IMPORT_CHECK = "import xlwings, pointage.addin.dispatch; print(xlwings.__version__)"
IMPORT_TIMEOUT = 120  # seconds: a first import on a slow PC, antivirus scanning each file


@dataclass(frozen=True)
class Check:
    ok: bool
    text: str  # French, one line: what was found, or what to do


def checks(system: str, home: Path, environ: dict[str, str]) -> list[Check]:
    where = places(system, home, environ)
    found: list[Check] = []
    if not where.config.exists():
        return [
            Check(False, f"Aucun réglage dans {where.config} : lancez « pointage addin installer »."),
        ]
    config = {key.lower(): value for key, value in read_config(where.config).items()}
    found.append(Check(True, f"Réglages lus : {where.config}"))
    addin = where.startup / ADDIN_NAME
    found.append(
        Check(True, f"Complément présent : {addin}")
        if addin.exists()
        else Check(False, f"Complément absent de {where.startup} : lancez « pointage addin installer ».")
    )
    key = "interpreter_win" if system == WINDOWS else "interpreter_mac"
    interpreter = config.get(key, "")
    if not interpreter:
        found.append(
            Check(False, "Aucun Python indiqué dans les réglages : lancez « pointage addin installer ».")
        )
        return found
    python = Path(interpreter)
    if not python.is_file():
        found.append(
            Check(
                False,
                f"Python introuvable : {python} (désinstallé ou déplacé) : relancez « pointage addin "
                "installer » avec le Python où Pointage est installé.",
            )
        )
        return found
    found.append(Check(True, f"Python : {python}"))
    found.append(_dll(python, config) if system == WINDOWS else _applescript(home))
    found.append(_modules(python))
    return found


def _dll(python: Path, config: dict[str, str]) -> Check:
    """The folders xlwings' loader tries, in its order (xlwings_module's edit of XLPyLoadDLL)."""
    folders = [python.parent, python.parent.parent]
    if config.get(DLL_FOLDER_KEY.lower()):
        folders.append(Path(config[DLL_FOLDER_KEY.lower()]))
    for folder in folders:
        for name in dll_names():
            if (folder / name).is_file():
                return Check(True, f"Bibliothèque de xlwings : {folder / name}")
    return Check(
        False,
        f"Bibliothèque {dll_names()[0]} introuvable dans {', '.join(str(f) for f in folders)} : "
        f"{python} -m pip install --force-reinstall xlwings=={xlwings_version()}, puis "
        "« pointage addin installer ».",
    )


def _applescript(home: Path) -> Check:
    script = applescript_place(home)
    if script.is_file():
        return Check(True, f"Script de xlwings : {script}")
    return Check(False, f"Script de xlwings absent ({script}) : lancez « pointage addin installer ».")


def _modules(python: Path) -> Check:
    try:
        run = subprocess.run(
            [str(python), "-c", IMPORT_CHECK],
            capture_output=True,
            text=True,
            timeout=IMPORT_TIMEOUT,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Check(False, f"Python n'a pas pu être lancé ({type(error).__name__}) : réinstallez Python.")
    if run.returncode != 0:
        missing = next((line for line in reversed(run.stderr.splitlines()) if line.strip()), "")
        return Check(
            False,
            f"Ce Python n'importe pas Pointage et xlwings ({missing}) : installez-y Pointage, puis "
            "relancez « pointage addin installer ».",
        )
    version = run.stdout.strip()
    if version != xlwings_version():
        return Check(
            False,
            f"Ce Python a xlwings {version}, le complément a été construit pour {xlwings_version()} : "
            "relancez « pointage addin installer » avec ce Python.",
        )
    return Check(True, f"Modules importables : pointage, xlwings {version}")


def without_excel() -> list[Check]:
    """On a system without Excel (Linux): what can be checked, this Python's modules."""
    here = platform.system() or sys.platform
    return [
        Check(
            False,
            f"Pas d'Excel sur ce système ({here}) : lancez la commande sur le poste Windows ou Mac, ou "
            "ajoutez --plateforme windows|macos pour contrôler une installation faite avec cette option.",
        ),
        _modules(Path(sys.executable)),
    ]


def run_verifier_addin(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    system = args.plateforme or current_system()
    if system is None:
        print("Ce que trouverait un clic sur un bouton Pointage :")
        found = without_excel()
    else:
        name = "Windows" if system == WINDOWS else "macOS"
        print(f"Ce que trouvera un clic sur un bouton Pointage (Excel sous {name}) :")
        found = checks(system, Path.home(), dict(os.environ))
    for check in found:
        print(f"  {'OK' if check.ok else 'À CORRIGER'} — {check.text}")
    good = all(check.ok for check in found)
    print("Tout est en place." if good else "Un clic échouerait : corrigez les lignes « À CORRIGER ».")
    sys.stdout.flush()
    return exit_codes.OK if good else exit_codes.ERREUR
