"""`pointage addin installer` and `desinstaller`: the add-in set up for the Python that runs
the command, with nothing to type in a hidden folder.

The installer builds the `.xlam` for the installed xlwings (its VBA declares the DLL
and AppleScript of one exact xlwings version), copies it to the folder Excel opens at
start-up (a trusted location), and writes in the user's config file the interpreter
that runs it (conda's path and environment when it runs from conda). xlwings reads
that file after the add-in's own config sheet, which holds no interpreter key.

What a click then needs outside Excel is put in place, or said before Excel opens:
on macOS xlwings' AppleScript, in the only folder `AppleScriptTask` runs scripts from;
on Windows xlwings' DLL, which the add-in loads from the interpreter's folder, its
parent (a venv), or the folder written as `DLL_DIR_WIN` (pip's user folder, where a
Python installed for all users under Program Files gets it).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from pointage.addin.xlwings_module import DLL_FOLDER_KEY
from pointage.base import exit_codes
from pointage.base.errors import os_reason
from pointage.base.files import write_atomically

ADDIN_NAME = "pointage.xlam"
WINDOWS, MACOS = "windows", "macos"
# Keys of the user's config file that the installer sets, and removes when uninstalling.
INSTALLED_KEYS = ("Interpreter_Win", "Interpreter_Mac", "Conda Path", "Conda Env", DLL_FOLDER_KEY)
APPLESCRIPT_FOLDER = ("Library", "Application Scripts", "com.microsoft.Excel")


@dataclass(frozen=True)
class Places:
    config: Path  # the user's config file, as xlwings' VBA looks for it
    startup: Path  # the folder Excel opens every add-in of at start-up


def places(system: str, home: Path, environ: dict[str, str]) -> Places:
    """Where the config file and the add-in go, as xlwings' VBA and Excel look for them."""
    if system == WINDOWS:
        appdata = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
        return Places(home / ".pointage" / "pointage.conf", appdata / "Microsoft" / "Excel" / "XLSTART")
    # macOS: Excel is sandboxed; its home is its container, where GetConfigFilePath looks.
    container = home / "Library" / "Containers" / "com.microsoft.Excel" / "Data"
    startup = (
        home
        / "Library"
        / "Group Containers"
        / "UBF8T346G9.Office"
        / "User Content.localized"
        / "Startup.localized"
        / "Excel"
    )
    return Places(container / "pointage.conf", startup)


def settings(
    system: str,
    executable: PurePath,
    environ: dict[str, str],
    exists: Callable[[PurePath], bool] = os.path.exists,
) -> dict[str, str]:
    """The config keys for the Python that runs the installer (`exists` looks at the disk
    that Python is on: a test plays a Windows disk from Linux)."""
    if system == WINDOWS:
        # pythonw.exe: no console window opens at each click.
        windowless = executable.with_name("pythonw.exe")
        found = {"Interpreter_Win": str(windowless if exists(windowless) else executable)}
    else:
        found = {"Interpreter_Mac": str(executable)}
    prefix, conda = environ.get("CONDA_PREFIX"), environ.get("CONDA_EXE")
    if prefix and conda and Path(sys.prefix).resolve() == Path(prefix).resolve():
        # xlwings activates the environment itself from these two.
        found["Conda Path"] = str(Path(conda).resolve().parents[1])
        found["Conda Env"] = environ.get("CONDA_DEFAULT_ENV") or Path(prefix).name
    return found


def read_config(path: Path) -> dict[str, str]:
    """The user's config file: one `"key","value"` line per setting (VBA `Input #`)."""
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines():
        key, sep, value = line.partition(",")
        if sep:
            found[key.strip().strip('"')] = value.strip().strip('"')
    return found


def config_text(config: dict[str, str]) -> str:
    # CRLF and no BOM: VBA's `Input #` reads the file with the ANSI code page, line by line.
    return "".join(f'"{key}","{value}"\r\n' for key, value in config.items())


def _encoded(config: dict[str, str], system: str) -> bytes:
    # Windows' VBA reads the file in the ANSI code page (cp1252 for French), macOS's in UTF-8.
    return config_text(config).encode("cp1252" if system == WINDOWS else "utf-8", errors="replace")


def xlwings_version() -> str:
    import xlwings

    return xlwings.__version__


def applescript_name() -> str:
    return f"xlwings-{xlwings_version()}.applescript"


def applescript_place(home: Path) -> Path:
    """Where Excel's `AppleScriptTask` finds xlwings' script (macOS)."""
    return home.joinpath(*APPLESCRIPT_FOLDER, applescript_name())


def dll_names() -> tuple[str, str]:
    version = xlwings_version()
    return f"xlwings64-{version}.dll", f"xlwings32-{version}.dll"


def dll_folders(executable: PurePath, environ: dict[str, str]) -> list[PurePath]:
    """The folders the add-in loads xlwings' DLL from, in its order: the interpreter's
    (a standard install), its parent (a venv), pip's user folder (`--user`, which pip
    chooses when the interpreter's own folder cannot be written: Program Files)."""
    folders = [executable.parent, executable.parent.parent]
    appdata = environ.get("APPDATA")
    if appdata:
        folders.append(type(executable)(appdata) / "Python")
    return folders


def dll_folder(
    executable: PurePath, environ: dict[str, str], exists: Callable[[PurePath], bool] = os.path.exists
) -> PurePath | None:
    """The first folder of `dll_folders` that holds xlwings' DLL, or None."""
    for folder in dll_folders(executable, environ):
        if any(exists(folder / name) for name in dll_names()):
            return folder
    return None


def dll_missing_lines(executable: PurePath, environ: dict[str, str]) -> list[str]:
    folders = ", ".join(str(f) for f in dll_folders(executable, environ))
    return [
        f"ATTENTION : la bibliothèque {dll_names()[0]} de xlwings est introuvable ({folders}) :",
        "  les boutons du complément diraient « Pointage ne trouve pas la bibliothèque » au premier clic.",
        f"  Avant d'ouvrir Excel, réinstallez xlwings dans ce Python : {executable} -m pip install "
        f"--force-reinstall xlwings=={xlwings_version()}",
        "  puis relancez « pointage addin installer ».",
    ]


@dataclass(frozen=True)
class Installation:
    lines: list[str]  # what was done and what to do, in French
    complete: bool  # False when a click would still fail (the lines say why)


def install(
    system: str,
    home: Path,
    executable: PurePath,
    environ: dict[str, str],
    addin: bytes,
    exists: Callable[[PurePath], bool] = os.path.exists,
    where: Places | None = None,
) -> Installation:
    """Does the installation (`addin` is built for `system`: no custom functions on macOS).
    `where` defaults to `places` (a test gives them when `environ` holds another disk's paths)."""
    where = where or places(system, home, environ)
    config = read_config(where.config)
    for key in INSTALLED_KEYS:
        config.pop(key, None)
    chosen = settings(system, executable, environ, exists)
    found_dll = dll_folder(executable, environ, exists) if system == WINDOWS else None
    if found_dll is not None and found_dll not in (executable.parent, executable.parent.parent):
        chosen[DLL_FOLDER_KEY] = str(found_dll)
    config.update(chosen)
    where.config.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(where.config, _encoded(config, system))
    where.startup.mkdir(parents=True, exist_ok=True)
    target = where.startup / ADDIN_NAME
    write_atomically(target, addin)
    interpreter = chosen.get("Interpreter_Win") or chosen.get("Interpreter_Mac")
    lines = [
        f"Complément copié : {target} (Excel l'ouvre à chaque démarrage).",
        f"Réglages écrits : {where.config}",
        f"  Python utilisé par le complément : {interpreter}",
    ]
    if "Conda Env" in chosen:
        lines.append(f"  environnement conda : {chosen['Conda Env']} ({chosen['Conda Path']})")
    complete = True
    if system == MACOS:
        script = applescript_place(home)
        script.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(script, applescript_source().read_bytes())
        lines.append(f"Script de xlwings copié : {script} (Excel le lance à chaque clic).")
    elif found_dll is None:
        lines += dll_missing_lines(executable, environ)
        complete = False
    else:
        lines.append(f"  bibliothèque de xlwings : {found_dll}")
    lines += [
        "",
        "À faire maintenant :",
        "  1. Fermez Excel s'il est ouvert, puis rouvrez-le : l'onglet « Pointage » apparaît dans le ruban.",
    ]
    if system == WINDOWS:
        lines.append(
            "  2. Si Excel affiche « Les macros ont été bloquées » : votre service informatique doit "
            f"autoriser le dossier {where.startup} (emplacement approuvé) ou signer le complément."
        )
    else:
        lines.append(
            "  2. Au premier clic, macOS demande d'autoriser Excel à contrôler « Script Editor » "
            "ou à accéder aux fichiers : répondez OK. Les fonctions de feuille de calcul "
            "(MONTANT_ATTENDU…) ne sont pas disponibles sur macOS ; les boutons le sont."
        )
    lines.append("  3. Pour contrôler ce que trouvera un clic : pointage addin verifier")
    return Installation(lines, complete)


def applescript_source() -> Path:
    """xlwings' AppleScript, shipped in the xlwings package."""
    import xlwings

    return Path(xlwings.__file__).parent / applescript_name()


def uninstall(system: str, home: Path, environ: dict[str, str]) -> list[str]:
    where = places(system, home, environ)
    lines = []
    target = where.startup / ADDIN_NAME
    if target.exists():
        target.unlink()
        lines.append(f"Complément retiré : {target}")
    else:
        lines.append(f"Aucun complément Pointage dans {where.startup}.")
    config = read_config(where.config)
    if any(key in config for key in INSTALLED_KEYS):
        for key in INSTALLED_KEYS:
            config.pop(key, None)
        if config:
            write_atomically(where.config, _encoded(config, system))
            lines.append(f"Réglages de l'installateur retirés de {where.config} (les autres sont gardés).")
        else:
            where.config.unlink()
            lines.append(f"Réglages supprimés : {where.config}")
    if system == MACOS and applescript_place(home).exists():
        applescript_place(home).unlink()
        lines.append(f"Script de xlwings retiré : {applescript_place(home)}")
    lines.append("Redémarrez Excel : l'onglet « Pointage » n'y sera plus.")
    return lines


def current_system() -> str | None:
    """The system of this machine among those Excel runs on; None elsewhere (Linux…)."""
    if sys.platform.startswith("win"):
        return WINDOWS
    if sys.platform == "darwin":
        return MACOS
    return None


def excel_system(args: argparse.Namespace) -> str | None:
    """The system to install for (`--plateforme`, else this machine's), or None after
    saying, in French, that this machine has no Excel to install into."""
    system = args.plateforme or current_system()
    if system is None:
        print(
            f"pointage : le complément Pointage a besoin d'Excel sous Windows ou macOS ; ce système "
            f"({platform.system() or sys.platform}) n'a pas Excel. Lancez la commande sur le poste "
            "Windows ou Mac où Excel est installé.",
            file=sys.stderr,
        )
    return system


def run_installer(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from pointage.addin.build import BuildError, build_addin

    system = excel_system(args)
    if system is None:
        return exit_codes.USAGE
    try:
        done = install(
            system,
            Path.home(),
            Path(sys.executable),
            dict(os.environ),
            build_addin(functions=system == WINDOWS),
        )
    except BuildError as error:
        print(f"pointage : complément non construit : {error}", file=sys.stderr)
        return exit_codes.USAGE
    except OSError as error:
        print(f"pointage : installation impossible : {os_reason(error)}.", file=sys.stderr)
        return exit_codes.USAGE
    print("\n".join(done.lines))
    return exit_codes.OK if done.complete else exit_codes.ERREUR


def run_desinstaller(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    system = excel_system(args)
    if system is None:
        return exit_codes.USAGE
    try:
        lines = uninstall(system, Path.home(), dict(os.environ))
    except OSError as error:
        print(f"pointage : désinstallation impossible : {os_reason(error)}.", file=sys.stderr)
        return exit_codes.USAGE
    print("\n".join(lines))
    return exit_codes.OK
