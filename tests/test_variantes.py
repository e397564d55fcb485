"""The same annex typed differently gives the same erreur findings (issue 2)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from pointage.base.addresses import a1, parse_a1
from pointage.base.formatting import format_money, format_quantity
from pointage.base.numbers import to_cents
from pointage.engine.check import check_path

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
SHIFT_ROWS, SHIFT_COLS = 3, 2  # the table starts at column C, under title rows


def _as_french_text(value, money: bool) -> str:
    if money:
        return format_money(to_cents(Decimal(repr(value))), sep="\u202f").replace(" €", "\u00a0€")
    return format_quantity(Decimal(repr(value)), sep="\u00a0")


def _variant(path: Path) -> Path:
    source = openpyxl.load_workbook(EXAMPLE)
    target = openpyxl.Workbook()
    target.remove(target.active)
    for sheet in source.worksheets:
        out = target.create_sheet(sheet.title)
        out["A1"] = "DÉPARTEMENT DU PAS-DE-CALAIS"
        out["A2"] = "Commission permanente du 16 septembre 2024"
        header_seen = False
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                if (
                    isinstance(value, str)
                    and not header_seen
                    and cell.row <= 3
                    and sheet.title not in ("Barème", "Paramètres")
                ):
                    value = value.lower() if cell.row == 3 else value
                elif isinstance(value, (int, float)):
                    value = _as_french_text(value, money="#,##0.00" in cell.number_format)
                out.cell(row=cell.row + SHIFT_ROWS, column=cell.column + SHIFT_COLS, value=value)
    target.save(path)
    return path


def _erreurs(report, shift=(0, 0)):
    found = []
    for f in report.findings:
        if f.severity.value != "erreur":
            continue
        row, col = parse_a1(f.cell)
        found.append((f.code, f.sheet, a1(row - shift[0], col - shift[1]), f.expected, f.found))
    return found


def test_french_text_lower_case_headers_titles_and_offset(tmp_path):
    plain = check_path(EXAMPLE)
    variant = check_path(_variant(tmp_path / "variante.xlsx"))
    assert _erreurs(variant, (SHIFT_ROWS, SHIFT_COLS)) == _erreurs(plain)
    assert len(_erreurs(plain)) == 2
    infos = [f for f in variant.findings if f.code == "F001"]
    assert len(infos) > 42  # every amount was text, and was read
    avertissements = lambda r, s=(0, 0): [  # noqa: E731
        (f.code, f.sheet) for f in r.findings if f.severity.value == "avertissement"
    ]
    assert avertissements(variant) == avertissements(plain)
    annexe = next(t for t in variant.tables if t.sheet == "Annexe 1")
    assert annexe.range == "C6:H50"
