"""Issue 28, the pieces of an export made for pasting: the headings above each table,
the empty columns left out, the widths that break no number, the refusal of a table
too wide for A4, the rows that may split."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from classeurs import construire
from pointage.engine.check import check_snapshot_with_context
from pointage.outputs.export.api import ExportError, export, export_table
from pointage.outputs.export.content import Cell, ExportedRow, ExportedTable, exported_table
from pointage.outputs.export.headings import table_headings
from pointage.outputs.export.layout import (
    A4_LONG,
    MARGIN,
    SMALLEST_SIZE,
    NoRoom,
    measure_columns,
    page_layout,
    text_width,
)
from pointage.reading.workbook import read_workbook

NOW = datetime(2026, 11, 22, 9, 5)
SHA = "0123456789abcdef" * 4
NBSP = "\u00a0"


def checked(tmp_path, sheets: dict):
    path = construire(tmp_path / "annexes.xlsx", sheets)
    ctx, report = check_snapshot_with_context(read_workbook(path), None, str(path))
    return ctx, report


SECTIONS = """
DÉPARTEMENT DU PAS-DE-CALAIS
Annexe 2 : plan de financement
Construction du plan

Volet 1 : équipes locales
PLAFOND DEPARTEMENT | 135000
STRUCTURE      | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CCAS de Lens   | 10 places sur 12 mois   | 1600
TOTAL          |                         | 1600


Volet 2 : solutions locales
STRUCTURE      | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CCAS de Liévin | 20 places sur 12 mois   | 3200
TOTAL          |                         | 3200
"""


def test_headings_are_the_title_rows_between_a_table_and_the_one_above(tmp_path):
    ctx, _ = checked(tmp_path, {"Annexe": SECTIONS})
    first, second = ctx.tables
    assert (first.range, second.range) == ("A7:C9", "A13:C15")
    # The three nearest, in reading order; the PLAFOND row (a number beside it) is passed over.
    assert table_headings(first, ctx.tables) == (
        "Annexe 2 : plan de financement",
        "Construction du plan",
        "Volet 1 : équipes locales",
    )
    # Not the first table's TOTAL: only what lies between the two tables.
    assert table_headings(second, ctx.tables) == ("Volet 2 : solutions locales",)


def test_headings_come_above_their_table_in_both_formats(tmp_path):
    ctx, report = checked(tmp_path, {"Annexe": SECTIONS})
    data = export_table(ctx, report, "Annexe", None, "docx", False, "annexes.xlsx", SHA, NOW)
    body = [
        ("tbl", child.find(".//{*}t").text)
        if child.tag.endswith("}tbl")
        else ("p", "".join(t.text for t in child.iter("{*}t")))
        for child in docx.Document(io.BytesIO(data)).element.body
        if not child.tag.endswith("}sectPr")
    ]
    assert body == [
        ("p", "Annexe 2 : plan de financement"),
        ("p", "Construction du plan"),
        ("p", "Volet 1 : équipes locales"),
        ("tbl", "STRUCTURE"),
        ("p", "Volet 2 : solutions locales"),
        ("tbl", "STRUCTURE"),
        ("p", "Pointé le 22/11/2026 à 09:05 — 0 erreur, 0 avertissement — classeur annexes.xlsx"),
    ]
    html = export_table(ctx, report, "Annexe", 2, "html", False, "annexes.xlsx", SHA, NOW).decode()
    assert html.index(
        '<p style="font-weight:bold;margin:3pt 0 3pt">Volet 2 : solutions locales</p>'
    ) < html.index("<table")
    assert "Volet 1" not in html


EMPTY_COLUMNS = """
OPÉRATION | TERRITOIRE(S) | STRUCTURE    | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU | COMMENTAIRE |
          |               | CCAS de Lens | 10 places sur 12 mois   | 1600           |             |
          |               | CCAS d'Arras | 20 places sur 12 mois   | 3200           |             |
TOTAL     |               |              | 30                      | 4800           |             |
"""


def test_columns_empty_but_for_the_total_label_are_left_out(tmp_path):
    ctx, _ = checked(tmp_path, {"Annexe": EMPTY_COLUMNS})
    table = exported_table(ctx.tables[0])
    assert table.headers == ("STRUCTURE", "PLACES D'ACCOMPAGNEMENT", "MONTANT RETENU")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["CCAS de Lens", "10 places sur 12 mois", f"1{NBSP}600,00{NBSP}€"],
        ["CCAS d'Arras", "20 places sur 12 mois", f"3{NBSP}200,00{NBSP}€"],
        ["TOTAL", "30", f"4{NBSP}800,00{NBSP}€"],  # the label moved to the first column kept
    ]
    assert table.omitted == (("A", "OPÉRATION"), ("B", "TERRITOIRE(S)"), ("F", "COMMENTAIRE"))


def test_a_total_label_with_nowhere_to_go_keeps_its_column(tmp_path):
    sheet = """
    OPÉRATION | STRUCTURE    | MONTANT RETENU | COMMENTAIRE
              | CCAS de Lens | 1600           |
    TOTAL     | 1 structure  | 1600           |
    """
    ctx, _ = checked(tmp_path, {"Annexe": sheet})
    table = exported_table(ctx.tables[0])
    assert table.headers == ("OPÉRATION", "STRUCTURE", "MONTANT RETENU")
    assert [c.text for c in table.rows[-1].cells] == ["TOTAL", "1 structure", f"1{NBSP}600,00{NBSP}€"]
    assert table.omitted == (("D", "COMMENTAIRE"),)


def test_the_notes_say_which_columns_were_left_out(tmp_path):
    ctx, report = checked(tmp_path, {"Annexe": EMPTY_COLUMNS})
    done = export(ctx, report, "Annexe", None, "docx", False, "annexes.xlsx", SHA, NOW)
    note = "Colonnes vides non reprises dans le tableau A1:F4 : OPÉRATION (A), TERRITOIRE(S) (B), COMMENTAIRE (F)."
    assert done.notes == (note,)
    assert [p.text for p in docx.Document(io.BytesIO(done.data)).paragraphs][-1] == note
    quiet = export(ctx, report, "Annexe", None, "html", False, "annexes.xlsx", SHA, NOW, mention=False)
    assert quiet.notes == (note,)  # for the screen
    body = quiet.data.decode()[quiet.data.decode().index("<body") :]
    assert note not in body and "Pointé le" not in body


def _table(headers, rows, numeric=()) -> ExportedTable:
    return ExportedTable(
        "Annexe",
        "A1:A1",
        tuple(headers),
        tuple(ExportedRow(tuple(Cell(t, i in numeric) for i, t in enumerate(r))) for r in rows),
    )


def test_a_number_in_a_text_is_as_wide_as_its_column_allows_no_less():
    # Its no-break spaces join it: `64 273,09 €` is the longest word of the text.
    text = f"Le projet global représente 64{NBSP}273,09{NBSP}€ avec la région"
    [(least, _)] = measure_columns(_table(["OBJET"], [[text]]))
    assert least == round(text_width(f"64{NBSP}273,09{NBSP}€", 1000))
    [(least, _)] = measure_columns(_table(["OBJET"], [[text.replace(NBSP, " ")]]))
    assert least == round(text_width("représente", 1000))


@pytest.mark.parametrize(
    ("text", "longest"),
    [
        ("Saint-Rémy-en-Bouzemont-Saint-Genest", "Bouzemont-"),  # Word and LibreOffice break there
        ("versé le 2017-11-07", "2017-11-07"),  # never between a hyphen and a digit
        ("code C02-566A05", "C02-566A05"),
    ],
)
def test_a_compound_breaks_after_its_hyphens_a_date_or_a_code_never(text, longest):
    [(least, _)] = measure_columns(_table(["X"], [[text]]))
    assert least == round(text_width(longest, 1000))


def test_a_very_long_word_does_not_refuse_the_table():
    # A web address wider than a column can be may break, where a number never does.
    address = "https://www.pas-de-calais.fr/" + "deliberations-de-la-commission-permanente/" * 4
    page = page_layout([_table(["STRUCTURE", "SOURCE", "MONTANT"], [["CCAS", address, "800,00 €"]], {2})])
    assert not page.landscape


def test_no_room_says_how_many_of_its_columns_would_fit():
    # n identical columns: the first n that does not fit says n − 1 would.
    def columns(n):
        return _table([f"COLONNE{i:03d}" for i in range(n)], [[f"{i:06d}" for i in range(n)]])

    fitting = None
    for n in range(1, 200):
        try:
            page_layout([columns(n)])
        except NoRoom as refused:
            fitting = refused.fitting
            assert (refused.index, refused.columns) == (0, n)
            break
    assert fitting == n - 1
    # The widest that fits is landscape at the smallest size, filling the page.
    layout = page_layout([columns(n - 1)])
    assert layout.landscape and layout.tables[0].font_size == SMALLEST_SIZE
    assert layout.tables[0].width == pytest.approx(A4_LONG - 2 * MARGIN)


def ledger(path, empty: tuple[str, ...] = ()) -> Path:
    """A commune's ledger of mandates, 69 columns, 3 lines; the `empty` columns hold nothing."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Écritures"
    sheet.append(LEDGER_HEADERS)
    for n in (1, 2, 3):
        row = []
        for header in LEDGER_HEADERS:
            if header in empty:
                row.append(None)
            elif header.startswith(("Montant", "Mt ")):
                row.append(100 * n)
            elif header.startswith(("Date", "Début", "Fin")):
                row.append(date(2025, 11, 10 + n))
            else:
                row.append(f"{header[:6]} {n}")
        sheet.append(row)
    book.save(path)
    return path


def pointage(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_sixty_nine_columns_are_refused_with_the_count_that_fits(tmp_path):
    target = tmp_path / "mandats.docx"
    result = pointage(
        "exporter", ledger(tmp_path / "mandats.xlsx"), "--feuille", "Écritures", "--sortie", target
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "pointage : le tableau n° 1 (A1:BQ4) de la feuille « Écritures » est trop large pour une page "
        "A4 : ses 69 colonnes ne tiennent pas côte à côte, même en paysage et en 7 pt, sans couper un "
        "nombre, une date ou un mot. Au-delà de 28 de ses colonnes, il ne tient pas sur une page A4 : "
        "copiez dans une feuille à part les colonnes à montrer dans le rapport (28 au plus), puis "
        "exportez cette feuille.\n"
    )
    assert not target.exists()


def test_the_refusal_counts_the_columns_shown_once_the_empty_ones_are_out(tmp_path):
    empty = tuple(h for h in LEDGER_HEADERS if h.startswith(("Libellé", "Code", "N° ")))
    ctx, report = check_snapshot_with_context(read_workbook(ledger(tmp_path / "mandats.xlsx", empty)))
    with pytest.raises(ExportError) as refused:
        export_table(ctx, report, "Écritures", None, "html", False, "mandats.xlsx", SHA, NOW)
    shown = 69 - sum(h in empty for h in LEDGER_HEADERS)
    assert shown == 54
    assert str(refused.value).startswith(
        "le tableau n° 1 (A1:BQ4) de la feuille « Écritures » est trop large pour une page A4 : ses 54 "
        "colonnes non vides (sur 69) ne tiennent pas côte à côte"
    )


def test_a_row_with_a_long_text_may_split_across_pages(tmp_path):
    long = "Accompagnement pluridisciplinaire des jeunes " * 8
    sheet = f"""
    STRUCTURE    | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
    CCAS de Lens | 10 places sur 12 mois   | 1600
    CCAS d'Arras | {long}                  | 3200
    TOTAL        |                         | 4800
    """
    ctx, report = checked(tmp_path, {"Annexe": sheet})
    data = export_table(ctx, report, "Annexe", None, "docx", False, "annexes.xlsx", SHA, NOW)
    [table] = docx.Document(io.BytesIO(data)).tables
    whole = [row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows]
    assert whole == [True, True, False, True]


# The header of a commune's export of its mandates (Détail des écritures), 69 columns.
LEDGER_HEADERS = [
    "Type écriture",
    "Nb. ann/rej",
    "Exercice",
    "Budget",
    "N° écriture",
    "N° pièce",
    "N° bordereau",
    "N° ordre",
    "Date pièce",
    "Lot",
    "Libellé",
    "Montant HT",
    "Montant TVA",
    "Montant TTC",
    "Réf. dossier",
    "Date règlement",
    "Montant pour le C.A.",
    "Engagement",
    "Solde eng.",
    "Marché",
    "Reconduction",
    "Lot",
    "Tranche",
    "Ligne",
    "Avenant",
    "Mt révision HT",
    "Mt révision TVA",
    "Mt révision TTC",
    "Code contrat",
    "Code tiers",
    "Libellé tiers",
    "Gestionnaire",
    "Fonction",
    "Nature",
    "Opération",
    "Pgm (opé)",
    "Service",
    "Antenne",
    "Chapitre",
    "Libellé chapitre",
    "Cha. voté",
    "Libellé chapitre voté",
    "Nomenclature",
    "Libellé nomenclature",
    "Type dep.",
    "Objectif",
    "Code famille Nomemclature",
    "Libellé famille Nomenclature",
    "Ligne AGEC",
    "Montant réemploi ou réutilisation",
    "Taux minimum",
    "Montant matières recyclées",
    "Taux minimum",
    "Inscription",
    "Immobilisation",
    "N° inventaire",
    "Programme",
    "Année d’AP",
    "Engagement AP",
    "N° facture",
    "Nombre PJ",
    "Nombre CA",
    "Début Prestation",
    "Fin Prestation",
    "Objet Prestation",
    "Prise en charge",
    "Acquittement du flux",
    "Montant payé/encaissé",
    "Génération du flux",
]
