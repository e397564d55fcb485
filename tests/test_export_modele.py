"""A clean table (the template, filled correctly) exports without --malgre-erreurs and prints in the margins."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from pointage.outputs.template import write_template
from rendu import TOOLS_MISSING, TOOLS_REASON, dark_columns, pdf_lines, render_pdf, writer_profile

NBSP = "\u00a0"
ROWS = [
    (
        "Mobilité",
        "Artois",
        "CCAS de Lens",
        "10 places du 1er juillet au 31 décembre 2024",
        800,
        "Oui",
        "Avenant",
    ),
    (
        "Mobilité",
        "Artois",
        "CCAS de Liévin",
        "un portefeuille du 1er janvier au 30 juin 2024 + 20 places du 1er juillet au 31 décembre 2024",
        8475,
        "Oui",
        None,
    ),
    ("TOTAL", None, None, 30, 9275, None, None),
]
EXPECTED = [
    [
        "OPÉRATION",
        "TERRITOIRE(S)",
        "STRUCTURE",
        "PLACES D'ACCOMPAGNEMENT",
        "MONTANT RETENU",
        "DOSSIER RETENU",
        "COMMENTAIRE",
    ],
    [
        "Mobilité",
        "Artois",
        "CCAS de Lens",
        "10 places du 1er juillet au 31 décembre 2024",
        "800,00\u00a0€",
        "Oui",
        "Avenant",
    ],
    [
        "Mobilité",
        "Artois",
        "CCAS de Liévin",
        "un portefeuille du 1er janvier au 30 juin 2024 + 20 places du 1er juillet au 31 décembre 2024",
        "8\u00a0475,00\u00a0€",
        "Oui",
        "",
    ],
    ["TOTAL", "", "", "30", "9\u00a0275,00\u00a0€", "", ""],
]
MM = 72 / 25.4  # points per millimetre
MARGIN = 20 * MM


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def clean(tmp_path) -> Path:
    template = tmp_path / "modele.xlsx"
    write_template(template)
    workbook = openpyxl.load_workbook(template)
    annexe = workbook["Annexe"]
    for offset, values in enumerate(ROWS):
        for col, value in enumerate(values, start=1):
            annexe.cell(row=4 + offset, column=col, value=value)
    filled = tmp_path / "annexes.xlsx"
    workbook.save(filled)
    return filled


def test_clean_table_exports_without_forcer(clean):
    before = clean.read_bytes()
    result = pointage("exporter", clean, "--feuille", "Annexe")
    target = clean.with_name("annexes-Annexe.docx")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Export écrit : {target} (le tableau A3:G6 de la feuille « Annexe »).\n"
    document = docx.Document(target)
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == EXPECTED
    title, stamp = [p.text for p in document.paragraphs]
    assert title == "Annexe : répartition financière"
    assert re.fullmatch(
        r"Pointé le \d\d/\d\d/\d{4} à \d\d:\d\d — 0 erreur, 0 avertissement — classeur annexes\.xlsx",
        stamp,
    )
    assert clean.read_bytes() == before


@pytest.mark.skipif(TOOLS_MISSING, reason=TOOLS_REASON)
def test_clean_docx_converts_to_pdf_within_the_margins(clean, tmp_path):
    profile = writer_profile(tmp_path)
    target = tmp_path / "annexe.docx"
    assert pointage("exporter", clean, "--feuille", "Annexe", "--sortie", target).returncode == 0
    pdf = render_pdf(target, profile)
    assert pdf is not None

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    # Whitespace flattened, and the € sign apart: a narrow column may wrap it to its own
    # line, depending on the LibreOffice version's fonts.
    flat = re.sub(r"\s+", " ", " ".join(pdf_lines(pdf)))
    for expected in ("Lens", "Liévin", "800,00", "8 475,00", "9 275,00", "TOTAL", "0 erreur"):
        assert expected in flat
    assert flat.count("€") >= 3

    # Every dark pixel (text and table borders) lies inside the 2 cm margins.
    dpi = 72
    width, dark = dark_columns(pdf, dpi)
    assert dark, "page blanche"
    margin = MARGIN * dpi / 72
    assert min(dark) >= margin - 1.5
    assert max(dark) <= width - margin + 1.5
    # The table fills the width: it reaches both margins.
    assert min(dark) <= margin + 2 and max(dark) >= width - margin - 3
