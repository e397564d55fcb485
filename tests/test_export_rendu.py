"""Issue 28: the Word and HTML exports printed as the officer prints them (LibreOffice to
PDF, then PNG), read back line by line: each table under its headings, no empty column,
no number, date or word cut across two lines; a table too wide for A4 refused."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from pointage.base.formatting import format_money
from pointage.base.numbers import to_cents
from rendu import (
    TOOLS_MISSING,
    TOOLS_REASON,
    dark_columns,
    page_count,
    pdf_lines,
    render_pdf,
    require_arial_metrics,
    writer_profile,
)

EXAMPLES = Path(__file__).parents[1] / "workbooks" / "exemples"
SEED_000 = EXAMPLES / "cp-2024-09-16-accompagnement-global.xlsx"
SEED_001 = EXAMPLES / "cp-2022-11-21-inclusion-phase-3.xlsx"
CM = 72 / 2.54
SEED_001_HEADINGS = [
    "Annexe 5 : APPEL A PROJETS DPID 2022 - PHASE 3 - REPARTITION FINANCIERE DES OPERATIONS",
    "1. Accompagnement des bénéficiaires du RSA : dynamiser les parcours dans un objectif "
    "d'insertion professionnelle",
    "2. Développement des compétences et accès à l'emploi",
    "3. Accès au logement et accompagnement budgétaire",
    "4. Autonomie et inclusion des jeunes",
]

rendering = pytest.mark.skipif(TOOLS_MISSING, reason=TOOLS_REASON)


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return writer_profile(tmp_path_factory.mktemp("libreoffice"))


def printed(profile: Path, workbook: Path, sheet: str, target: Path, *options: str) -> list[str]:
    """The lines of the export of `sheet`, printed to PDF by LibreOffice."""
    result = pointage("exporter", workbook, "--feuille", sheet, "--sortie", target, *options)
    assert result.returncode == 0, result.stderr
    pdf = render_pdf(target, profile)
    assert pdf is not None
    require_arial_metrics(pdf)
    return pdf_lines(pdf)


def amounts(workbook: Path, sheet: str, column: str) -> list[str]:
    """Every amount of a column of the workbook, as a person writes it (`24 150,00 €`)."""
    cells = openpyxl.load_workbook(workbook, data_only=True)[sheet][column]
    return [
        format_money(to_cents(Decimal(repr(c.value))))
        for c in cells
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    ]


def cut(lines: list[str], texts: list[str]) -> list[str]:
    """The texts that no printed line holds whole."""
    return [text for text in texts if not any(text in line for line in lines)]


def within_margins(pdf: Path, page: int = 1) -> tuple[int, int, int]:
    """(leftmost dark pixel, rightmost, page width) of a page at 72 dpi: one pixel a point."""
    width, dark = dark_columns(pdf, 72, page)
    return min(dark), max(dark), width


@rendering
def test_seed_000_shows_its_title_no_empty_column_and_whole_amounts(profile, tmp_path):
    target = tmp_path / "annexe-1.docx"
    lines = printed(profile, SEED_000, "Annexe 1", target, "--malgre-erreurs")
    filled = [line.strip() for line in lines if line.strip()]
    assert filled[:2] == ["Annexe 1 : REPARTITION FINANCIERE", "TABLEAU NON VÉRIFIÉ — 2 erreurs"]
    # OPERATION and TERRITOIRE(S) hold nothing but the TOTAL labels: left out, and said.
    note = "Colonnes vides non reprises dans le tableau A3:F47 : OPERATION (A), TERRITOIRE(S) (B)."
    assert [line for line in filled if "OPERATION" in line or "TERRITOIRE" in line] == [note]
    assert [line for line in filled if line.startswith("Pointé le ")] == [filled[-2]]
    assert filled[-1] == note
    [table] = docx.Document(target).tables
    columns = list(zip(*[[c.text for c in row.cells] for row in table.rows[1:]]))
    assert [any(column) for column in columns] == [True] * 4
    assert [row.cells[0].text for row in table.rows[-2:]] == ["TOTAL", "TOTAL"]
    # Every amount of MONTANT RETENU, and the places' total, on one line.
    expected = amounts(SEED_000, "Annexe 1", "E")
    assert len(expected) == 44
    assert cut(lines, [*expected, "3 354"]) == []
    # The page: portrait, the table inside the 2 cm margins.
    left, right, width = within_margins(target.with_suffix(".pdf"))
    assert abs(width - 21 * CM) < 1 and left >= 2 * CM - 1.5 and right <= width - 2 * CM + 1.5


@rendering
def test_seed_001_shows_each_table_under_its_heading(profile, tmp_path):
    target = tmp_path / "annexe-5.docx"
    lines = printed(profile, SEED_001, "Annexe 5", target)
    filled = [line.strip() for line in lines if line.strip()]
    at = [filled.index(heading) for heading in SEED_001_HEADINGS]
    assert at == sorted(at) and at[:2] == [0, 1]
    # One stamp for the export, after the last table; the empty COMMENTAIRE column left out.
    stamps = [n for n, line in enumerate(filled) if line.startswith("Pointé le ")]
    assert len(stamps) == 1 and stamps[0] > at[-1]
    assert filled[stamps[0]].endswith(
        " — 0 erreur, 0 avertissement — classeur cp-2022-11-21-inclusion-phase-3.xlsx"
    )
    # COMMENTAIRE is empty in the first three tables only: left out of them, and said.
    assert not any("COMMENTAIRE" in line for line in filled[: at[4]])
    assert any("COMMENTAIRE" in line for line in filled[at[4] : stamps[0]])
    assert filled[stamps[0] + 1 :] == [
        f"Colonne vide non reprise dans le tableau {ref} : COMMENTAIRE (F)."
        for ref in ("A4:I33", "A38:I54", "A59:I75")
    ]
    expected = amounts(SEED_001, "Annexe 5", "G")
    assert len(expected) == 80
    assert cut(lines, [*expected, "01/03/2022", "31/12/2022", "64 273,09 €", "15 000 €"]) == []
    left, right, width = within_margins(target.with_suffix(".pdf"))
    assert abs(width - 29.7 * CM) < 1 and left >= 2 * CM - 1.5 and right <= width - 2 * CM + 1.5


@rendering
def test_seed_001_html_fits_the_page_it_is_printed_on(profile, tmp_path):
    target = tmp_path / "annexe-5.html"
    result = pointage("exporter", SEED_001, "--feuille", "Annexe 5", "--format", "html", "--sortie", target)
    assert result.returncode == 0, result.stderr
    pdf = render_pdf(target, profile)
    assert pdf is not None
    require_arial_metrics(pdf)
    lines = pdf_lines(pdf)
    filled = [line.strip() for line in lines if line.strip()]
    assert [filled.index(h) for h in SEED_001_HEADINGS] == sorted(filled.index(h) for h in SEED_001_HEADINGS)
    assert cut(lines, amounts(SEED_001, "Annexe 5", "G")) == []
    # The print style turns the page; every page's table stays inside its margins.
    for page in range(1, page_count(pdf) + 1):
        left, right, width = within_margins(pdf, page)
        assert abs(width - 29.7 * CM) < 1 and left >= 2 * CM - 1.5 and right <= width - 2 * CM + 1.5, page


CONVENTIONS_HEADERS = [
    "Nom de l’attributaire",
    "Identification de l’attributaire (SIRET)",
    "Date de la convention de subvention",
    "Référence de la décision",
    "Identification du bénéficiaire",
    "Nom du bénéficiaire",
    "Objet de la subvention",
    "Montant total de la subvention",
    "Nature de la subvention",
    "Conditions de versement",
    "Date(s) ou période(s) de versement",
    "Numéro unique de référencement au RAE",
    "Aide d’Etat notifié à la Commission européenne",
    "Pourcentage du montant de la subvention attribuée au bénéficiaire",
]
# The conventions of a département's open data (SCDL), 14 columns.
CONVENTIONS = [
    (
        "Association Centre Culturel International Rachi",
        "78035053400019",
        date(2017, 11, 16),
        "Subvention pour la réalisation du projet muséographique de l’exposition permanente de la Maison Rachi",
        50000,
        "échelonné",
        "28/11/2017 08/12/2017",
    ),
    (
        "Association Groupement de Défense Sanitaire de l’Aube",
        "39177287800016",
        date(2017, 11, 16),
        "Subvention pour la réalisation de son objet statutaire et donc à ses missions au titre de l’année 2017",
        97000,
        "échelonné",
        "22/11/2017 Solde en 2018",
    ),
    (
        "Croix Rouge Française",
        "77567227221138",
        date(2017, 11, 3),
        "Aide départementale d’urgence exceptionnelle en vue de soutenir les Antilles françaises",
        50000,
        "unique",
        date(2017, 11, 15),
    ),
    (
        "Chambre des métiers et de l’Artisanat de l’Aube",
        "18100860800017",
        date(2017, 10, 1),
        "Subvention pour la réalisation du programme d’actions 2017",
        100000,
        "échelonné",
        "07/11/2017 Solde en 2018",
    ),
    (
        "Association Troyes Aube Formation",
        "52917534100013",
        date(2017, 10, 25),
        "Subvention pour la mise en œuvre de formation d’enseignement supérieur au titre de l’année 2017",
        1465600,
        "échelonné",
        "14/04/2017 (avance) Solde 15/11/2017",
    ),
]


def conventions(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Conventions"
    sheet.append(CONVENTIONS_HEADERS)
    for name, siret, signed, purpose, amount, terms, paid in CONVENTIONS:
        sheet.append(
            [
                "Conseil départemental de l’Aube",
                "22100005200011",
                signed,
                "Ne rien indiquer",
                siret,
                name,
                purpose,
                amount,
                "Aide en numéraire",
                terms,
                paid,
                "Ne rien indiquer",
                "Ne rien indiquer",
                1,
            ]
        )
    book.save(path)
    return path


@rendering
def test_fourteen_columns_break_no_date_amount_or_word(profile, tmp_path):
    target = tmp_path / "conventions.docx"
    lines = printed(profile, conventions(tmp_path / "conventions.xlsx"), "Conventions", target)
    whole = [
        "22100005200011",
        "16/11/2017",
        "01/10/2017",
        "28/11/2017",
        "14/04/2017",
        "15/11/2017",
        "50 000,00 €",
        "100 000,00 €",
        "1 465 600,00 €",
        "78035053400019",
        "l’attributaire",
        "Identification",
        "Conditions",
        "versement",
        "référencement",
        "Pourcentage",
        "subvention",
        "européenne",
        "bénéficiaire",
        "muséographique",
        "départemental",
    ]
    assert cut(lines, whole) == []
    assert page_count(target.with_suffix(".pdf")) == 1
    left, right, width = within_margins(target.with_suffix(".pdf"))
    assert abs(width - 29.7 * CM) < 1 and left >= 2 * CM - 1.5 and right <= width - 2 * CM + 1.5
