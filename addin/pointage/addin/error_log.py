"""The file that holds the detail of a failure, whose path the add-in's message gives.

One file, next to the user's config file (`%USERPROFILE%\\.pointage` on Windows, Excel's
container on macOS, which Excel's sandbox may write): the add-in's VBA writes what
xlwings or Windows said there (`PointageLogPath`, RibbonPointage.bas, same name), and
Python what went wrong in a click. Each failure replaces the previous one: the file
never grows.
"""

from __future__ import annotations

import os
from pathlib import Path

from pointage.addin.install import WINDOWS, current_system, places
from pointage.base.files import write_atomically

LOG_NAME = "pointage-erreur.log"


def log_path() -> Path:
    # Off Windows and macOS (the remote engine's server), the Windows layout under home.
    system = current_system() or WINDOWS
    return places(system, Path.home(), dict(os.environ)).config.parent / LOG_NAME


def write_detail(text: str) -> Path:
    """Writes `text` to the log file (UTF-8); its path. OSError when it cannot."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))
    return path
