"""Export pieces: cell texts, the lines around a table, widths, several tables in a sheet."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from classeurs import construire
from pointage.engine.check import check_snapshot_with_context
from pointage.outputs.export.api import ExportError, ExportRefused, export_table, table_at
from pointage.outputs.export.content import Cell, ExportedRow, ExportedTable, cell_of
from pointage.outputs.export.layout import A4_LONG, A4_SHORT, MARGIN, page_layout, text_width
from pointage.outputs.export.targets import default_output
from pointage.outputs.export.texts import stamp, unchecked_warning
from pointage.reading.workbook import read_workbook
from pointage.report.findings import Finding, Severity

NOW = datetime(2026, 11, 22, 9, 5)
NBSP = "\u00a0"


def nb(text: str) -> str:
    return text.replace(" ", NBSP)


SHA = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("value", "money", "quantity", "expected"),
    [
        (29275.0, True, False, Cell(nb("29 275,00 €"), True)),
        ("29\u202f275,00\u00a0€", True, False, Cell(nb("29 275,00 €"), True)),  # pasted from Word
        ("(1 200,00)", True, False, Cell(nb("-1 200,00 €"), True)),
        (13945.825, True, False, Cell(nb("13 945,83 €"), True)),  # half-up to the cent
        ("n.c.", True, False, Cell("n.c.")),  # not a number: as written (F002 says so)
        (None, True, False, Cell("")),
        ("3 354", False, True, Cell(nb("3 354"), True)),
        (3354.0, False, False, Cell(nb("3 354"), True)),  # the places total under the description
        (0.1 + 0.2, False, True, Cell("0,3", True)),
        (12, False, False, Cell("12", True)),
        ("  Avenant type annexe 2 ", False, False, Cell("Avenant type annexe 2")),
        ("6568//93446", False, False, Cell("6568//93446")),
        # A number in a text keeps its spaces unbreakable too; nothing else does.
        (
            "Projet de 64 273,09 €, dont 1 500 € de transport (12 %)",
            False,
            False,
            Cell("Projet de 64\u00a0273,09\u00a0€, dont 1\u00a0500\u00a0€ de transport (12\u00a0%)"),
        ),
        (
            "du 1er juillet au 31 décembre 2024 + 280 places",
            False,
            False,
            Cell("du 1er juillet au 31 décembre 2024 + 280 places"),
        ),
        ("Ligne 1\nLigne 2", False, False, Cell("Ligne 1\nLigne 2")),
        (datetime(2024, 9, 16), False, False, Cell("16/09/2024")),
        (datetime(2024, 9, 16, 14, 30), False, False, Cell("16/09/2024 14:30")),
        (date(2024, 12, 31), False, False, Cell("31/12/2024")),
        (True, False, False, Cell("VRAI")),
    ],
)
def test_cell_texts(value, money, quantity, expected):
    assert cell_of(value, money, quantity) == expected


def finding(severity: Severity) -> Finding:
    return Finding("T001", severity, "Annexe", "E5", "message")


@pytest.mark.parametrize(
    ("severities", "counts"),
    [
        ([], "0 erreur, 0 avertissement"),
        ([Severity.ERREUR, Severity.AVERTISSEMENT], "1 erreur, 1 avertissement"),
        (
            [Severity.ERREUR] * 2 + [Severity.AVERTISSEMENT] * 3 + [Severity.INFO],
            "2 erreurs, 3 avertissements",
        ),
    ],
)
def test_stamp(severities, counts):
    assert stamp([finding(s) for s in severities], "annexes.xlsx", NOW) == (
        f"Pointé le 22/11/2026 à 09:05 — {counts} — classeur annexes.xlsx"
    )


def test_unchecked_warning():
    assert unchecked_warning(1) == "TABLEAU NON VÉRIFIÉ — 1 erreur"
    assert unchecked_warning(3) == "TABLEAU NON VÉRIFIÉ — 3 erreurs"


def test_text_width_uses_arial_metrics():
    # Measured in LibreOffice's PDF (Liberation Sans, Arial's metrics), 8 pt.
    assert text_width("Bruay-la-", 8) == pytest.approx(32.448)
    assert text_width("OPERATION", 8, bold=True) == pytest.approx(47.56)


def _table(headers, rows) -> ExportedTable:
    return ExportedTable(
        "Annexe", "A1:A1", tuple(headers), tuple(ExportedRow(tuple(Cell(t) for t in r)) for r in rows)
    )


def test_narrow_table_is_portrait_and_fills_the_width():
    table = _table(["STRUCTURE", "MONTANT"], [["CCAS de Lens", "800,00 €"]])
    page = page_layout([table])
    assert not page.landscape
    [layout] = page.tables
    assert layout.font_size == 9
    assert layout.width == pytest.approx(A4_SHORT - 2 * MARGIN)


def test_wide_table_turns_landscape():
    headers = [f"COLONNE{n:02d}" for n in range(10)]
    page = page_layout([_table(headers, [["x"] * 10])])
    assert page.landscape
    assert (page.page_width, page.page_height) == (A4_LONG, A4_SHORT)
    assert page.tables[0].width == pytest.approx(A4_LONG - 2 * MARGIN)


def test_long_text_wraps_in_its_column_not_the_numbers():
    text = "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 " * 3
    table = ExportedTable(
        "Annexe",
        "A1:A1",
        ("STRUCTURE", "DESCRIPTION", "MONTANT"),
        (ExportedRow((Cell("CCAS"), Cell(text), Cell("464 570,00 €", True))),),
    )
    [layout] = page_layout([table]).tables
    assert layout.widths[2] >= text_width("464 570,00 €", layout.font_size) + 8
    assert layout.widths[1] == max(layout.widths)


def test_default_output():
    workbook = Path("/dossier/cp-2024.xlsx")
    assert default_output(workbook, "Annexe 1", "docx") == Path("/dossier/cp-2024-Annexe 1.docx")
    assert default_output(workbook, "Annexe 1", "html", 2) == Path("/dossier/cp-2024-Annexe 1-tableau-2.html")
    assert default_output(workbook, 'Annexe "A"', "docx") == Path("/dossier/cp-2024-Annexe _A_.docx")


DEUX_TABLEAUX = """
Annexe 2 : répartition
STRUCTURE      | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CCAS de Lens   | 10 places sur 12 mois   | 1600
CCAS de Liévin | 20 places sur 12 mois   | 3200
TOTAL          | 30                      | 4900



Annexe 3 : répartition
STRUCTURE      | MONTANT RETENU
ACTISHOP       | "800,00 €"
TOTAL          | 800
"""


@pytest.fixture(scope="module")
def two_tables(tmp_path_factory):
    path = construire(tmp_path_factory.mktemp("export") / "deux.xlsx", {"Annexes": DEUX_TABLEAUX})
    ctx, report = check_snapshot_with_context(read_workbook(path), None, str(path))
    return ctx, report


def test_table_at_with_two_tables(two_tables):
    ctx, _ = two_tables
    assert [t.range for t in ctx.tables] == ["A2:C5", "A10:B12"]
    assert table_at(ctx, "Annexes", 1, 0) == 1
    assert table_at(ctx, "Annexes", 4, 2) == 1
    assert table_at(ctx, "Annexes", 6, 0) is None
    assert table_at(ctx, "Annexes", 11, 1) == 2
    assert table_at(ctx, "Annexes", 11, 2) is None


def test_only_the_exported_tables_erreurs_count(two_tables):
    ctx, report = two_tables
    data = export_table(ctx, report, "Annexes", 2, "docx", False, "deux.xlsx", SHA, NOW)
    document = docx.Document(io.BytesIO(data))
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["STRUCTURE", "MONTANT RETENU"],
        ["ACTISHOP", nb("800,00 €")],
        ["TOTAL", nb("800,00 €")],
    ]
    assert [p.text for p in document.paragraphs] == [
        "Annexe 3 : répartition",
        "Pointé le 22/11/2026 à 09:05 — 0 erreur, 0 avertissement — classeur deux.xlsx",
    ]
    with pytest.raises(ExportRefused) as refused:
        export_table(ctx, report, "Annexes", None, "docx", False, "deux.xlsx", SHA, NOW)
    assert str(refused.value).split("\n")[0] == (
        "Export refusé : le tableau n° 1 (A2:C5) de la feuille « Annexes » a 1 erreur :"
    )
    assert [(f.code, f.cell) for f in refused.value.findings] == [("T001", "C5")]


def test_forced_export_of_all_tables_marks_only_the_wrong_one(two_tables):
    ctx, report = two_tables
    data = export_table(ctx, report, "Annexes", None, "docx", True, "deux.xlsx", SHA, NOW)
    document = docx.Document(io.BytesIO(data))
    body = [
        ("tbl", len(child.findall(".//{*}tr")))
        if child.tag.endswith("}tbl")
        else ("p", "".join(t.text for t in child.iter("{*}t")))
        for child in document.element.body
        if not child.tag.endswith("}sectPr")
    ]
    # Each table under its title, one stamp for the export.
    assert body == [
        ("p", "Annexe 2 : répartition"),
        ("p", "TABLEAU NON VÉRIFIÉ — 1 erreur"),
        ("tbl", 4),
        ("p", "Annexe 3 : répartition"),
        ("tbl", 3),
        ("p", "Pointé le 22/11/2026 à 09:05 — 1 erreur, 0 avertissement — classeur deux.xlsx"),
    ]


@pytest.mark.parametrize(
    ("sheet", "table", "fmt", "message"),
    [
        ("Annexes", 3, "docx", "la feuille « Annexes » a 2 tableaux (A2:C5, A10:B12) : pas de tableau n° 3."),
        ("Annexes", 1, "pdf", "format « pdf » inconnu (formats : docx, html)."),
    ],
)
def test_export_errors(two_tables, sheet, table, fmt, message):
    ctx, report = two_tables
    with pytest.raises(ExportError) as error:
        export_table(ctx, report, sheet, table, fmt, True, "deux.xlsx", SHA, NOW)
    assert str(error.value) == message
