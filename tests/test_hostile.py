"""Hostile and broken inputs, generated here (no binary committed): each gets a French
message and the right exit code, in bounded time and memory, and stays unchanged."""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from classeurs import construire

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
XLWINGS = Path(__import__("xlwings").__file__).parent
MAX_SECONDS = 10
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB


def run_bounded(path: Path, fmt: str = "json") -> subprocess.CompletedProcess:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(path), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - start
    assert elapsed < MAX_SECONDS, f"{path.name}: {elapsed:.1f} s"
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < MAX_MEMORY_KIB
    assert "Traceback" not in result.stderr, result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    return result


def only_file(result) -> dict:
    [file] = json.loads(result.stdout)["files"]
    return file


def test_zip_bomb_is_refused_in_constant_memory(tmp_path):
    bomb = tmp_path / "bombe.xlsx"
    with (
        zipfile.ZipFile(EXAMPLE) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b" " * (1 << 24)
            for _ in range(3 * 64):  # 3 GiB of spaces, a few MB on disk
                sheet.write(block)
    assert bomb.stat().st_size < 50 * 1024 * 1024
    result = run_bounded(bomb)
    assert result.returncode == 2
    file = only_file(result)
    assert file["status"] == "illisible"
    assert file["findings"][0]["message"] == (
        "Fichier illisible : une partie du classeur (xl/worksheets/sheet1.xml) se décompresse à plus "
        "de 100 fois sa taille (3072 Mo au moins pour 13 Mo dans l'archive) : fichier refusé "
        "(archive piégée)."
    )


@pytest.mark.parametrize("kind", ["sheet part not named .xml", "ods"])
def test_a_bomb_under_any_part_name_or_in_an_ods_is_refused(tmp_path, kind):
    # The sheet part of an .xlsx may have any name its relationships give; an .ods holds
    # its sheets in content.xml: both are inflation-checked before calamine reads them.
    bomb = tmp_path / ("bombe.xlsx" if kind != "ods" else "bombe.ods")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        if kind == "ods":
            target.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            part = "content.xml"
        else:
            with zipfile.ZipFile(EXAMPLE) as source:
                for info in source.infolist():
                    data = source.read(info.filename)
                    if info.filename == "xl/worksheets/sheet1.xml":
                        continue
                    if info.filename == "xl/_rels/workbook.xml.rels":
                        data = data.replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.dat")
                    target.writestr(info, data)
            part = "xl/worksheets/sheet1.dat"
        with target.open(part, "w", force_zip64=True) as sheet:
            block = b" " * (1 << 24)
            for _ in range(20):  # 320 MiB of spaces, about 0.3 MB on disk
                sheet.write(block)
    result = run_bounded(bomb)
    assert result.returncode == 2
    message = only_file(result)["findings"][0]["message"]
    assert message.startswith(
        f"Fichier illisible : une partie du classeur ({part}) se décompresse à plus de 100 fois"
    )
    assert message.endswith("fichier refusé (archive piégée).")


def test_bomb_with_a_lying_small_header_is_stopped_while_streaming(tmp_path, monkeypatch):
    # A part whose header says it is small but that inflates further is refused as it
    # streams, as soon as it passes the size it declares (Python's own reader would stop
    # there and let the lie pass).
    from pointage.base.errors import UnreadableWorkbook
    from pointage.reading import zip_parts

    big = construire(tmp_path / "grand.xlsx", {"A": "STRUCTURE | MONTANT\n" + "CCAS | 10\n" * 20000})
    with zipfile.ZipFile(big) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        info.file_size = 100  # what a lying header would say
        with pytest.raises(UnreadableWorkbook, match=r"au-delà de la taille que l'archive annonce pour elle"):
            zip_parts.check_inflation(archive)


def test_a_part_inflating_like_a_bomb_is_stopped_while_streaming(tmp_path, monkeypatch):
    from pointage.base.errors import UnreadableWorkbook
    from pointage.reading import zip_parts

    big = construire(tmp_path / "grand.xlsx", {"A": "STRUCTURE | MONTANT\n" + "CCAS | 10\n" * 20000})
    monkeypatch.setattr(zip_parts, "BOMB_FLOOR", 100_000)
    monkeypatch.setattr(zip_parts, "BOMB_RATIO", 3)
    with zipfile.ZipFile(big) as archive, pytest.raises(UnreadableWorkbook, match=r"\(archive piégée\)\.$"):
        zip_parts.check_inflation(archive)


def test_a_workbook_too_big_to_check_is_refused_as_too_big_not_as_a_trap(tmp_path, monkeypatch):
    # What a real sheet of a million rows gets (its XML inflates 12 times, like any
    # sheet): refused before calamine reads it, saying it is too big.
    from pointage.engine.check import check_path
    from pointage.reading import zip_parts

    big = construire(tmp_path / "grand.xlsx", {"A": "STRUCTURE | MONTANT\n" + "CCAS | 10\n" * 20000})
    monkeypatch.setattr(zip_parts, "MAX_CHECKED_XML_BYTES", 400_000)
    monkeypatch.setattr(zip_parts, "MIB", 100_000)  # sizes said in units of 100 kB here
    report = check_path(big)
    assert report.unreadable
    assert [f.message for f in report.findings] == [
        "Fichier illisible : le classeur est trop volumineux pour être vérifié : ses feuilles font "
        "au moins 20 Mo une fois décompressées, au-delà de 4 Mo (environ 450 000 lignes d'annexe de "
        "7 colonnes ; la vérification prendrait plus de 1 Gio de mémoire) : découpez-le en plusieurs "
        "classeurs."
    ]


def test_a_million_rows_with_one_value_at_the_bottom(tmp_path):
    path = tmp_path / "fond.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1048576"] = "tout en bas"
    workbook.save(path)
    result = run_bounded(path)
    assert result.returncode == 3
    assert only_file(result)["status"] == "aucun_tableau"
    assert only_file(result)["findings"][0]["message"].startswith("Aucun tableau reconnu")


def test_a_table_far_down_a_huge_sheet(tmp_path):
    path = tmp_path / "loin.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for offset, row in enumerate((("STRUCTURE", "MONTANT"), ("CCAS", 10), ("TOTAL", 11))):
        for col, value in enumerate(row, start=1):
            sheet.cell(row=1_048_574 + offset, column=col, value=value)
    workbook.save(path)
    result = run_bounded(path)
    assert result.returncode == 1
    assert [(f["code"], f["cell"]) for f in only_file(result)["findings"]] == [("T001", "B1048576")]


def test_formula_without_cached_value(tmp_path):
    # A simple formula is computed by Pointage (F011, once for the file); another is
    # not read, never as 0 (F003).
    path = construire(tmp_path / "formule.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | =B2*2"})
    result = run_bounded(path)
    assert result.returncode == 0
    assert [(f["code"], f["cell"]) for f in only_file(result)["findings"]] == [("F011", None)]
    path = construire(
        tmp_path / "arrondi.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | =IF(B2>5,B2*2,0)"}
    )
    result = run_bounded(path)
    assert result.returncode == 1
    assert [(f["code"], f["cell"]) for f in only_file(result)["findings"]] == [("F003", "B3")]


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_formula_without_value_is_found_with_or_without_a_namespace_prefix(tmp_path, prefix):
    # The scan looks for `:f` only in sheets that bind SpreadsheetML to a prefix.
    import re

    from pointage.reading.xlsx import _SheetPass
    from pointage.reading.zip_parts import check_inflation

    plain = construire(tmp_path / "formule.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | =B2*2"})
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(plain) as source:
        xml = source.read(part)
    if prefix:
        xml = re.sub(rb"<(/?)(?!\?)(\w+)(?=[\s/>])", rb"<\1x:\2", xml)
        xml = xml.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=", 1)
        assert b"<x:f>" in xml and b"<f>" not in xml
    rewritten = tmp_path / "prefixe.xlsx"
    with zipfile.ZipFile(rewritten, "w") as target:
        target.writestr(part, xml)
    with zipfile.ZipFile(rewritten) as archive:
        scan = _SheetPass(zeros_suspect=False)
        check_inflation(archive, {part: scan})
        extras = scan.extras
        assert extras.formulas_without_value == {(2, 1)}
        assert extras.formulas == {(2, 1): "B2*2"}


def test_a_30000_character_cell(tmp_path):
    long_text = "Prise en charge de 10 places " + "x" * 30_000
    path = construire(
        tmp_path / "long.xlsx",
        {"A": f'STRUCTURE | DESCRIPTION | MONTANT\nCCAS | "{long_text}" | 10\nTOTAL | | 10'},
    )
    result = run_bounded(path)
    assert result.returncode == 0
    assert only_file(result)["status"] == "ok"


def test_control_characters_never_reach_the_terminal(tmp_path):
    path = construire(
        tmp_path / "controle.xlsx",
        {"A": 'STRUCTURE | MONTANT\nCCAS | "12_x0007_,5"\nAIFOR\tbis | 3\nTOTAL | 3'},
    )
    result = run_bounded(path, fmt="texte")
    assert result.returncode == 1
    assert "[F002]" in result.stdout
    assert not any(ord(ch) < 32 and ch not in "\n" for ch in result.stdout)


def test_external_links(tmp_path):
    source = construire(tmp_path / "source.xlsx", {"A": "STRUCTURE | MONTANT\nCCAS | 10\nTOTAL | 10"})
    linked = tmp_path / "liens.xlsx"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(linked, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
                )
            elif info.filename == "xl/workbook.xml":
                data = data.replace(
                    b"</sheets>",
                    b'</sheets><externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdX"/></externalReferences>',
                )
            b.writestr(info, data)
        b.writestr(
            "xl/externalLinks/externalLink1.xml",
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames></externalBook></externalLink>',
        )
        b.writestr(
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/budget/autre.xlsx" TargetMode="External"/></Relationships>',
        )
    result = run_bounded(linked)
    assert result.returncode == 0
    assert only_file(result)["status"] == "ok"


def test_macro_enabled_workbook(tmp_path):
    workbook = openpyxl.load_workbook(XLWINGS / "quickstart.xlsm", keep_vba=True)
    annexe = workbook.create_sheet("Annexe")
    for row in (("STRUCTURE", "MONTANT RETENU"), ("CCAS de Lens", 800), ("TOTAL", 800)):
        annexe.append(row)
    path = tmp_path / "macros.xlsm"
    workbook.save(path)
    result = run_bounded(path)
    assert result.returncode == 0
    assert [t["sheet"] for t in only_file(result)["tables"]] == ["Annexe"]


def test_batch_with_one_corrupt_file(tmp_path):
    shutil.copytree(ROOT / "workbooks" / "exemples", tmp_path / "lot", ignore=shutil.ignore_patterns("*.py"))
    corrupt = tmp_path / "lot" / "casse.xlsx"
    corrupt.write_bytes(EXAMPLE.read_bytes()[:2000])
    alone = {
        p.name: json.loads(run_bounded(p).stdout)["files"][0]["findings"]
        for p in sorted((tmp_path / "lot").glob("*.xlsx"))
        if p != corrupt
    }
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(tmp_path / "lot"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["casse.xlsx"]["status"] == "illisible"
    for name, findings in alone.items():
        assert files[name]["findings"] == findings
