"""`pointage addin installer` / `desinstaller`: the add-in built for the installed xlwings,
copied where Excel opens it at start-up, and the interpreter that runs the command
written in the user's config file (which the add-in's config sheet no longer hides)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwings

from pointage.addin.build import build_addin
from pointage.addin.install import places, settings


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CONDA")}
    environ.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"), **env)
    return subprocess.run(
        [sys.executable, "-m", "pointage", "addin", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
    )


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("system", ["windows", "macos"])
def test_the_installer_writes_the_config_and_copies_the_addin(tmp_path, system):
    where = places(system, tmp_path, {"APPDATA": str(tmp_path / "AppData" / "Roaming")})
    where.config.parent.mkdir(parents=True)
    # The user's own settings are kept; an older interpreter is replaced.
    where.config.write_bytes(b'"Show Console","True"\r\n"Interpreter_Win","C:\\ancien\\python.exe"\r\n')
    # pip's user folder holds the DLL (this venv has none: a Linux wheel).
    user_base = tmp_path / "AppData" / "Roaming" / "Python"
    user_base.mkdir(parents=True)
    (user_base / f"xlwings64-{xlwings.__version__}.dll").touch()
    run = _run(tmp_path, "installer", "--plateforme", system)
    assert run.returncode == 0, run.stderr
    if system == "windows":
        written = f'"Interpreter_Win","{sys.executable}"\r\n"DLL_DIR_WIN","{user_base}"\r\n'
    else:
        written = f'"Interpreter_Mac","{sys.executable}"\r\n'
    assert where.config.read_bytes().decode() == '"Show Console","True"\r\n' + written
    copied = where.startup / "pointage.xlam"
    # No custom functions on macOS, where xlwings cannot run them.
    assert _parts(copied.read_bytes()) == _parts(build_addin(functions=system == "windows"))
    assert run.stdout.splitlines()[:3] == [
        f"Complément copié : {copied} (Excel l'ouvre à chaque démarrage).",
        f"Réglages écrits : {where.config}",
        f"  Python utilisé par le complément : {sys.executable}",
    ]
    if system == "macos":
        assert str(where.config).endswith("Library/Containers/com.microsoft.Excel/Data/pointage.conf")
    else:
        assert where.startup == tmp_path / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART"

    removed = _run(tmp_path, "desinstaller", "--plateforme", system)
    assert removed.returncode == 0, removed.stderr
    assert not copied.exists()
    assert where.config.read_bytes() == b'"Show Console","True"\r\n'


def test_pythonw_on_windows_and_conda_when_run_from_conda(tmp_path):
    python = tmp_path / "env" / "python.exe"
    python.parent.mkdir()
    python.touch()
    (tmp_path / "env" / "pythonw.exe").touch()
    conda = {
        "CONDA_PREFIX": sys.prefix,
        "CONDA_EXE": str(tmp_path / "miniconda3" / "bin" / "conda"),
        "CONDA_DEFAULT_ENV": "budget",
    }
    assert settings("windows", python, conda) == {
        "Interpreter_Win": str(tmp_path / "env" / "pythonw.exe"),
        "Conda Path": str((tmp_path / "miniconda3").resolve()),
        "Conda Env": "budget",
    }
    assert settings("macos", python, {}) == {"Interpreter_Mac": str(python)}
