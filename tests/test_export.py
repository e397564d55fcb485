"""Export of Annexe 1 of the seed 000 example (issue 6): refused, then forced."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from pointage.base.formatting import format_money, format_quantity
from pointage.base.numbers import to_cents
from pointage.engine.check import check_snapshot_with_context
from pointage.outputs.export.api import ExportRefused, export_table, table_at
from pointage.reading.workbook import read_workbook

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
NAME = EXAMPLE.name
NOW = datetime(2026, 11, 22, 10, 41)
SHA = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
NBSP = "\u00a0"  # inside an exported number: it never breaks across two lines
TITLE = "Annexe 1 : REPARTITION FINANCIERE"


def nb(amount: str) -> str:
    return amount.replace(" ", NBSP)


HEADERS = [
    "STRUCTURE",
    "PLACES D'ACCOMPAGNEMENT",
    "MONTANT RETENU",
    "Avenant/convention",
]
STAMP = f"Pointé le 22/11/2026 à 10:41 — 2 erreurs, 0 avertissement — classeur {NAME}"
OMITTED = "Colonnes vides non reprises dans le tableau A3:F47 : OPERATION (A), TERRITOIRE(S) (B)."


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def checked():
    return check_snapshot_with_context(read_workbook(EXAMPLE), None, str(EXAMPLE))


def sheet_texts() -> list[list[str]]:
    """A3:F47 of Annexe 1 as the report must show it, read with openpyxl: OPERATION and
    TERRITOIRE(S) are empty but for the TOTAL labels, which move to STRUCTURE."""
    sheet = openpyxl.load_workbook(EXAMPLE, data_only=True)["Annexe 1"]
    texts = []
    for row in sheet.iter_rows(min_row=3, max_row=47, max_col=6, values_only=True):
        assert row[1] is None or row[1] == "TERRITOIRE(S)"
        assert row[0] in (None, "OPERATION", "TOTAL") and (row[0] != "TOTAL" or row[2] is None)
        line = []
        for col, value in enumerate(row[2:], start=2):
            if col == 2 and row[0] == "TOTAL":
                line.append("TOTAL")
            elif value is None:
                line.append("")
            elif col == 4 and not isinstance(value, str):  # MONTANT RETENU
                line.append(format_money(to_cents(Decimal(repr(value))), NBSP))
            elif isinstance(value, (int, float)):  # the places total under the description
                line.append(format_quantity(Decimal(repr(value)), NBSP))
            else:
                line.append(value.strip())
        texts.append(line)
    return texts


def forced_docx(checked) -> docx.document.Document:
    ctx, report = checked
    data = export_table(ctx, report, "Annexe 1", None, "docx", True, NAME, SHA, NOW)
    return docx.Document(io.BytesIO(data))


def test_export_is_refused_with_the_two_erreurs(checked):
    ctx, report = checked
    with pytest.raises(ExportRefused) as refused:
        export_table(ctx, report, "Annexe 1", 1, "docx", False, NAME, SHA, NOW)
    assert [(f.code, f.cell) for f in refused.value.findings] == [("M001", "E7"), ("M001", "E17")]
    lines = str(refused.value).split("\n")
    assert lines[0] == "Export refusé : le tableau n° 1 (A3:F47) de la feuille « Annexe 1 » a 2 erreurs :"
    assert lines[1].startswith("  'Annexe 1'!E7 [M001] CCAS de Bethune : le texte indique 1 portefeuille")
    assert lines[2].startswith("  'Annexe 1'!E17 [M001] CCAS de Boulogne-sur-Mer : le texte indique")
    assert len(lines) == 3


def test_forced_docx_has_the_sheet_texts(checked):
    [table] = forced_docx(checked).tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(rows) == 45
    assert rows == sheet_texts()
    assert rows[0] == HEADERS
    assert rows[1] == [
        "DEMAIN",
        "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 "
        "+ 280 places du 1er juillet au 31 décembre 2024",
        "29\u00a0275,00\u00a0€",
        "Avenant type annexe 2",
    ]
    assert rows[4][0:3] == ["CCAS de Bethune", rows[4][1], "24\u00a0150,00\u00a0€"]
    assert rows[-2] == ["TOTAL", "3\u00a0354", "464\u00a0570,00\u00a0€", ""]
    assert rows[-1] == ["TOTAL", "", "464\u00a0570,00\u00a0€", ""]


def test_forced_docx_layout(checked):
    document = forced_docx(checked)
    [table] = document.tables

    def runs(row):
        return [run for cell in row.cells for p in cell.paragraphs for run in p.runs]

    assert all(run.bold for run in runs(table.rows[0]))
    assert all(run.bold for row in table.rows[-2:] for run in runs(row))
    assert not any(run.bold for row in table.rows[1:-2] for run in runs(row))
    alignments = [cell.paragraphs[0].alignment for cell in table.rows[1].cells]
    assert [a == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT for a in alignments] == [False] * 2 + [True, False]
    assert table.rows[-2].cells[1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    # Fixed widths, in the order of the schema (Word rejects a misordered tblPr).
    assert [child.tag.split("}")[1] for child in table._tbl.tblPr] == [
        "tblStyle",
        "tblW",
        "jc",
        "tblInd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]
    # The header row repeats on every page.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    usable = section.page_width - section.left_margin - section.right_margin
    widths = [column.width for column in table.columns]
    indent = int(table._tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w"))) * 635  # twips -> EMU
    assert sum(widths) + indent <= usable + 635 * 160  # within 8 pt: the cell padding


def test_forced_docx_title_and_warning_above_stamp_and_note_below(checked):
    document = forced_docx(checked)
    body = [child.tag.split("}")[1] for child in document.element.body]
    assert body == ["p", "p", "tbl", "p", "p", "sectPr"]
    title, warning, stamp, note = document.paragraphs
    assert (title.text, [r.bold for r in title.runs]) == (TITLE, [True])
    assert warning.text == "TABLEAU NON VÉRIFIÉ — 2 erreurs"
    assert [(r.bold, str(r.font.color.rgb)) for r in warning.runs] == [(True, "C00000")]
    assert (stamp.text, note.text) == (STAMP, OMITTED)
    # The fingerprint is in the document's properties, never in the pasted text.
    properties = document.core_properties
    assert properties.identifier == f"sha256:{SHA}"
    assert properties.comments == f"{STAMP}, empreinte SHA-256 {SHA}"


def test_docx_without_mention_has_only_the_table_and_its_title(checked):
    ctx, report = checked
    data = export_table(ctx, report, "Annexe 1", None, "docx", True, NAME, SHA, NOW, mention=False)
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [TITLE, "TABLEAU NON VÉRIFIÉ — 2 erreurs"]
    assert document.core_properties.comments == f"{STAMP}, empreinte SHA-256 {SHA}"


def test_html_export_is_the_same_table(checked):
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.paragraphs, self.tables = [], [], 0
            self.cell = self.paragraph = None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables += 1
            elif tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = ""
            elif tag == "br" and self.cell is not None:
                self.cell += "\n"
            elif tag == "p":
                self.paragraph = ("color:#C00000" in (dict(attrs).get("style") or ""), "")

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.rows[-1].append(self.cell)
                self.cell = None
            elif tag == "p":
                self.paragraphs.append(self.paragraph)
                self.paragraph = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data
            elif self.paragraph is not None:
                self.paragraph = (self.paragraph[0], self.paragraph[1] + data)

    ctx, report = checked
    data = export_table(ctx, report, "Annexe 1", 1, "html", True, NAME, SHA, NOW)
    text = data.decode("utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="fr">') and text.rstrip().endswith("</html>")
    parser = Cells()
    parser.feed(text)
    parser.close()
    assert parser.tables == 1
    assert parser.rows == sheet_texts()
    assert parser.paragraphs == [
        (False, TITLE),
        (True, "TABLEAU NON VÉRIFIÉ — 2 erreurs"),
        (False, STAMP),
        (False, OMITTED),
    ]
    assert text.count("<th ") == 4
    assert text.count('font-weight:bold">TOTAL</td>') == 2
    assert (
        '<td style="border:0.5pt solid #000000;padding:1pt 4pt;font-size:9pt;vertical-align:middle;'
        'text-align:right;white-space:nowrap">29\u00a0275,00\u00a0€</td>' in text
    )
    # The fingerprint in the head, not in the body; the table fits its container.
    assert f'<meta name="pointage-empreinte-sha256" content="{SHA}">' in text
    assert text.count(SHA) == 2 and text.index(SHA) < text.index("<body")
    assert "<style>@page { size: A4 portrait; margin: 2cm } table { width: 100% }</style>" in text
    assert '<table style="border-collapse:collapse;width:100%;' in text
    shares = [float(w) for w in re.findall(r'<col style="width:([0-9.]+)%">', text)]
    assert len(shares) == 4 and sum(shares) == pytest.approx(100, abs=0.02)
    assert not re.search(r"width:[0-9.]+pt", text)


def test_table_at_finds_the_table_under_the_selection(checked):
    ctx, _ = checked
    assert table_at(ctx, "Annexe 1", 2, 0) == 1  # A3, the header row
    assert table_at(ctx, "Annexe 1", 46, 5) == 1  # F47, the last TOTAL
    assert table_at(ctx, "Annexe 1", 47, 4) is None  # E48, below the table
    assert table_at(ctx, "Annexe 1", 10, 6) is None  # G11, right of the table
    assert table_at(ctx, "Annexe 1", 1, 0) is None  # A2, the title
    assert table_at(ctx, "Délibération", 3, 4) == 1
    assert table_at(ctx, "Nulle part", 3, 4) is None


def test_budget_table_exports_with_its_warnings(checked):
    ctx, report = checked
    data = export_table(ctx, report, "Rapport", None, "docx", False, NAME, SHA, NOW)
    document = docx.Document(io.BytesIO(data))
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        [
            "Code Opération",
            "Imputation Budgétaire",
            "Libellé Opération",
            "AE €",
            "Disponible €",
            "Proposition €",
            "Solde €",
        ],
        [
            "C02-446A05",
            "6568//93446",
            "indéminisation des organismes référents",
            nb("9 169 450,00 €"),
            nb("2 105 667,73 €"),
            nb("464 570,00 €"),
            nb("1 641 097,73 €"),
        ],
    ]
    assert [p.text for p in document.paragraphs] == [
        "La dépense sera imputée sur le budget départemental comme suit :",  # the row above it
        f"Pointé le 22/11/2026 à 10:41 — 0 erreur, 2 avertissements — classeur {NAME}",
    ]


# --- the command line -------------------------------------------------------


@pytest.fixture
def workbook(tmp_path) -> Path:
    copy = tmp_path / NAME
    shutil.copyfile(EXAMPLE, copy)
    return copy


def test_cli_refuses_and_lists_the_erreurs(workbook):
    result = pointage("exporter", workbook, "--feuille", "Annexe 1")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == "pointage : Export refusé : le tableau n° 1 (A3:F47) de la feuille « Annexe 1 » a 2 erreurs :"
    )
    assert lines[1].startswith("  'Annexe 1'!E7 [M001] ") and lines[2].startswith("  'Annexe 1'!E17 [M001] ")
    assert lines[3] == (
        "Corrigez le classeur, ou ajoutez --malgre-erreurs pour exporter quand même "
        "(le document portera « TABLEAU NON VÉRIFIÉ » en rouge)."
    )
    assert sorted(p.name for p in workbook.parent.iterdir()) == [NAME]
    assert workbook.read_bytes() == EXAMPLE.read_bytes()


def test_cli_forced_export_writes_next_to_the_workbook(workbook):
    result = pointage("exporter", workbook, "--feuille", "Annexe 1", "--malgre-erreurs")
    assert result.returncode == 0, result.stderr
    target = workbook.with_name("cp-2024-09-16-accompagnement-global-Annexe 1.docx")
    assert result.stdout == (
        f"Export écrit : {target} (le tableau A3:F47 de la feuille « Annexe 1 »).\n{OMITTED}\n"
    )
    assert result.stderr == (
        "Attention : exporté malgré 2 erreurs ; le document porte « TABLEAU NON VÉRIFIÉ » en rouge.\n"
    )
    document = docx.Document(target)
    assert len(document.tables[0].rows) == 45
    assert document.paragraphs[1].text == "TABLEAU NON VÉRIFIÉ — 2 erreurs"
    assert re.fullmatch(
        r"Pointé le \d\d/\d\d/\d{4} à \d\d:\d\d — 2 erreurs, 0 avertissement — classeur " + re.escape(NAME),
        document.paragraphs[2].text,
    )
    assert document.paragraphs[3].text == OMITTED
    assert document.core_properties.identifier == f"sha256:{SHA}"
    assert workbook.read_bytes() == EXAMPLE.read_bytes()


def test_cli_sans_mention_leaves_the_stamp_and_notes_out(workbook):
    result = pointage("exporter", workbook, "--feuille", "Annexe 1", "--malgre-erreurs", "--sans-mention")
    assert result.returncode == 0, result.stderr
    target = workbook.with_name("cp-2024-09-16-accompagnement-global-Annexe 1.docx")
    assert result.stdout.splitlines()[1] == OMITTED  # said on the screen all the same
    document = docx.Document(target)
    assert [p.text for p in document.paragraphs] == [TITLE, "TABLEAU NON VÉRIFIÉ — 2 erreurs"]
    assert document.core_properties.identifier == f"sha256:{SHA}"


def test_cli_html_with_output_name(workbook, tmp_path):
    target = tmp_path / "annexe.html"
    result = pointage(
        "exporter",
        workbook,
        "--feuille",
        "Annexe 1",
        "--tableau",
        "1",
        "--format",
        "html",
        "--sortie",
        target,
        "--malgre-erreurs",
    )
    assert result.returncode == 0, result.stderr
    assert (
        '<td style="border:0.5pt solid #000000;padding:1pt 4pt;font-size:9pt;vertical-align:middle;'
        'font-weight:bold">TOTAL</td>' in target.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--feuille", "Annexe 9"],
            "pointage : la feuille « Annexe 9 » n'existe pas (feuilles du classeur : "
            "« Annexe 1 », « Délibération », « Rapport », « Barème », « Paramètres »).\n",
        ),
        (
            ["--feuille", "Barème"],
            "pointage : la feuille « Barème » ne contient aucun tableau d'annexe "
            "reconnu (il faut une ligne d'en-têtes comme STRUCTURE | MONTANT RETENU).\n",
        ),
        (
            ["--feuille", "Annexe 1", "--tableau", "2"],
            "pointage : la feuille « Annexe 1 » a un seul tableau (A3:F47) : pas de tableau n° 2.\n",
        ),
        (
            ["--feuille", "Rapport", "--sortie", "rapport.pdf"],
            "pointage : « rapport.pdf » : un export "
            "docx s'écrit dans un fichier .docx (ou indiquez --format html).\n",
        ),
    ],
)
def test_cli_bad_arguments(workbook, arguments, message):
    result = pointage("exporter", workbook, *arguments)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_cli_bad_files(tmp_path):
    missing = tmp_path / "absent.xlsx"
    result = pointage("exporter", missing, "--feuille", "Annexe 1")
    assert (result.returncode, result.stderr) == (2, f"pointage : « {missing} » : fichier introuvable.\n")
    fake = tmp_path / "faux.xlsx"
    fake.write_text("ceci n'est pas un classeur", encoding="utf-8")
    result = pointage("exporter", fake, "--feuille", "Annexe 1")
    assert result.returncode == 2
    assert result.stderr.startswith(f"pointage : « {fake} » illisible : ")
    assert "Traceback" not in result.stderr
    assert fake.read_text(encoding="utf-8") == "ceci n'est pas un classeur"


def test_cli_never_writes_over_the_workbook(workbook):
    result = pointage("exporter", workbook, "--feuille", "Rapport", "--sortie", workbook, "--malgre-erreurs")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"pointage : « {NAME} » : un export docx s'écrit dans un fichier .docx (ou indiquez --format html).\n"
    )
    assert workbook.read_bytes() == EXAMPLE.read_bytes()


def test_cli_refuses_to_overwrite_without_remplacer(workbook):
    target = workbook.with_name("rapport.docx")
    target.write_bytes(b"mon rapport")
    result = pointage("exporter", workbook, "--feuille", "Rapport", "--sortie", target)
    assert (result.returncode, result.stderr) == (
        2,
        f"pointage : « {target} » existe déjà : ajoutez --remplacer pour le remplacer.\n",
    )
    assert target.read_bytes() == b"mon rapport"
    # --malgre-erreurs is about erreurs, not about files: it replaces nothing.
    result = pointage("exporter", workbook, "--feuille", "Rapport", "--sortie", target, "--malgre-erreurs")
    assert result.returncode == 2 and target.read_bytes() == b"mon rapport"
    result = pointage("exporter", workbook, "--feuille", "Rapport", "--sortie", target, "--remplacer")
    assert result.returncode == 0, result.stderr
    assert [len(t.rows) for t in docx.Document(target).tables] == [2]
