"""Hostile workbooks cost bounded memory by construction: each one, made here
(`fichiers_hostiles.py`, nothing committed), is run through `pointage verifier` in a
process of its own and must end with its French reason (or be read) within 512 MiB of
peak memory and 30 s of CPU, measured for that process alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

from fichiers_hostiles import bombe_menteuse, ods_lointain, xls_dense, xlsb_lointain, xlsx_sans_references

MAX_RSS_MIB = 512
MAX_CPU_S = 30
# The wrapper is a fresh process: its RUSAGE_CHILDREN is Pointage's run alone. A run
# of the code before the fix is cut at 60 s of CPU and 4 GiB of address space, so that
# the test fails instead of taking the machine down.
WRAPPER = """
import json, resource, subprocess, sys

def limits():
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

run = subprocess.run(sys.argv[1:], capture_output=True, text=True, preexec_fn=limits)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"code": run.returncode, "stdout": run.stdout, "stderr": run.stderr,
           "rss_mib": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}, sys.stdout)
"""


def verifier(path: Path, *options: str) -> dict:
    """`pointage verifier PATH --format json OPTIONS` in a process of its own: its exit
    code, its output, its peak memory and CPU time, within the bounds."""
    command = [sys.executable, "-m", "pointage", "verifier", str(path), "--format", "json", *options]
    wrapper = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, timeout=600
    )
    run = json.loads(wrapper.stdout)
    assert "Traceback" not in run["stderr"], run["stderr"][-2000:]
    assert run["rss_mib"] <= MAX_RSS_MIB, f"{path.name}: {run['rss_mib']:.0f} MiB"
    assert run["cpu_s"] <= MAX_CPU_S, f"{path.name}: {run['cpu_s']:.1f} s"
    return run


def findings(run: dict) -> list[dict]:
    [file] = json.loads(run["stdout"])["files"]
    return file["findings"]


def test_a_part_lying_about_its_size_is_refused_before_anything_inflates_it(tmp_path):
    # 1 GiB of spaces after the sheet's XML, the archive declaring the XML's own size and
    # CRC: Python's reader stops at the declared size (the lie passed), then
    # `archive.read` inflated the whole GiB at once (1 GiB of memory, 2 for 2 GiB).
    bomb = bombe_menteuse(tmp_path / "bombe.xlsx", inflated_mib=1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    declared = zipfile.ZipFile(bomb).getinfo("xl/worksheets/sheet1.xml").file_size
    run = verifier(bomb)
    assert run["code"] == 2
    assert [(f["code"], f["message"]) for f in findings(run)] == [
        (
            "E000",
            "Fichier illisible : une partie du classeur (xl/worksheets/sheet1.xml) se décompresse au-delà "
            f"de la taille que l'archive annonce pour elle ({declared // 1000} {declared % 1000:03d} octets) : "
            "fichier refusé (archive piégée).",
        )
    ]


def test_every_read_of_a_part_is_capped_whatever_the_archive_declares(tmp_path):
    from pointage.base.errors import UnreadableWorkbook
    from pointage.reading.zip_parts import open_part, read_part

    bomb = bombe_menteuse(tmp_path / "bombe.xlsx", inflated_mib=64)
    with zipfile.ZipFile(bomb) as archive:
        part = "xl/worksheets/sheet1.xml"
        for read in (lambda: read_part(archive, part), lambda: open_part(archive, part).read(1 << 30)):
            try:
                read()
            except UnreadableWorkbook as refusal:
                assert "au-delà de la taille que l'archive annonce" in str(refusal)
            else:
                raise AssertionError("the lying part was read")
        # Within its declared size, the part is its honest XML.
        with open_part(archive, part) as stream:
            assert stream.read(100).startswith(b"<worksheet")


def test_a_dense_xls_is_refused_before_calamine_makes_its_block(tmp_path):
    # One number in A1, one in IV65536: 42 kB of records, 1.2 GiB once calamine opens it.
    run = verifier(xls_dense(tmp_path / "dense.xls"))
    assert run["code"] == 2
    assert [(f["code"], f["message"]) for f in findings(run)] == [
        (
            "E000",
            "Fichier illisible : la feuille « Annexe » s'étend sur 65 536 lignes et 256 colonnes pour 2 "
            "cellules remplies, éparpillées : trop grande pour être lue (rapprochez ses cellules ou supprimez "
            "les cellules isolées ; enregistré au format .xlsx, le classeur serait lu par ses seules cellules "
            "remplies).",
        )
    ]


def far_apart(sheet: str, columns: str) -> list[str]:
    """The one refusal of a sheet of 1 048 576 rows and `columns` columns, two cells filled."""
    return [
        f"Fichier illisible : la feuille « {sheet} » s'étend sur 1 048 576 lignes et {columns} colonnes pour 2 "
        "cellules remplies, éparpillées : trop grande pour être lue (rapprochez ses cellules ou supprimez "
        "les cellules isolées ; enregistré au format .xlsx, le classeur serait lu par ses seules cellules "
        "remplies)."
    ]


def test_an_ods_whose_cells_lie_far_apart_is_refused_before_calamine(tmp_path):
    # A1 and Z1048576, the rows between written as one repeated empty row: 2 GiB in calamine.
    run = verifier(ods_lointain(tmp_path / "loin.ods"))
    assert run["code"] == 2
    assert [f["message"] for f in findings(run)] == far_apart("Annexe", "26")


def test_an_xlsb_whose_cells_lie_far_apart_is_refused_before_calamine(tmp_path):
    # A1 and XFD1048576 behind a BrtWsDim of A1:A1: 17 billion cells in calamine's block.
    run = verifier(xlsb_lointain(tmp_path / "loin.xlsb"))
    assert run["code"] == 2
    assert [f["message"] for f in findings(run)] == far_apart("Annexe 1", "16 384")


def test_a_million_rows_without_references_are_counted_and_refused_as_too_big(tmp_path):
    # 184 MB of XML, under the 192 MB limit: written without `r=`, seven million cells
    # passed the guard and took 718 MiB (1.1 GiB with longer texts) to be checked.
    path = xlsx_sans_references(tmp_path / "sans-references.xlsx", rows=1_000_000)
    run = verifier(path)
    assert run["code"] == 2
    [message] = [f["message"] for f in findings(run)]
    assert re.fullmatch(
        r"Fichier illisible : le classeur est trop volumineux pour être vérifié : ses feuilles s'étendent "
        r"sur au moins 3 5\d\d \d\d\d cellules \(de la première à la dernière cellule remplie de chacune\), "
        r"au-delà de 3 500 000 cellules \(environ 500 000 lignes d'annexe de 7 colonnes\) ; la vérification "
        r"prendrait plus de 1 Gio de mémoire : découpez-le en plusieurs classeurs\.",
        message,
    ), message


def test_a_far_cell_behind_a_small_declared_range_is_measured_not_believed(tmp_path):
    # A sheet of 5 MB declaring `A1:B120000`, with one more value in Z1000000: the
    # declared range was believed for a sheet that size, and calamine made a block of 26
    # million cells. The sheet is said and left out; the annex beside it is checked.
    book = openpyxl.Workbook()
    annex = book.active
    annex.title = "Annexe"
    for row in (
        ("STRUCTURE", "MONTANT RETENU"),
        ("CCAS de Lens", 1000),
        ("CCAS d'Arras", 600),
        ("TOTAL", 1700),
    ):
        annex.append(row)
    data = book.create_sheet("Données")
    for number in range(1, 120_001):
        data.append([f"ligne {number}", number])
    book.save(tmp_path / "source.xlsx")
    with zipfile.ZipFile(tmp_path / "source.xlsx") as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    sheet = parts["xl/worksheets/sheet2.xml"]
    assert len(sheet) > 4 * 1024 * 1024 and b'<dimension ref="A1:B120000"/>' in sheet
    far = b'<row r="1000000"><c r="Z1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    parts["xl/worksheets/sheet2.xml"] = sheet.replace(b"</sheetData>", far + b"</sheetData>")
    path = tmp_path / "loin.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    run = verifier(path)
    assert run["code"] == 1
    assert [(f["code"], f["sheet"], f["cell"], f["message"]) for f in findings(run)] == [
        (
            "E001",
            "Données",
            None,
            "Lecture incomplète : la feuille s'étend sur 1 000 000 lignes et 26 colonnes pour 240 001 cellules "
            "remplies, éparpillées : trop grande pour être lue, elle n'a pas été vérifiée (rapprochez ses "
            "cellules ou supprimez les cellules isolées).",
        ),
        (
            "T001",
            "Annexe",
            "B4",
            "TOTAL : le total de la colonne « MONTANT RETENU » est 1 700,00 € ; la somme des 2 lignes du bloc "
            "donne 1 600,00 € (écart +100,00 €).",
        ),
    ]


def test_the_annotated_copy_is_refused_before_openpyxl_loads_too_many_cells(tmp_path):
    # 150 000 rows of 7 cells without `r=`: checked in 190 MiB, but openpyxl would hold
    # each of its million cells as an object (about 600 bytes each) to write the copy.
    path = xlsx_sans_references(tmp_path / "annexe.xlsx", rows=150_000)
    run = verifier(path, "--annoter")
    assert run["code"] == 2
    assert json.loads(run["stdout"])["files"][0]["status"] != "illisible"
    assert run["stderr"].strip() == (
        f"Copie annotée non écrite pour {path} : le classeur compte 1 050 057 cellules, au-delà des "
        "1 000 000 cellules (environ 140 000 lignes d'annexe de 7 colonnes) dont la copie annotée peut être "
        "écrite sans dépasser la mémoire prévue (les constats restent valables). Ouvrez le classeur dans "
        "Excel et cliquez sur « Vérifier » (complément Pointage) : les marques sont posées dans le classeur "
        "ouvert."
    )
    assert not (tmp_path / "annexe.pointage.xlsx").exists()
