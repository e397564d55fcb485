"""`pointage modele`: a blank annex workbook that Pointage recognises as it is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pointage.outputs.column_widths import column_width, font
from pointage.outputs.workbook_writer import MONEY_FORMAT

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

TEMPLATE_NAME = "classeur-annexes.xlsx"  # what `pointage modele` and the add-in write
ROWS = 200  # rows prepared with formats and validation

INSTRUCTIONS = [
    "Classeur d'annexes — mode d'emploi",
    "",
    "1. Feuille « Annexe » : une ligne par structure. La description peut porter les quantités "
    "et la période (« un portefeuille du 1er janvier au 30 juin 2024 + 130 places du 1er juillet "
    "au 31 décembre 2024 ») : Pointage recalcule le montant au barème.",
    "2. Terminez chaque bloc par une ligne TOTAL (ou Sous-total), et le tableau par un TOTAL "
    "GÉNÉRAL s'il a plusieurs blocs.",
    "3. Feuille « Imputation » : une ligne par code opération ; le Solde se calcule seul "
    "(Disponible − Proposition).",
    "4. Feuille « Barème » : coût annuel par unité ; une ligne avec une structure remplace le "
    "coût général pour cette structure.",
    "5. Feuille « Paramètres » : durée par défaut (mois) quand la description n'en donne pas, "
    "tolérance en euros.",
    "",
    "Vérifier : ruban Pointage > Vérifier le classeur, ou en ligne de commande : "
    "pointage verifier <classeur>.",
]
PARAMETRES = (
    ("Paramètre", "Valeur"),
    ("Durée par défaut (mois)", 12),
    ("Tolérance (€)", 0),
    ("Exercice", None),
)
REPARTITION_HEADERS = [
    "OPÉRATION",
    "TERRITOIRE(S)",
    "STRUCTURE",
    "PLACES D'ACCOMPAGNEMENT",
    "MONTANT RETENU",
    "DOSSIER RETENU",
    "COMMENTAIRE",
]
IMPUTATION_HEADERS = [
    "Code Opération",
    "Imputation budgétaire",
    "Libellé Opération",
    "AE €",
    "Disponible €",
    "Proposition €",
    "Solde €",
]
# The room each column's values need (characters); a column is widened further when its
# header needs more (`sized_columns`).
REPARTITION_CONTENT = (18, 16, 30, 60, 18, 8, 24)
IMPUTATION_CONTENT = (14, 20, 40, 16, 16, 16, 16)
IMPUTATION_FIRST_ROW = 4
IMPUTATION_ROWS = 20


def build_template() -> Workbook:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    workbook = Workbook()
    guide = workbook.active
    guide.title = "Mode d'emploi"
    for row, text in enumerate(INSTRUCTIONS, start=1):
        cell = guide.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110

    params = workbook.create_sheet("Paramètres")
    for line in PARAMETRES:
        params.append(line)
    params["A1"].font = params["B1"].font = font(bold=True)
    params["B3"].number_format = MONEY_FORMAT
    sized_columns(params, [[key for key, _ in PARAMETRES]])

    bareme = workbook.create_sheet("Barème")
    for rate in (
        ("Unité", "Coût annuel (€)", "Structure"),
        ("place", 160, None),
        ("portefeuille", 13750, None),
    ):
        bareme.append(rate)
    for cell in bareme[1]:
        cell.font = font(bold=True)
    for row in range(2, ROWS):
        bareme.cell(row=row, column=2).number_format = MONEY_FORMAT
    sized_columns(bareme, [["Unité"], ["Coût annuel (€)"], ["Structure"]], (16, 18, 40))

    annexe = workbook.create_sheet("Annexe")
    annexe["A1"] = "Annexe : répartition financière"
    annexe["A1"].font = font(bold=True, size=13)
    for col, title in enumerate(REPARTITION_HEADERS, start=1):
        annexe.cell(row=3, column=col, value=title).font = font(bold=True)
    table = Table(displayName="Repartition", ref=f"A3:G{ROWS}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    annexe.add_table(table)
    retained = DataValidation(type="list", formula1='"Oui,Non"', allow_blank=True)
    retained.error, retained.errorTitle = "Choisissez Oui ou Non.", "DOSSIER RETENU"
    retained.add(f"F4:F{ROWS}")
    annexe.add_data_validation(retained)
    for row in range(4, ROWS + 1):
        annexe.cell(row=row, column=5).number_format = MONEY_FORMAT
        annexe.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    # The headers of an Excel Table carry its filter button.
    sized_columns(annexe, [[h] for h in REPARTITION_HEADERS], REPARTITION_CONTENT, filter_button=True)

    imputation = workbook.create_sheet("Imputation")
    imputation["A1"] = "La dépense sera imputée sur le budget départemental comme suit :"
    for col, title in enumerate(IMPUTATION_HEADERS, start=1):
        imputation.cell(row=3, column=col, value=title).font = font(bold=True)
    for row in range(IMPUTATION_FIRST_ROW, IMPUTATION_FIRST_ROW + IMPUTATION_ROWS):
        imputation.cell(
            row=row, column=7, value=f'=IF(AND(ISNUMBER(E{row}),ISNUMBER(F{row})),E{row}-F{row},"")'
        )
        for col in range(4, 8):
            imputation.cell(row=row, column=col).number_format = MONEY_FORMAT
    sized_columns(imputation, [[h] for h in IMPUTATION_HEADERS], IMPUTATION_CONTENT)
    return workbook


def sized_columns(
    sheet: Worksheet, texts: list[list[str]], content: tuple[int, ...] = (), filter_button: bool = False
) -> None:
    """Columns A, B… wide enough for their values (`content`) and for each of their
    texts (headers, keys), measured in Calibri."""
    from openpyxl.utils import get_column_letter

    for index, column_texts in enumerate(texts):
        needed = column_width(*column_texts, filter_button=filter_button)
        room = content[index] if index < len(content) else 0
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(room, needed)


_EMPTY_FORMULA = re.compile(rb'<c r="(G\d+)"([^>]*)><f>([^<]*)</f><v\s*/></c>')


def _cache_blank_solde(name: str, data: bytes) -> bytes:
    # openpyxl writes formulas without a value; Excel would compute "" for an empty
    # line, so the template says so (t="str", empty <v>): never "uncalculated" (F003).
    if not name.startswith("xl/worksheets/"):
        return data
    return _EMPTY_FORMULA.sub(rb'<c r="\1"\2 t="str"><f>\3</f><v></v></c>', data)


def write_template(path: Path) -> None:
    from pointage.outputs.workbook_writer import save_deterministic

    save_deterministic(build_template(), path, transform=_cache_blank_solde)
