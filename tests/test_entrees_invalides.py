"""Bad input: a French message, exit code 2, no traceback, the file unchanged."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from classeurs import construire

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def verifier(*paths: Path, fmt: str = "json") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", *map(str, paths), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(4096))
    return path


def _truncated(path: Path) -> Path:
    data = EXAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _encrypted(path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with EXAMPLE.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("motdepasse", target)
    return path


def _legacy_xls(path: Path) -> Path:
    # An OLE2 compound file: the container of .xls workbooks.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088)
    return path


def _empty_workbook(path: Path) -> Path:
    openpyxl.Workbook().save(path)
    return path


def _no_table(path: Path) -> Path:
    return construire(path, {"Notes": "Ordre du jour\nRapport n°54 | sans tableau"})


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _zip_not_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "bonjour")
    return path


def _zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


CASES = {
    "octets-aleatoires.xlsx": (_random_bytes, "ce n'est pas un classeur"),
    "tronque.xlsx": (_truncated, "endommagé"),
    "protege.xlsx": (_encrypted, "protégé par un mot de passe"),
    "ancien.xls": (_legacy_xls, "Excel 97-2003 (.xls)"),
    "tableur.ods": (_ods, "OpenDocument (.ods)"),
    "archive.xlsx": (_zip_not_workbook, "l'archive ne contient aucun classeur"),
    "zero.xlsx": (_zero_bytes, "le fichier est vide"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_in_french_with_exit_code_2(name, tmp_path):
    make, words = CASES[name]
    path = make(tmp_path / name)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = verifier(path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [file] = json.loads(result.stdout)["files"]
    assert file["status"] == "illisible"
    assert file["tables"] == []
    [finding] = file["findings"]
    assert finding["code"] == "E000"
    assert words in finding["message"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# Workbooks that open but hold nothing Pointage understands: not unreadable.
NO_TABLE = {
    "vide.xlsx": (_empty_workbook, "le classeur est vide (aucune cellule remplie)."),
    "sans-tableau.xlsx": (_no_table, "il faut une ligne d'en-têtes comme STRUCTURE | MONTANT RETENU"),
}


@pytest.mark.parametrize("name", sorted(NO_TABLE))
def test_a_workbook_without_table_is_not_unreadable_and_exits_with_3(name, tmp_path):
    make, words = NO_TABLE[name]
    path = make(tmp_path / name)
    result = verifier(path)
    assert result.returncode == 3, result.stdout + result.stderr
    [file] = json.loads(result.stdout)["files"]
    assert file["status"] == "aucun_tableau"
    assert file["tables"] == []
    [finding] = file["findings"]
    assert (finding["code"], finding["severity"]) == ("E002", "info")
    assert finding["message"].startswith("Aucun tableau reconnu, rien n'a été vérifié : ")
    assert words in finding["message"]
    text = verifier(path, fmt="texte")
    assert text.returncode == 3
    assert (
        f"{path} — aucun tableau reconnu, rien de vérifié (0 erreur, 0 avertissement, 1 info)" in text.stdout
    )


def test_a_workbook_without_table_beside_checked_ones_changes_no_exit_code(tmp_path):
    # A commission's folder holds workbooks that are not annexes: they do not make it
    # look broken, nor hide an erreur.
    annexe = construire(
        tmp_path / "annexe.xlsx", {"Annexe": "STRUCTURE | MONTANT RETENU\nCCAS | 10\nTOTAL | 10"}
    )
    fausse = construire(
        tmp_path / "fausse.xlsx", {"Annexe": "STRUCTURE | MONTANT RETENU\nCCAS | 10\nTOTAL | 12"}
    )
    sans_tableau = _no_table(tmp_path / "sans-tableau.xlsx")
    result = verifier(sans_tableau, annexe)
    assert result.returncode == 0, result.stdout
    assert [f["status"] for f in json.loads(result.stdout)["files"]] == ["aucun_tableau", "ok"]
    assert verifier(sans_tableau, fausse).returncode == 1


def test_text_output_of_a_bad_file(tmp_path):
    result = verifier(_truncated(tmp_path / "tronque.xlsx"), fmt="texte")
    assert result.returncode == 2
    assert "illisible" in result.stdout and "[E000] Fichier illisible" in result.stdout


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    result = verifier(_truncated(tmp_path / "tronque.xlsx"), EXAMPLE)
    assert result.returncode == 2
    files = json.loads(result.stdout)["files"]
    assert [f["status"] for f in files] == ["illisible", "erreur"]
    assert len(files[1]["findings"]) == 5


def test_missing_file(tmp_path):
    result = verifier(tmp_path / "absent.xlsx")
    assert result.returncode == 2
    assert "introuvable" in result.stdout


def test_what_a_library_said_is_the_detail_never_the_sentence(tmp_path):
    # A bad CRC in a sheet: zipfile says « Bad CRC-32 for file … » in English.
    data = bytearray(EXAMPLE.read_bytes())
    with zipfile.ZipFile(EXAMPLE) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path = tmp_path / "crc.xlsx"
    path.write_bytes(bytes(data))
    run = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    (finding,) = json.loads(run.stdout)["files"][0]["findings"]
    assert finding["message"].startswith("Fichier illisible : le fichier est endommagé")
    assert finding["message"].isascii() is False and "CRC" not in finding["message"]
    assert finding["detail"].startswith(("BadZipFile: ", "error: "))
    text = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(path)], capture_output=True, text=True, timeout=120
    )
    assert "détail technique" not in text.stdout
    verbose = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", "--details", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"{' ' * 19}détail technique : {finding['detail']}" in verbose.stdout.splitlines()
