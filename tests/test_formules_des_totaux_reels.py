"""A total's formula changed in a copy of a real workbook, as a person would slip (two
repositories): the slip is said at the total (T004), and nothing else changes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pointage.engine.check import check_path
from pointage.reading.xlsx import sheet_parts

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")


def _with_formula(source: Path, target: Path, sheet: str, cell: str, formula: str, value: float) -> Path:
    """A copy of `source` whose `cell` holds `formula` with `value` cached, as Excel
    writes it after the edit (a shared formula's first cell keeps its sharing)."""
    with zipfile.ZipFile(source) as archive:
        part = dict(sheet_parts(archive))[sheet]
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    pattern = re.compile(rb'(<c r="' + cell.encode() + rb'"[^>]*>)<f([^>]*)>[^<]*</f><v>[^<]*</v>')
    xml, count = pattern.subn(
        lambda m: (
            m.group(1)
            + b"<f"
            + m.group(2)
            + b">"
            + formula.encode()
            + b"</f><v>"
            + repr(value).encode()
            + b"</v>"
        ),
        parts[part],
    )
    assert count == 1
    parts[part] = xml
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _findings(path: Path) -> set[tuple]:
    return {
        (f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in check_path(path).findings
    }


CASES = {
    # Montpellier's 2014 grants: a block total whose range stops two lines short.
    "montpellier": (
        "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.xlsx",
        "Subventions",
        "E46",
        "SUM(E38:E43)",
        2220.0,
        (
            "T004",
            "erreur",
            "Subventions",
            "E46",
            ("E44", "E45", "E46"),
            "TOTAL : la formule du total (=SUM(E38:E43)) ne compte pas les lignes E44 (500,00 €) et "
            "E45 (892,00 €) de son bloc ; sans cela le total serait 3 612,00 € au lieu de 2 220,00 € "
            "(écart −1 392,00 €).",
        ),
    ),
    # A green-IT project budget: a constant added to the total of its HT column.
    "green-it": (
        "matthieu-27__green-it-inventory__Budget prévisionnel.xlsx",
        "Tableau budget",
        "G17",
        "SUM(G10:G16)+150",
        55200.0,
        (
            "T004",
            "erreur",
            "Tableau budget",
            "G17",
            ("G17",),
            "TOTAL HT : la formule du total (=SUM(G10:G16)+150) ajoute le nombre 150 écrit dans la "
            "formule ; sans cela le total serait 55 050,00 € au lieu de 55 200,00 € (écart +150,00 €).",
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_slip_in_a_real_total_formula_is_said_at_the_total_and_only_there(tmp_path, case):
    name, sheet, cell, formula, value, expected = CASES[case]
    original = REAL / name
    changed = _with_formula(original, tmp_path / "copie.xlsx", sheet, cell, formula, value)
    assert _findings(changed) - _findings(original) == {expected}
    assert not {f for f in _findings(original) - _findings(changed) if f[3] != cell}


def test_a_total_row_filled_to_the_right_is_read_in_each_cell():
    # D17:F17 share `SUM(D10:D16)`: E17 and F17 hold no text of their own.
    from pointage.reading.workbook import read_workbook

    [sheet] = [
        s
        for s in read_workbook(REAL / "matthieu-27__green-it-inventory__Budget prévisionnel.xlsx").sheets
        if s.name == "Tableau budget"
    ]
    assert (16, 4) not in sheet.formulas  # moved only when asked for
    assert {(16, c): sheet.formula((16, c)) for c in range(2, 7)} == {
        (16, 2): "SUM(C10:C16)",
        (16, 3): "SUM(D10:D16)",
        (16, 4): "SUM(E10:E16)",
        (16, 5): "SUM(F10:F16)",
        (16, 6): "SUM(G10:G16)",
    }
