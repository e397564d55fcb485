"""Every readable format is read, chosen by content: `.xls`, `.xlsb`, `.ods`, Strict Open XML,
Excel 2003 XML, a `.xlsx` under another name; and nothing a folder holds is passed over.

The seed-000 example in each format gives the findings of the `.xlsx`, plus, for a
format without the XML pass, one E001 that says what it was read without.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from classeurs import par_libreoffice, vers_strict, vers_xlsb, vers_xml_2003
from pointage.engine.check import check_path
from pointage.reading.formats import ODS, XLS, XLSB, XLSX, XML2003, sniff
from pointage.reading.other_formats import format_gap
from pointage.reading.xml2003 import read_xml2003

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def _found(path: Path):
    return [
        (f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in check_path(path).findings
    ]


def _gap(kind: str):
    return ("E001", "info", None, None, (), f"Lecture incomplète : {format_gap(kind).what}.")


@pytest.fixture(scope="module")
def original():
    return _found(EXAMPLE)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    made = {"xls": par_libreoffice(EXAMPLE, "xls", folder), "ods": par_libreoffice(EXAMPLE, "ods", folder)}
    made["strict"] = vers_strict(EXAMPLE, folder / "strict.xlsx")
    made["xlsb"] = vers_xlsb(EXAMPLE, folder / "binaire.xlsb")
    # Finance software saves Excel 2003 XML under a `.xls` name.
    made["xml2003"] = vers_xml_2003(EXAMPLE, folder / "export-2003.xls")
    made["renamed"] = folder / "renomme.xls"
    shutil.copy(EXAMPLE, made["renamed"])
    return made


def test_an_xlsb_gives_the_findings_of_the_xlsx_and_says_what_it_lacks(converted, original):
    assert sniff(converted["xlsb"]) == XLSB
    assert _found(converted["xlsb"]) == [_gap(XLSB), *original]


@pytest.mark.parametrize(("variant", "kind"), [("xls", XLS), ("ods", ODS)])
def test_an_xls_or_an_ods_gives_exactly_the_findings_of_the_xlsx(converted, original, variant, kind):
    # What calamine does not say, the .xls's records and the .ods's content.xml say.
    if converted[variant] is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    assert sniff(converted[variant]) == kind
    assert _found(converted[variant]) == original


@pytest.mark.parametrize(("variant", "kind"), [("strict", XLSX), ("xml2003", XML2003), ("renamed", XLSX)])
def test_strict_xml2003_and_a_renamed_xlsx_give_exactly_the_findings_of_the_xlsx(
    converted, original, variant, kind
):
    assert sniff(converted[variant]) == kind
    assert _found(converted[variant]) == original


def test_the_excel_2003_reader_reads_types_errors_merges_hidden_rows_and_sums(tmp_path):
    path = tmp_path / "e.xml"
    path.write_text(
        """<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="Annexe">
  <Table>
   <Column ss:Index="3" ss:Hidden="1"/>
   <Row><Cell><Data ss:Type="String">STRUCTURE</Data></Cell><Cell><Data ss:Type="String">MONTANT</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><ss:Data ss:Type="String"><html:B>CCAS</html:B> de Lens</ss:Data></Cell>
    <Cell><Data ss:Type="Number">1600</Data><Comment ss:Author="Agent"><ss:Data>vu avec le service</ss:Data></Comment></Cell></Row>
   <Row ss:Hidden="1"><Cell ss:Index="2" ss:Formula="=1/0"><Data ss:Type="Error">#DIV/0!</Data></Cell></Row>
   <Row ss:Index="5"><Cell><Data ss:Type="String">TOTAL</Data></Cell>
    <Cell ss:Formula="=SUM(R[-3]C:R[-1]C)"><Data ss:Type="Number">1600.5</Data></Cell>
    <Cell ss:Formula="=B5"/></Row>
  </Table>
 </Worksheet>
</Workbook>""",
        encoding="utf-8",
    )
    (sheet,) = read_xml2003(path).sheets
    assert sheet.values == [
        ["STRUCTURE", "MONTANT"],
        ["CCAS de Lens", 1600],
        ["", "#DIV/0!"],
        ["", ""],
        ["TOTAL", 1600.5],
    ]
    assert type(sheet.value(2, 1)).__name__ == "ExcelError"
    assert sheet.merged == [(1, 0, 2, 0)]
    assert (sheet.hidden_rows, sheet.hidden_cols) == ({2}, {2})
    assert sheet.sums == {(4, 1): (1, 3)}
    assert sheet.formulas_without_value == {(4, 2)}


def test_a_folder_reports_every_file_it_holds(converted, tmp_path):
    folder = tmp_path / "commission"
    folder.mkdir()
    for variant, path in converted.items():
        if path is not None:
            shutil.copy(path, folder / f"{variant}-{path.name}")
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "~$strict-strict.xlsx").write_bytes(b"\x00lock")  # Excel's lock file
    shutil.copy(EXAMPLE, folder / "sans-extension")
    run = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr  # erreurs in the seed, every file read
    report = json.loads(run.stdout)
    checked = sorted(Path(f["path"]).name for f in report["files"])
    expected = sorted([f"{v}-{p.name}" for v, p in converted.items() if p is not None] + ["sans-extension"])
    assert checked == expected
    assert {f["status"] for f in report["files"]} == {"erreur"}
    assert report["skipped"] == [
        {"path": str(folder / "rapport.pdf"), "reason": "c'est un document PDF, pas un classeur."},
        {
            "path": str(folder / "~$strict-strict.xlsx"),
            "reason": "fichier de verrouillage d'Excel (le classeur « strict-strict.xlsx » est ouvert).",
        },
    ]


def test_an_excel_table_that_is_only_a_header_row_does_not_stop_the_check(tmp_path):
    # calamine panics on it (« invalid range bounds », a PanicException, not an Exception).
    book = openpyxl.Workbook()
    empty = book.active
    empty.append(["STRUCTURE", "MONTANT RETENU"])
    empty.add_table(Table(displayName="Vide", ref="A1:B1"))
    annexe = book.create_sheet("Annexe")
    for row in (
        ["STRUCTURE", "MONTANT RETENU"],
        ["CCAS de Lens", 100],
        ["CCAS d'Arras", 200],
        ["TOTAL", 301],
    ):
        annexe.append(row)
    book.save(tmp_path / "t.xlsx")
    assert [(f[0], f[2], f[3]) for f in _found(tmp_path / "t.xlsx")] == [("T001", "Annexe", "B4")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
            "c'est une page HTML enregistrée sous un nom de classeur (export de logiciel) : "
            "ouvrez-la dans Excel et enregistrez-la au format .xlsx.",
        ),
    ],
)
def test_what_is_not_a_workbook_is_said_in_french(tmp_path, content, reason):
    path = tmp_path / "export.xls"
    path.write_bytes(content)
    report = check_path(path)
    assert report.unreadable and report.reason == reason


def test_a_csv_saved_under_a_workbook_name_is_read_as_the_csv_it_is(tmp_path):
    path = tmp_path / "export.xls"
    path.write_bytes(b"STRUCTURE;MONTANT\nCCAS;100\n")
    report = check_path(path)
    assert not report.unreadable
    assert [(t.sheet, t.range, t.kind) for t in report.tables] == [("export", "A1:B2", "liste")]


def test_a_word_document_is_named_as_such(tmp_path):
    path = tmp_path / "rapport.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert check_path(path).reason == "c'est un document Word, pas un classeur Excel."


def test_a_workbook_part_under_another_name_is_read(tmp_path, original):
    # `_rels/.rels` names the workbook part; `xl/workbook.xml` is only the usual name.
    path = tmp_path / "autre-nom.xlsx"
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name, data = info.filename, source.read(info)
            name = {
                "xl/workbook.xml": "xl/classeur.xml",
                "xl/_rels/workbook.xml.rels": "xl/_rels/classeur.xml.rels",
            }.get(name, name)
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/classeur.xml")
            target.writestr(name, data)
    assert sniff(path) == XLSX
    assert _found(path) == original


def test_word_documents_are_named_as_such_whatever_their_relationships(tmp_path):
    # A .docx names its main part by the same relationship type as a workbook.
    docx = tmp_path / "rapport.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", "<document/>")
    assert check_path(docx).reason == "c'est un document Word, pas un classeur Excel."
    # A .doc: an OLE container, like a .xls, but its stream is `WordDocument`.
    doc = tmp_path / "rapport.doc"
    doc.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 1000
        + "WordDocument".encode("utf-16-le")
        + b"\x00" * 100
    )
    assert check_path(doc).reason == "c'est un document Word (.doc), pas un classeur Excel."


def test_a_folder_skips_an_xml_file_that_is_not_a_workbook_and_copies_never_collide(tmp_path):
    from pointage.commands.verifier import workbook_paths

    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "parametres.xml").write_text("<config><seuil>3</seuil></config>", encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "annexe.xlsx")
    vers_xml_2003(EXAMPLE, folder / "annexe.xls")
    found, missing, skipped, copies = workbook_paths([str(folder)])
    assert sorted(p.name for p, _ in found) == ["annexe.xls", "annexe.xlsx"] and missing == [] == copies
    assert skipped == [
        (
            str(folder / "parametres.xml"),
            "ce n'est pas un classeur : son contenu n'est reconnu comme aucun format de tableur.",
        )
    ]
    # annexe.xls and annexe.xlsx would both be copied to annexe.pointage.xlsx.
    run = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", "--annoter", "--remplacer", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert (
        f"Copie annotée non écrite pour {folder / 'annexe.xlsx'} : sa copie (annexe.pointage.xlsx) serait "
        f"celle de {folder / 'annexe.xls'} ; renommez l'un des deux classeurs."
    ) in run.stdout.splitlines()
