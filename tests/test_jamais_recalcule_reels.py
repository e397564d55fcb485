"""Real workbooks (three repositories) with every formula's cached value taken out, as a
program writes them: Pointage computes the same values Excel had cached, and finds the
same things, with one F011 for the file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")

# `<c r="E3" t="str"><f>…</f><v>6303</v></c>` -> `<c r="E3"><f>…</f></c>`
_CACHED = re.compile(
    rb'(<c\b[^>]*?)(?:\s+t="(?:str|n|b|e)")?([^>]*>)(<f\b[^>]*?(?:/>|>[^<]*</f>))<v>[^<]*</v>'
)


def _never_recalculated(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name in parts:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[name] = _CACHED.sub(lambda m: m.group(1) + m.group(2) + m.group(3), parts[name])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


CASES = {
    "ThomasGille__ProjetTravaux__Budget.xlsx": 236,
    "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2014.xlsx": 27,
    "Damien-Collot__Repart__Plan de financement.xlsx": 11,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_real_workbook_never_recalculated_is_computed_as_excel_did(tmp_path, name):
    original = REAL / name
    stripped = _never_recalculated(original, tmp_path / Path(name).name)
    excel = {s.name: s for s in read_workbook(original).sheets}
    computed = 0
    for sheet in read_workbook(stripped).sheets:
        assert sheet.computed == sheet.formulas_without_value  # every one is simple here
        for row, col in sheet.computed:
            assert sheet.value(row, col) == pytest.approx(excel[sheet.name].value(row, col), abs=1e-9)
        computed += len(sheet.computed)
    assert computed == CASES[name]

    def shown(path):
        return [(f.code, f.severity.value, f.sheet, f.cell, f.message) for f in check_path(path).findings]

    assert shown(stripped) == [
        (
            "F011",
            "info",
            None,
            None,
            f"Classeur jamais recalculé : {computed} formules sans valeur calculée, calculées par Pointage "
            "pour la vérification ; ouvrez le classeur dans Excel et enregistrez-le pour que le fichier "
            "garde ses valeurs.",
        ),
        *shown(original),
    ]
