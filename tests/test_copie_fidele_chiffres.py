"""The annotated copy never changes a figure nor a text: every cell of the original,
read again in the copy by calamine (the reader of the checks), is the same value of the
same kind, or the copy is not written. Workbooks written by hand, part by part, where
openpyxl cannot write the case (a redefined built-in number format, shared strings,
text written without `xml:space="preserve"`)."""

from __future__ import annotations

import datetime
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock

from pointage.base.addresses import a1
from pointage.cli import main
from pointage.commands.verifier import annotate
from pointage.engine.check import check_path
from pointage.outputs.annotated_copy import COPY_CHANGES, write_annotated_copy
from pointage.outputs.copy_bounds import COPY_SPREAD
from pointage.outputs.marks import build_plan
from pointage.report.model import FileReport

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
STYLES = (
    f'<styleSheet xmlns="{MAIN}">{{formats}}<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    "<cellXfs>{xfs}</cellXfs></styleSheet>"
)
# The budget table every workbook here holds, so that the copy is made: T001 on B4.
TABLE = [("STRUCTURE", "MONTANT RETENU"), ("CCAS de Lens", 800), ("CCAS Liévin", 1600), ("TOTAL", 2500)]


def cell(ref: str, value, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value!r}</v></c>'


def rows_of(table, first_row: int = 1, styles: dict[str, int] | None = None) -> list[str]:
    styles = styles or {}
    rows = []
    for i, values in enumerate(table):
        refs = [a1(first_row - 1 + i, j) for j in range(len(values))]
        body = "".join(cell(ref, v, styles.get(ref)) for ref, v in zip(refs, values) if v is not None)
        rows.append(f'<row r="{first_row + i}">{body}</row>')
    return rows


def workbook(
    path: Path,
    rows: list[str],
    shared: list[str] = (),
    formats: str = "",
    xfs: str = "<xf/>",
    names: str = "",
    after_data: str = "",
) -> Path:
    """A one-sheet workbook (`Annexe`), its parts written by hand: `rows` are `<row>`
    elements, `shared` the bodies of the `<si>` of its shared strings, `formats` its
    `<numFmts>`, `xfs` its cell formats, `names` its defined names."""
    overrides = [("/xl/workbook.xml", "sheet.main+xml"), ("/xl/worksheets/sheet1.xml", "worksheet+xml")]
    overrides.append(("/xl/styles.xml", "styles+xml"))
    rels = [("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml")]
    if shared:
        overrides.append(("/xl/sharedStrings.xml", "sharedStrings+xml"))
        rels.append(("sharedStrings", "sharedStrings.xml"))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{CT}.{t}"/>' for p, t in overrides)
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Annexe" sheetId="1" r:id="rId1"/>'
            f"</sheets>{names}</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{RELS}/{kind}" Target="{target}"/>'
                for i, (kind, target) in enumerate(rels, start=1)
            )
            + "</Relationships>"
        ),
        "xl/styles.xml": STYLES.format(formats=formats, xfs=xfs),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(rows)}</sheetData>{after_data}</worksheet>'
        ),
    }
    if shared:
        parts["xl/sharedStrings.xml"] = (
            f'<sst xmlns="{MAIN}">' + "".join(f"<si>{s}</si>" for s in shared) + "</sst>"
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return path


def read(path: Path) -> dict[str, object]:
    """Every filled cell of the sheet `Annexe`, as calamine reads it: `A1` -> value."""
    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        sheet = book.get_sheet_by_name("Annexe")
        top, left = sheet.start or (0, 0)
        rows = sheet.to_python(skip_empty_area=True)
    return {a1(top + i, left + j): v for i, row in enumerate(rows) for j, v in enumerate(row) if v != ""}


def copied(source: Path) -> Path:
    ok, lines = annotate(source, check_path(source), None, force=True)
    assert ok, lines
    return source.with_name(source.stem + ".pointage.xlsx")


def findings(path: Path) -> list[tuple]:
    return [(f.code, f.severity.value, f.sheet, f.cell, f.message) for f in check_path(path).findings]


DATED = [("AE", 9169450), ("Le", 45000), ("Du", 45000.5), ("Au", 45000)]


def test_a_redefined_built_in_number_format_changes_no_figure(tmp_path):
    # As ClosedXML's `xf_default_values.xlsx`: the workbook redefines the built-in
    # formats 0 (General) and 4 (#,##0.00) as dates, and its usual cell format gives no
    # format (`<xf/>`): General for calamine (and Excel). openpyxl read it as format 0,
    # its amounts as dates (9 169 450 as #VALUE!), and saved them as dates.
    source = workbook(
        tmp_path / "formats.xlsx",
        rows_of(
            [*TABLE, *[(None, None, None, label, value) for label, value in DATED]],
            styles={"E6": 1, "E7": 2, "E8": 3},
        ),
        formats='<numFmts count="2"><numFmt numFmtId="0" formatCode="dd.mm.yyyy"/>'
        '<numFmt numFmtId="4" formatCode="dd/mm/yyyy"/></numFmts>',
        xfs='<xf/><xf numFmtId="0"/><xf numFmtId="4"/><xf numFmtId="14"/>',
    )
    original = read(source)
    # The cells of format 0 or 4 (as the file defines them) are dates, the others numbers.
    assert [original[f"B{r}"] for r in range(2, 5)] + [original[f"E{r}"] for r in range(5, 9)] == [
        800.0,
        1600.0,
        2500.0,
        9169450.0,
        datetime.date(2023, 3, 15),
        datetime.datetime(2023, 3, 15, 12, 0),
        datetime.date(2023, 3, 15),
    ]
    copy = copied(source)
    assert read(copy) == original
    assert (
        findings(copy)
        == findings(source)
        == [
            (
                "T001",
                "erreur",
                "Annexe",
                "B4",
                "TOTAL : le total de la colonne « MONTANT RETENU » est 2 500,00 € ; la somme des 2 lignes "
                "du bloc donne 2 400,00 € (écart +100,00 €).",
            )
        ]
    )


def test_numbers_keep_every_digit(tmp_path):
    # openpyxl writes 16 significant digits: 0.30000000000000004 became 0.3.
    values = [0.30000000000000004, 12345678901234567, 1234.5600000000002, 1e-300, -2.5]
    source = workbook(tmp_path / "chiffres.xlsx", rows_of([*TABLE, *[("x", v) for v in values]]))
    copy = copied(source)
    assert [read(copy)[f"B{r}"] for r in range(5, 10)] == [float(v) for v in values]
    assert read(copy) == read(source)


def test_a_cached_text_written_with_its_spaces_kept_is_copied(tmp_path):
    # As comptaeple writes its headers: `<v xml:space="preserve">`, which the reading
    # of cached values passed over; the copy had the formula without its text.
    header = (
        '<row r="6"><c r="D6" t="str"><f>CONCATENATE("Budget",CHAR(10))</f>'
        '<v xml:space="preserve">Budget&#10;</v></c></row>'
    )
    source = workbook(tmp_path / "entetes.xlsx", [*rows_of(TABLE), header])
    assert read(source)["D6"] == "Budget\n"
    assert read(copied(source)) == read(source)


def test_a_copy_that_would_change_a_figure_is_refused_naming_the_cells(tmp_path, monkeypatch, capsys):
    import pointage.outputs.faithful_save as faithful

    source = workbook(tmp_path / "annexe.xlsx", rows_of(TABLE))
    mend = faithful.mend_sheet
    # A figure changed on the way (any loss of the writer): 800 becomes 801.
    monkeypatch.setattr(
        faithful, "mend_sheet", lambda xml, cached: mend(xml, cached).replace(b">800<", b">801<")
    )
    assert main(["verifier", str(source), "--annoter"]) == 2
    reason = COPY_CHANGES.format(cells="1 cellule", which="Annexe!B2")
    assert f"Copie annotée non écrite pour {source} : {reason}" in capsys.readouterr().out
    assert "la copie ne garderait pas à l'identique 1 cellule du classeur (Annexe!B2)" in reason
    assert not source.with_name("annexe.pointage.xlsx").exists()


# Shared strings as other programs write them (POI's stress002.xlsx, calamine's
# whitespace_trim.xlsx, richtext-after-plain.xlsx), and what Excel shows of each.
TEXTS = [
    ("<t>&#160;&#160; </t>", "\xa0\xa0"),  # the space is XML white space: not read
    ('<r><t>a</t></r><r><t xml:space="preserve">&#160; </t></r><r><t>b</t></r>', "a\xa0 b"),
    ("<t>tval</t><r><t>rval1</t></r><r><rPr><b/></rPr><t>rval2</t></r>", "tvalrval1rval2"),
    ("<t>  trimmed value  </t>", "trimmed value"),
    ('<t xml:space="preserve">  preserved value  </t>', "  preserved value  "),
    ("<t>&#10;ligne&#9;</t>", "ligne"),
]


def test_texts_are_copied_as_excel_reads_them(tmp_path):
    shared = [*(xml for xml, _ in TEXTS), "STRUCTURE", "MONTANT RETENU"]
    texts = "".join(
        f'<row r="{10 + i}"><c r="A{10 + i}" t="s"><v>{i}</v></c></row>' for i in range(len(TEXTS))
    )
    inline = '<row r="20"><c r="A20" t="inlineStr"><is><t>  trimmed inline  </t></is></c></row>'
    source = workbook(tmp_path / "textes.xlsx", [*rows_of(TABLE), texts, inline], shared=shared)
    original = read(source)
    assert [original[f"A{10 + i}"] for i in range(len(TEXTS))] == [shown for _, shown in TEXTS]
    assert original["A20"] == "trimmed inline"
    copy = copied(source)
    assert read(copy) == original
    # The runs are kept, with their format.
    rich = openpyxl.load_workbook(copy, rich_text=True)["Annexe"]["A12"].value
    assert isinstance(rich, CellRichText)
    assert [(str(part), isinstance(part, TextBlock) and bool(part.font.b)) for part in rich] == [
        ("tval", False),
        ("rval1", False),
        ("rval2", True),
    ]


_RUN_TEXT = st.text(alphabet=[" ", "\xa0", "\t", "\n", "a", "é", "x"], max_size=6)
_PART = st.tuples(_RUN_TEXT, st.booleans(), st.booleans())  # text, bold, preserve


def _as_xml(part) -> str:
    text, bold, preserve = part
    space = ' xml:space="preserve"' if preserve else ""
    body = escape(text).replace("\t", "&#9;").replace("\n", "&#10;")
    return f"<r>{'<rPr><b/></rPr>' if bold else ''}<t{space}>{body}</t></r>"


def _as_excel_reads(part) -> str:
    # ECMA-376 leaves white space to XML: without xml:space="preserve", the spaces, tabs
    # and line breaks around a text element are not part of it (Excel, LibreOffice and
    # calamine read so); a no-break space is a character.
    text, _, preserve = part
    return text if preserve else text.strip(" \t\r\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), _PART), st.lists(_PART, max_size=4)),
        min_size=1,
        max_size=12,
    )
)
def test_generated_texts_are_copied_as_excel_reads_them(tmp_path, strings):
    shared, expected = [], {}
    for i, (plain, runs) in enumerate(strings):
        head = "" if plain is None else re.sub(r"^<r>(?:<rPr><b/></rPr>)?|</r>$", "", _as_xml(plain))
        shared.append(head + "".join(_as_xml(run) for run in runs))
        text = ("" if plain is None else _as_excel_reads(plain)) + "".join(_as_excel_reads(r) for r in runs)
        if text:
            expected[f"A{10 + i}"] = text
    texts = "".join(
        f'<row r="{10 + i}"><c r="A{10 + i}" t="s"><v>{i}</v></c></row>' for i in range(len(strings))
    )
    source = workbook(tmp_path / "generes.xlsx", [*rows_of(TABLE), texts], shared=shared)
    copy = tmp_path / "generes.pointage.xlsx"
    write_annotated_copy(source, copy, build_plan(FileReport(str(source), []), "0" * 64))
    in_copy = {ref: v for ref, v in read(copy).items() if int(ref[1:]) >= 10}
    assert in_copy == expected == {ref: v for ref, v in read(source).items() if int(ref[1:]) >= 10}


def _cpu_of(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "pointage", *args], capture_output=True, text=True, timeout=300
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def test_twenty_thousand_merged_ranges_are_annotated_in_seconds(tmp_path):
    # POI's 57893-many-merges.xlsx took 26 s: openpyxl made an object per merged cell.
    merges = "".join(f'<mergeCell ref="D{r}:Z{r}"/>' for r in range(10, 20010))
    rows = [*rows_of(TABLE), '<row r="10"><c r="E10" t="inlineStr"><is><t>sous la fusion</t></is></c></row>']
    source = workbook(
        tmp_path / "fusions.xlsx",
        rows,
        after_data=f'<mergeCells count="20000"><mergeCell ref="A4:A5"/>{merges}</mergeCells>',
    )
    seconds, result = _cpu_of(["verifier", str(source), "--annoter"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert seconds <= 5, f"{seconds:.1f} s"
    copy = tmp_path / "fusions.pointage.xlsx"
    with python_calamine.CalamineWorkbook.from_path(str(copy)) as book:
        assert len(book.get_sheet_by_name("Annexe").merged_cell_ranges) == 20001
    # What the file holds under a merged range is kept, as Excel keeps it.
    assert read(copy)["E10"] == read(source)["E10"] == "sous la fusion"


@pytest.mark.parametrize("name", ["Print_Titles", "Print_Area"])
def test_a_print_name_that_is_no_reference_is_kept_and_costs_no_time(tmp_path, name):
    # ClosedXML's InvalidPrintTitles.xlsx took 14.5 s: openpyxl's expression for print
    # titles takes a time that grows with the square of the text, then fails.
    value = "Annexe " * 6000
    names = f'<definedNames><definedName name="_xlnm.{name}" localSheetId="0">{value}</definedName></definedNames>'
    source = workbook(tmp_path / "impression.xlsx", rows_of(TABLE), names=names)
    seconds, result = _cpu_of(["verifier", str(source), "--annoter"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert seconds <= 5, f"{seconds:.1f} s"
    with zipfile.ZipFile(tmp_path / "impression.pointage.xlsx") as archive:
        book = archive.read("xl/workbook.xml").decode()
    assert f'name="_xlnm.{name}" localSheetId="1">{value}</definedName>' in book


def _limited_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_a_sheet_too_spread_to_be_read_back_gets_no_copy(tmp_path):
    # An empty text far away: calamine would make a dense block of the whole sheet
    # (550 GB) to read the copy back; the check read the sheet cell by cell.
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'
    source = workbook(tmp_path / "loin.xlsx", [*rows_of(TABLE), far])
    result = subprocess.run(
        [sys.executable, "-m", "pointage", "verifier", str(source), "--annoter"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited_memory,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    reason = COPY_SPREAD.format(sheets="« Annexe »")
    assert f"Copie annotée non écrite pour {source} : {reason}" in result.stdout
    assert not (tmp_path / "loin.pointage.xlsx").exists()
