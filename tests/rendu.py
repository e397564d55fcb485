"""An export as a person sees it: LibreOffice prints it to PDF, poppler reads the PDF
back (its text line by line, its pixels). The tests that use it skip, with the reason,
where LibreOffice Writer, poppler or Arial's metrics are missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdffonts")
TOOLS_MISSING = not all(shutil.which(tool) for tool in TOOLS)
TOOLS_REASON = "LibreOffice (soffice) ou poppler (pdftoppm, pdftotext) absent : conversion PDF non testée"
# Fonts with Arial's widths, the ones the export's layout measures with.
ARIAL_METRICS = ("Arial", "LiberationSans")


def render_pdf(source: Path, profile: Path) -> Path | None:
    """`source` (.docx or .html) printed to PDF by LibreOffice, next to it; None if it failed.
    Writer opens an HTML page itself: Writer/Web's PDF loses its first paragraph."""
    html = ["--infilter=HTML (StarWriter)"] if source.suffix == ".html" else []
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            *html,
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


def writer_profile(tmp_path: Path) -> Path:
    """A LibreOffice profile whose Writer converts a .docx; skips the test without Writer."""
    profile = tmp_path / "profil-libreoffice"
    probe = tmp_path / "sonde" / "sonde.docx"
    probe.parent.mkdir()
    docx.Document().save(probe)
    if render_pdf(probe, profile) is None:
        pytest.skip(
            "LibreOffice ne convertit pas un .docx vide : Writer est absent (paquet Debian libreoffice-writer-nogui)"
        )
    return profile


def require_arial_metrics(pdf: Path) -> None:
    """Skip unless the PDF's text is in Arial or Liberation Sans: another font (DejaVu
    Sans, where fonts-liberation is missing) is wider than the layout measured."""
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
    if not names or not all(any(arial in name for arial in ARIAL_METRICS) for name in names):
        pytest.skip(
            f"LibreOffice remplace Arial par {', '.join(names)} : paquet Debian fonts-liberation absent"
        )


def pdf_lines(pdf: Path) -> list[str]:
    """The PDF's text as laid out, one string per printed line, no-break spaces as spaces."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.replace("\u00a0", " ").replace("\u202f", " ") for line in text.splitlines()]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def gray_pixels(pdf: Path, dpi: int, page: int = 1) -> tuple[int, int, bytes]:
    """One page as 8-bit gray pixels (PGM from pdftoppm)."""
    data = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() :]


def dark_columns(pdf: Path, dpi: int, page: int = 1) -> tuple[int, list[int]]:
    """The page's width in pixels, and the x of every dark pixel (text, borders) on it."""
    width, height, pixels = gray_pixels(pdf, dpi, page)
    return width, [x for y in range(height) for x in range(width) if pixels[y * width + x] < 128]
