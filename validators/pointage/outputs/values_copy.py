"""The annotated copy of a workbook openpyxl cannot open (`.xls`, `.xlsb`, `.ods`, Excel
2003 XML): a new `.xlsx` made from what was read, the values of every sheet with its
merged and hidden cells, the marks and the Contrôles sheet. Formulas and formatting are
not in it: `LOSSES` says so to the user before the copy is written."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from pointage.base.files import write_atomically
from pointage.base.own_sheets import MAX_SHEET_NAME
from pointage.outputs.annotated_copy import apply_marks, write_controles
from pointage.outputs.copy_bounds import check_values_copy_size
from pointage.outputs.marks import MarkPlan
from pointage.reading.snapshot import ExcelError, WorkbookSnapshot

LOSSES = [
    "le format d'origine (la copie est un classeur .xlsx)",
    "les formules (la copie garde les valeurs qu'elles affichaient)",
    "la mise en forme des cellules",
]


_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def excel_titles(names: list[str]) -> dict[str, str]:
    """Each sheet's name as Excel allows it in an .xlsx: 31 characters at most, none of
    `[]:*?/\\` (an .ods allows them), no two alike."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = _NOT_IN_TITLES.sub("_", name).strip("'")[:MAX_SHEET_NAME] or "Feuille"
        title, number = base, 2
        while title.casefold() in used:
            suffix = f" ({number})"
            title, number = base[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
        used.add(title.casefold())
        titles[name] = title
    return titles


def renamed(plan: MarkPlan, titles: dict[str, str]) -> MarkPlan:
    """The plan with the sheets under their names in the copy."""
    if all(old == new for old, new in titles.items()):
        return plan
    return replace(
        plan,
        marks=[replace(m, sheet=titles.get(m.sheet, m.sheet)) for m in plan.marks],
        controls=[replace(c, sheet=titles.get(c.sheet, c.sheet)) if c.sheet else c for c in plan.controls],
        tables=[replace(t, sheet=titles.get(t.sheet, t.sheet)) for t in plan.tables],
    )


def write_values_copy(snapshot: WorkbookSnapshot, target: Path, plan: MarkPlan) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    check_values_copy_size(snapshot)  # openpyxl's memory follows the cells written
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    titles = excel_titles([sheet.name for sheet in snapshot.sheets])
    plan = renamed(plan, titles)
    for sheet in snapshot.sheets:
        written = workbook.create_sheet(titles[sheet.name])
        for i, cells in enumerate(sheet.values, start=sheet.origin_row + 1):
            for j, value in enumerate(cells, start=sheet.origin_col + 1):
                if value is None or value == "":
                    continue
                if isinstance(value, str) and value.__class__ is not ExcelError:
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = written.cell(row=i, column=j, value=value)
                if value.__class__ is str and cell.data_type != "s":
                    cell.data_type = "s"  # a text, never a formula nor an error code
        for r1, c1, r2, c2 in sheet.merged:
            written.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for row in sheet.hidden_rows:
            written.row_dimensions[row + 1].hidden = True
        for col in sheet.hidden_cols:
            written.column_dimensions[get_column_letter(col + 1)].hidden = True
    apply_marks(workbook, plan)
    write_controles(workbook, plan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(target, buffer.getvalue())
