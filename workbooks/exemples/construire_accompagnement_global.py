"""Build the example workbook for the "Accompagnement global" deliberation.

Source: Département du Pas-de-Calais, Commission permanente du 16 septembre 2024,
deliberation n°2024-385 "RÉFÉRENT ACCOMPAGNEMENT GLOBAL" (rapport n°54).

The workbook is a transcription of the published text:

* ``Annexe 1``      -- the 42-row financial breakdown (annexe 1) and its two totals;
* ``Délibération``  -- the budget table of article 3;
* ``Rapport``       -- the budget table at the end of the rapport;
* ``Barème``        -- the unit costs (160 EUR per place per year; annual cost of a
  portefeuille, 13,750 EUR by default and 22,500 / 17,500 EUR for the three
  structures whose half-year portefeuille amount differs);
* ``Paramètres``    -- validation parameters.

Columns OPERATION and TERRITOIRE(S) of annexe 1 are left empty on purpose: the
published text gives no value for them.

Usage::

    python construire_accompagnement_global.py [OUTPUT.xlsx]

Only the standard library and openpyxl are used. The output is deterministic:
document properties use a fixed date and the zip entries get a fixed timestamp,
so rebuilding produces a byte-identical file.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from pointage.outputs.workbook_writer import MONEY_FORMAT, build_main

OUTPUT_NAME = "cp-2024-09-16-accompagnement-global.xlsx"
FIXED_DATETIME = datetime(2024, 9, 16, 0, 0, 0)

PLACES_FORMAT = "#,##0"
AMOUNT_FORMAT = "#,##0.00"

AVENANT = "Avenant type annexe 2"

# Recurring description fragments, exactly as printed in annexe 1.
_UN_PF = "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024"
_DEUX_PF = "Prise en charge de deux portefeuilles du 1er janvier au 30 juin 2024"
_S2 = "places du 1er juillet au 31 décembre 2024"


def _pf_plus(places: int, portefeuille: str = _UN_PF) -> str:
    """Description "portefeuille(s) in S1 + N places in S2"."""
    return f"{portefeuille} + {places} {_S2}"


def _places(places: int) -> str:
    """Description "N places in S2" only."""
    return f"{places} {_S2}"


# Annexe 1, in the published order: (STRUCTURE, PLACES D'ACCOMPAGNEMENT, MONTANT RETENU).
ANNEXE_1: list[tuple[str, str, float]] = [
    ("DEMAIN", _pf_plus(280), 29275.00),
    ("FJEP", _UN_PF, 6875.00),
    ("CC SUD ARTOIS", _places(40), 3200.00),
    ("CCAS de Bethune", _pf_plus(130), 24150.00),
    ("CCAS de Bruay-la-Buissière", _pf_plus(100), 14875.00),
    ("CCAS de Noeux-les-Mines", _UN_PF, 6875.00),
    ("Habitat Insertion", _pf_plus(110, _DEUX_PF), 22550.00),
    ("MJEP", _pf_plus(30), 9275.00),
    ("Passeport Forma", _pf_plus(100, _DEUX_PF), 21750.00),
    ("SIVOM de l'Artois", _pf_plus(60), 11675.00),
    ("SIVOM du Bruaysis", _pf_plus(130), 17275.00),
    ("CIAS de Saint-Omer", _places(150), 12000.00),
    ("MAISON DE LA DIVERSITE", _pf_plus(90), 14075.00),
    # Printed "du 1er au 30 juin 2024" (not "du 1er janvier"): kept as published.
    (
        "CCAS de Boulogne-sur-Mer",
        f"Prise en charge d'un portefeuille du 1er au 30 juin 2024 + 160 {_S2}",
        19675.00,
    ),
    ("TREMPLIN FORMATION", _places(50), 4000.00),
    ("CCAS Outreau", _places(30), 2400.00),
    ("CCAS Wimereux", _places(13), 1040.00),
    ("CIAS Desvres Samer", _pf_plus(40), 10075.00),
    ("PIQUE ET PRESSE", _places(20), 1600.00),
    ("ACTISHOP", _places(10), 800.00),
    ("CCAS de Calais", _pf_plus(370, _DEUX_PF), 43350.00),
    ("CCAS de Coulogne", _places(5), 400.00),
    ("CCAS de Sangatte", _places(5), 400.00),
    ("CIAS d'Audruicq", _places(15), 1200.00),
    ("CIAS Pays d'Opale", _pf_plus(30), 9275.00),
    ("CCAS de Carvin", _places(60), 4800.00),
    ("CCAS de Courrières", _places(40), 3200.00),
    ("CCAS d'Hénin Beaumont", _pf_plus(60), 16050.00),
    ("CCAS de Montigny", _pf_plus(25), 8875.00),
    ("CCAS de Rouvroy", _places(50), 4000.00),
    ("ID Formation", _places(100), 8000.00),
    ("CCAS de Lens", _pf_plus(100), 14875.00),
    ("CCAS de Liévin", _pf_plus(100), 14875.00),
    ("CCAS de Loison-sous-Lens", _UN_PF, 8750.00),
    ("3ID", _places(110), 8800.00),
    ("Instep Formation", _places(110), 8800.00),
    ("SIVOM de Wingles", _pf_plus(90), 14075.00),
    ("AIFOR", _places(222), 17760.00),
    ("CCAS de Berck", _UN_PF, 11250.00),
    ("CIAS du Ternois", _places(29), 2320.00),
    ("K D'ABRA", _places(29), 2320.00),
    ("PAGE", _pf_plus(261), 27755.00),
]

# Totals printed under annexe 1 (two "TOTAL" lines).
TOTAL_PLACES = 3354
TOTAL_MONTANT = 464570.00

# Article 3 of the deliberation.
DELIBERATION_TITLE = (
    "Article 3 : Les dépenses versées en application de l'article 1 de la présente "
    "délibération sont imputées sur le budget départemental comme suit :"
)
DELIBERATION_HEADER = [
    "Code Opération",
    "Imputation budgétaire",
    "Libellé Opération",
    "AE €",
    "Dépense €",
]
DELIBERATION_ROWS = [
    ("C02-446A05", "6568//93446", "indemnisation des organismes référents", 9169450.00, 464570.00),
]

# Budget table at the end of the rapport ("indéminisation" is the published typo).
RAPPORT_TITLE = "La dépense sera imputée sur le budget départemental comme suit :"
RAPPORT_HEADER = [
    "Code Opération",
    "Imputation Budgétaire",
    "Libellé Opération",
    "AE €",
    "Disponible €",
    "Proposition €",
    "Solde €",
]
RAPPORT_ROWS = [
    (
        "C02-446A05",
        "6568//93446",
        "indéminisation des organismes référents",
        9169450.00,
        2105667.73,
        464570.00,
        1641097.73,
    ),
]

BAREME_HEADER = ["Unité", "Coût annuel (€)", "Structure"]
BAREME_ROWS = [
    ("place", 160, None),
    ("portefeuille", 13750, None),
    ("portefeuille", 22500, "CCAS d'Hénin Beaumont"),
    ("portefeuille", 22500, "CCAS de Berck"),
    ("portefeuille", 17500, "CCAS de Loison-sous-Lens"),
]

PARAMETRES_HEADER = ["Paramètre", "Valeur"]
PARAMETRES_ROWS = [
    ("Durée par défaut (mois)", 12),
    ("Tolérance (€)", 0),
    ("Exercice", 2024),
]

BOLD = Font(bold=True)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")
TOP_ALIGN = Alignment(vertical="top")

_PLACES_RE = re.compile(r"(\d+) places")


def check_data() -> None:
    """Assert the 42 rows agree with the published totals."""
    assert len(ANNEXE_1) == 42, len(ANNEXE_1)
    total_amount = round(sum(amount for _, _, amount in ANNEXE_1), 2)
    assert total_amount == TOTAL_MONTANT, total_amount
    total_places = sum(int(n) for _, description, _ in ANNEXE_1 for n in _PLACES_RE.findall(description))
    assert total_places == TOTAL_PLACES, total_places
    ((_, _, _, _ae, disponible, proposition, solde),) = RAPPORT_ROWS
    assert proposition == TOTAL_MONTANT
    assert round(disponible - proposition, 2) == solde, (disponible, proposition, solde)
    assert DELIBERATION_ROWS[0][4] == TOTAL_MONTANT


def _write_header(ws, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font = BOLD
        cell.alignment = HEADER_ALIGN


def _set_widths(ws, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def write_annexe_1(wb: Workbook) -> None:
    ws = wb.create_sheet("Annexe 1")
    ws["A1"] = "Annexe 1 : REPARTITION FINANCIERE"
    ws["A1"].font = BOLD
    _write_header(
        ws,
        3,
        [
            "OPERATION",
            "TERRITOIRE(S)",
            "STRUCTURE",
            "PLACES D'ACCOMPAGNEMENT",
            "MONTANT RETENU",
            "Avenant/convention",
        ],
    )
    row = 4
    for structure, description, amount in ANNEXE_1:
        # Columns A (OPERATION) and B (TERRITOIRE(S)) stay empty: not in the source.
        ws.cell(row=row, column=3, value=structure).alignment = TOP_ALIGN
        ws.cell(row=row, column=4, value=description).alignment = WRAP_ALIGN
        cell = ws.cell(row=row, column=5, value=float(amount))
        cell.number_format = MONEY_FORMAT
        cell.alignment = TOP_ALIGN
        ws.cell(row=row, column=6, value=AVENANT).alignment = TOP_ALIGN
        # Two lines of text for the long descriptions, as in the printed annex.
        ws.row_dimensions[row].height = 30 if len(description) > 70 else 15
        row += 1

    # First TOTAL line: places and amount.
    ws.cell(row=row, column=1, value="TOTAL").font = BOLD
    cell = ws.cell(row=row, column=4, value=TOTAL_PLACES)
    cell.number_format = PLACES_FORMAT
    cell.font = BOLD
    cell = ws.cell(row=row, column=5, value=TOTAL_MONTANT)
    cell.number_format = MONEY_FORMAT
    cell.font = BOLD
    row += 1

    # Second TOTAL line: amount only.
    ws.cell(row=row, column=1, value="TOTAL").font = BOLD
    cell = ws.cell(row=row, column=5, value=TOTAL_MONTANT)
    cell.number_format = MONEY_FORMAT
    cell.font = BOLD

    _set_widths(ws, {"A": 14, "B": 16, "C": 30, "D": 70, "E": 18, "F": 24})
    # Printed like the deliberation's annex: landscape, one page wide.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_budget_sheet(wb: Workbook, title: str, caption: str, header: list[str], rows) -> None:
    ws = wb.create_sheet(title)
    ws["A1"] = caption
    ws["A1"].alignment = Alignment(wrap_text=False)
    _write_header(ws, 3, header)
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, (int, float)):
                cell.number_format = AMOUNT_FORMAT
    widths = {"A": 16, "B": 22, "C": 42}
    for c in range(4, len(header) + 1):
        widths[chr(ord("A") + c - 1)] = 16
    _set_widths(ws, widths)


def write_table_sheet(wb: Workbook, title: str, header: list[str], rows, widths) -> None:
    ws = wb.create_sheet(title)
    _write_header(ws, 1, header)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    _set_widths(ws, widths)


def build_workbook() -> Workbook:
    check_data()
    wb = Workbook()
    wb.remove(wb.active)
    write_annexe_1(wb)
    write_budget_sheet(wb, "Délibération", DELIBERATION_TITLE, DELIBERATION_HEADER, DELIBERATION_ROWS)
    write_budget_sheet(wb, "Rapport", RAPPORT_TITLE, RAPPORT_HEADER, RAPPORT_ROWS)
    write_table_sheet(wb, "Barème", BAREME_HEADER, BAREME_ROWS, {"A": 16, "B": 18, "C": 30})
    write_table_sheet(wb, "Paramètres", PARAMETRES_HEADER, PARAMETRES_ROWS, {"A": 26, "B": 12})
    wb.active = 0
    wb.properties.creator = "Pointage"
    return wb


def main(argv: list[str]) -> int:
    return build_main(build_workbook, FIXED_DATETIME, Path(__file__).with_name(OUTPUT_NAME), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
