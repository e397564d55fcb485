"""What the system refuses is said as what it is, in French, with the path and what to
do (exit code 2): access denied, a workbook open in Excel on another computer, a file
gone during a batch, a full or read-only disk. « erreur inattendue » is kept for the
bugs of Pointage. And the files Pointage writes get the user's umask.

The conditions are real where this machine allows it: root reads any file, so a
command runs without root's capabilities (`setpriv`); a full or read-only disk is a
small tmpfs mounted in a mount namespace of the test's own (`unshare -m`). Where the
system cannot make the condition, a stand-in raises the same OSError."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pointage.outputs.text_report import legend

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
OTHER = ROOT / "workbooks" / "exemples" / "cp-2022-11-21-inclusion-phase-3.xlsx"
POINTAGE = [sys.executable, "-m", "pointage"]
# Annexe 1 of the example has erreurs: its export is forced; the target follows.
EXPORT_ANNEXE_1 = [
    *POINTAGE,
    "exporter",
    str(EXAMPLE),
    "--feuille",
    "Annexe 1",
    "--malgre-erreurs",
    "--sortie",
]

DENIED = (
    "    erreur         [E000] Fichier illisible : accès refusé à « annexe.xlsx » : votre compte n'a pas le droit "
    "de lire ce fichier, ou un autre programme le tient ouvert ; demandez l'accès à la personne qui "
    "gère le dossier (ou fermez le programme), puis relancez la vérification."
)
OPEN_IN_EXCEL = (
    "    erreur         [E000] Fichier illisible : « annexe.xlsx » est ouvert dans Excel sur un autre poste "
    "(fichier de verrou « ~$annexe.xlsx » à côté) et sa lecture est refusée : demandez à la "
    "personne qui l'a ouvert de le fermer, puis relancez la vérification."
)


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions hold (root reads a 0000 file)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: file permissions cannot be made to hold")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"]


def _on_a_small_disk(folder: Path, options: str, command: list[str]) -> subprocess.CompletedProcess:
    """`command` with `folder` a fresh tmpfs mounted with `options` (`size=8k`, `ro`),
    seen by the command only; stderr ends with `LEFT:` and what the folder holds after."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode:
        pytest.skip("no mount namespace here: a small disk cannot be mounted")
    script = (
        'mount -t tmpfs -o "$1" pointage-test "$2" || exit 99; folder=$2; shift 2; "$@"; code=$?; '
        'echo "LEFT:$(ls -A "$folder")" >&2; exit $code'
    )
    return subprocess.run(
        [unshare, "-m", "sh", "-c", script, "sh", options, str(folder), *command],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def denied(tmp_path):
    """A copy of the example that its owner's account may not read."""
    path = tmp_path / "annexe.xlsx"
    shutil.copy(EXAMPLE, path)
    path.chmod(0)
    return path


def test_a_file_the_user_may_not_read_is_said_so(denied):
    run = subprocess.run(
        [*_without_root_powers(), *POINTAGE, "verifier", str(denied)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stderr) == (2, "")
    assert run.stdout.splitlines() == [
        f"{denied} — illisible (1 erreur, 0 avertissement, 0 info)",
        DENIED,
        "",
        legend(),
    ]


def test_a_workbook_open_in_excel_on_another_computer_is_said_so_in_a_batch(denied):
    (denied.parent / "~$annexe.xlsx").write_bytes(b"\x0bMarie Dupont" + b" " * 42)
    shutil.copy(OTHER, denied.parent / "autre.xlsx")
    run = subprocess.run(
        [*_without_root_powers(), *POINTAGE, "verifier", str(denied.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stderr) == (2, "")
    lines = run.stdout.splitlines()
    assert lines[:2] == [f"{denied} — illisible (1 erreur, 0 avertissement, 0 info)", OPEN_IN_EXCEL]
    assert f"{denied.parent / 'autre.xlsx'} — à regarder (0 erreur, 1 avertissement, 0 info)" in lines


def test_an_os_error_is_the_systems_and_a_bug_stays_unexpected(tmp_path, monkeypatch):
    """Where the system cannot make the condition: the reader raises what it would."""
    from pointage.engine import check

    path = tmp_path / "annexe.xlsx"
    shutil.copy(EXAMPLE, path)
    cases = [
        # Windows says a sharing violation (a file Excel holds) as EACCES.
        (PermissionError(errno.EACCES, "Permission denied"), DENIED.split("Fichier illisible : ")[1]),
        (
            OSError(errno.EIO, "Input/output error"),
            "la lecture de « annexe.xlsx » a été interrompue (erreur d'entrée-sortie du disque ou du "
            "réseau) : vérifiez l'accès au disque ou au dossier partagé, puis relancez la vérification.",
        ),
        # A library's own error, without a system error code: a bug, said as one.
        (OSError("cannot parse"), check.UNEXPECTED_READING),
    ]
    for error, reason in cases:

        def refused(where, while_loading=None, error=error):
            raise error

        monkeypatch.setattr(check, "read_workbook", refused)
        report = check.check_path(path)
        (finding,) = report.findings
        assert (finding.code, report.unreadable, finding.message) == (
            "E000",
            True,
            f"Fichier illisible : {reason}",
        )
        assert finding.detail.startswith(type(error).__name__ + ": ")


def test_a_file_deleted_during_a_batch(tmp_path):
    """Listed, then deleted while the first file is checked: said as gone, not as a bug."""
    from pointage.commands.verifier import workbook_paths
    from pointage.engine.batch import check_files

    shutil.copy(EXAMPLE, tmp_path / "a.xlsx")
    shutil.copy(OTHER, tmp_path / "b.xlsx")
    files, missing, skipped, copies = workbook_paths([str(tmp_path)])
    assert [p.name for p, _ in files] == ["a.xlsx", "b.xlsx"] and not (missing or skipped or copies)

    def delete_the_next(done, total, report):
        if done == 1:
            (tmp_path / "b.xlsx").unlink()

    first, second = check_files(files, progress=delete_the_next, workers=1)
    assert first.status == "erreur"
    assert (second.status, [f.code for f in second.findings]) == ("illisible", ["E000"])
    assert second.findings[0].message == (
        "Fichier illisible : « b.xlsx » a disparu pendant la vérification (déplacé, renommé ou "
        "supprimé) : vérifiez où il se trouve, puis relancez la vérification."
    )


def test_a_copy_on_a_full_disk(tmp_path):
    disk = tmp_path / "disque"
    disk.mkdir()
    target = disk / "copie.xlsx"
    run = _on_a_small_disk(
        disk, "size=8k", [*POINTAGE, "verifier", str(EXAMPLE), "--annoter", "--sortie", str(target)]
    )
    assert run.returncode == 2
    assert run.stdout.splitlines()[-1] == (
        f"Copie annotée non écrite pour {EXAMPLE} : plus de place sur le disque pour écrire "
        f"« {target} » (rien n'a été écrit) : libérez de la place ou choisissez un autre dossier "
        "avec --sortie."
    )
    assert run.stderr == "LEFT:\n"  # no half copy, no temporary file left behind


def test_an_export_to_a_read_only_disk(tmp_path):
    disk = tmp_path / "disque"
    disk.mkdir()
    target = disk / "annexe.docx"
    command = [*EXPORT_ANNEXE_1, str(target)]
    run = _on_a_small_disk(disk, "ro,size=64k", command)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"pointage : le disque de « {target} » est en lecture seule (rien n'a été écrit) : choisissez "
        "un autre dossier avec --sortie.\nLEFT:\n"
    )


def _verifier_in_a_closed_folder(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`pointage verifier ARGS` while `folder` refuses to be written in (0555), run
    without root's powers so that the refusal holds."""
    folder.chmod(0o555)
    try:
        return subprocess.run(
            [*_without_root_powers(), *POINTAGE, "verifier", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        folder.chmod(0o755)


def test_a_copy_open_in_excel_is_not_replaced(tmp_path):
    """Excel holds the copy of a previous run: its lock file is there, the folder refuses."""
    folder = tmp_path / "partage"
    folder.mkdir()
    target = folder / "copie.xlsx"
    target.write_bytes(b"previous copy")
    (folder / "~$copie.xlsx").write_bytes(b"\x0bMarie Dupont")
    run = _verifier_in_a_closed_folder(
        folder, str(EXAMPLE), "--annoter", "--sortie", str(target), "--remplacer"
    )
    assert run.returncode == 2
    assert run.stdout.splitlines()[-1] == (
        f"Copie annotée non écrite pour {EXAMPLE} : « {target} » est ouvert dans Excel (fichier de "
        "verrou « ~$copie.xlsx » à côté) : fermez-le dans Excel puis relancez, ou choisissez un "
        "autre nom avec --sortie."
    )
    assert target.read_bytes() == b"previous copy"


def test_a_copy_the_folder_refuses_names_the_copy_and_the_way_out(tmp_path):
    """Issue 28: « accès refusé » alone said neither which file nor what to do."""
    folder = tmp_path / "partage"
    folder.mkdir()
    workbook = shutil.copy(EXAMPLE, folder / "annexe.xlsx")
    run = _verifier_in_a_closed_folder(folder, str(workbook), "--annoter")
    assert run.returncode == 2
    assert run.stdout.splitlines()[-1] == (
        f"Copie annotée non écrite pour {workbook} : écriture refusée dans "
        f"« {folder / 'annexe.pointage.xlsx'} » : votre compte n'a pas le droit d'écrire dans ce "
        "dossier, ou le fichier est ouvert dans un autre programme ; fermez-le ou choisissez un "
        "autre dossier avec --sortie."
    )


def test_a_full_disk_when_writing_the_template(tmp_path, monkeypatch, capsys):
    """The same refusal where no small disk can be mounted: the rename says ENOSPC."""
    from pointage.base import files
    from pointage.cli import main

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(source))

    monkeypatch.setattr(files.os, "replace", full)
    target = tmp_path / "modele.xlsx"
    assert main(["modele", "--sortie", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"pointage : plus de place sur le disque pour écrire « {target} » (rien n'a été écrit) : "
        "libérez de la place ou choisissez un autre dossier avec --sortie.\n"
    )
    assert list(tmp_path.iterdir()) == []


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o007, 0o660)], ids=["022", "007"])
def test_written_files_get_the_users_umask(umask, mode, tmp_path):
    def pointage(*args: str) -> None:
        run = subprocess.run([*POINTAGE, *args], capture_output=True, text=True, timeout=120, umask=umask)
        assert run.returncode in (0, 1), run.stderr

    pointage("modele", "--sortie", str(tmp_path / "modele.xlsx"))
    pointage("verifier", str(EXAMPLE), "--annoter", "--sortie", str(tmp_path / "copie.xlsx"))
    pointage(*EXPORT_ANNEXE_1[len(POINTAGE) :], str(tmp_path / "a.docx"))
    assert {p.name: _mode(p) for p in tmp_path.iterdir()} == {
        "modele.xlsx": mode,
        "copie.xlsx": mode,
        "a.docx": mode,
    }


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "modele.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    run = subprocess.run(
        [*POINTAGE, "modele", "--sortie", str(target), "--remplacer"],
        capture_output=True,
        timeout=120,
        umask=0o022,
    )
    assert run.returncode == 0
    assert (_mode(target), target.read_bytes()[:2]) == (0o640, b"PK")
