"""A clean table (the template, filled correctly) exports without --malgre-erreurs and prints in the margins."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from pointage.outputs.template import write_template

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
        "800,00 €",
        "Oui",
        "Avenant",
    ],
    [
        "Mobilité",
        "Artois",
        "CCAS de Liévin",
        "un portefeuille du 1er janvier au 30 juin 2024 + 20 places du 1er juillet au 31 décembre 2024",
        "8 475,00 €",
        "Oui",
        "",
    ],
    ["TOTAL", "", "", "30", "9 275,00 €", "", ""],
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
    [stamp] = [p.text for p in document.paragraphs]
    assert re.fullmatch(
        r"Pointé le \d\d/\d\d/\d{4} à \d\d:\d\d — 0 erreur, 0 avertissement — classeur annexes\.xlsx, "
        r"empreinte SHA-256 [0-9a-f]{12}",
        stamp,
    )
    assert clean.read_bytes() == before


def _soffice_pdf(source: Path, profile: Path) -> Path | None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ],
        capture_output=True,
        timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    return pdf if pdf.exists() else None


def _gray_pixels(pdf: Path, dpi: int) -> tuple[int, int, bytes]:
    """The first page as 8-bit gray pixels (PGM from pdftoppm)."""
    data = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() :]


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) ou poppler (pdftoppm, pdftotext) absent : conversion PDF non testée",
)
def test_clean_docx_converts_to_pdf_within_the_margins(clean, tmp_path):
    profile = tmp_path / "profil-libreoffice"
    probe = tmp_path / "sonde.docx"
    docx.Document().save(probe)
    if _soffice_pdf(probe, profile) is None:
        pytest.skip(
            "LibreOffice ne convertit pas un .docx vide : Writer est absent "
            "(paquet Debian libreoffice-writer-nogui)"
        )
    target = tmp_path / "annexe.docx"
    assert pointage("exporter", clean, "--feuille", "Annexe", "--sortie", target).returncode == 0
    pdf = _soffice_pdf(target, profile)
    assert pdf is not None

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    # Whitespace flattened, and the € sign apart: a narrow column may wrap it to its own
    # line, depending on the LibreOffice version's fonts.
    flat = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))
    for expected in ("Lens", "Liévin", "800,00", "8 475,00", "9 275,00", "TOTAL", "0 erreur"):
        assert expected in flat
    assert flat.count("€") >= 3

    # Every dark pixel (text and table borders) lies inside the 2 cm margins.
    dpi = 72
    width, height, pixels = _gray_pixels(pdf, dpi)
    dark_columns = [x for y in range(height) for x in range(width) if pixels[y * width + x] < 128]
    assert dark_columns, "page blanche"
    margin = MARGIN * dpi / 72
    assert min(dark_columns) >= margin - 1.5
    assert max(dark_columns) <= width - margin + 1.5
    # The table fills the width: it reaches both margins.
    assert min(dark_columns) <= margin + 2 and max(dark_columns) >= width - margin - 3
