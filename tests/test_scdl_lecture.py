"""SCDL subventions publications read (issue 29): CSV files, field names in any case,
the schema's constraints as infos S001–S004, and no data-frame library on the check
path."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pointage.base.errors import UnreadableWorkbook
from pointage.engine.check import check_path
from pointage.outputs.scdl.validation import row_problems
from pointage.reading import csv_text
from pointage.reading.workbook import read_workbook
from pointage.tables.scdl_schema import (
    beyond_schema,
    broken_constraints,
    constraint_message,
    field_named,
    field_of,
)

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT.parent / "shared" / "standards" / "scdl-subventions" / "exemples"
needs_standard = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="../shared/standards absent")


def findings(path: Path) -> list[tuple[str, str, str | None, str]]:
    report = check_path(path)
    assert not report.unreadable, report.findings
    return [(f.code, f.severity.value, f.cell, f.message) for f in report.findings]


@needs_standard
def test_the_official_valid_example_read_as_csv(tmp_path: Path):
    path = Path(shutil.copy(EXAMPLES / "exemple_valide.csv", tmp_path / "valide.csv"))
    report = check_path(path)
    [table] = report.tables
    assert (table.sheet, table.range, table.kind) == ("valide", "A1:P30", "liste")
    assert findings(path) == [
        (
            "S003",
            "info",
            "L24",
            "datesPeriodeVersement : la période finit (2017-03-09) avant de commencer (2017-04-12), "
            "et 2 autres valeurs de même (L24, L25, L29).",
        ),
        (
            "S003",
            "info",
            "L27",
            "datesPeriodeVersement : « 2017-30-05 » n'est pas une date du calendrier (AAAA-MM-JJ) (L27).",
        ),
    ]


@needs_standard
def test_the_official_invalid_example_read_as_csv(tmp_path: Path):
    path = Path(shutil.copy(EXAMPLES / "exemple_invalide_erreurs_cellules.csv", tmp_path / "invalide.csv"))
    codes = [(code, cell) for code, _, cell, _ in findings(path)]
    assert codes == [
        ("S004", "B2"),
        ("S003", "O2"),
        ("S003", "C5"),
        ("S004", "F5"),
        ("S003", "G5"),
        ("F001", "I6"),
        ("S003", "I6"),
        ("S003", "N6"),
        ("S003", "B7"),
        ("S003", "L8"),
        ("S002", "F9"),
        ("S003", "O9"),
        ("S002", "I10"),
        ("S003", "J16"),
    ]


@needs_standard
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_field_names_are_read_whatever_their_case(tmp_path: Path, case):
    text = (EXAMPLES / "exemple_invalide_erreurs_cellules.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    as_written = tmp_path / "invalide.csv"
    as_written.write_text(text, encoding="utf-8")
    recased = tmp_path / "recase.csv"
    recased.write_text(case(header) + "\n" + rest, encoding="utf-8")
    assert findings(recased) == findings(as_written)


@needs_standard
def test_the_columns_example_misses_nom_beneficiaire(tmp_path: Path):
    path = Path(shutil.copy(EXAMPLES / "exemple_invalide_erreurs_colonnes.csv", tmp_path / "colonnes.csv"))
    assert findings(path)[0] == (
        "S001",
        "info",
        "A1",
        "Publication SCDL subventions sans 1 colonne obligatoire du schéma : nomBeneficiaire.",
    )


@needs_standard
@pytest.mark.parametrize(
    "name",
    ["exemple_valide.csv", "exemple_invalide_erreurs_cellules.csv", "exemple_invalide_erreurs_colonnes.csv"],
)
def test_the_plain_checks_agree_with_the_pandera_schema(name: str):
    """The check path's constraints (plain Python) and the export's (pandera schema)
    find the same problems, with the same messages, on the official examples."""
    with (EXAMPLES / name).open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    plain = {
        (number, field, constraint_message(field, constraint, value))
        for number, line in enumerate(lines, start=2)
        for field, value in line.items()
        if field_named(field) is not None
        for constraint in broken_constraints(field_of(field), value)
    }
    plain |= {
        (number, field, message)
        for number, line in enumerate(lines, start=2)
        for field, _, message in beyond_schema(line)
    }
    assert {(p.line, p.field, p.message) for p in row_problems(lines)} == plain
    assert len(plain) == 4 if name == "exemple_valide.csv" else len(plain) > 60


def test_the_bounds_agree_at_zero_and_beyond():
    """A minimum of 0,01 refuses `0` on both paths: no number is taken for a missing one."""
    field = field_of("pourcentageSubvention")
    values = ["0", "0.0", "0.01", "0.5", "1", "1.5", "cinquante"]
    lines = [{"pourcentageSubvention": v} for v in values]
    plain = {
        (number, "pourcentageSubvention", constraint_message("pourcentageSubvention", constraint, value))
        for number, value in enumerate(values, start=2)
        for constraint in broken_constraints(field, value)
    }
    pandera = {
        (p.line, p.field, p.message) for p in row_problems(lines) if p.field == "pourcentageSubvention"
    }
    assert pandera == plain
    assert sorted(line for line, _, _ in plain) == [2, 3, 7, 8]


GRANTS_CP1252 = (
    "Structure;Objet de la subvention;Montant;Code postal\r\n"
    "Maison des Jeunes d'Arras;Été solidaire;1 200,50;62000\r\n"
    "Amicale laïque;Fête de quartier;800;01500\r\n"
    "Amicale laïque;Fête de quartier;800;01500\r\n"
)


def test_a_csv_of_excel_in_french_is_read_as_excel_reads_it(tmp_path: Path):
    path = tmp_path / "subventions.csv"
    path.write_bytes(GRANTS_CP1252.encode("cp1252"))
    sheet = read_workbook(path).sheets[0]
    assert sheet.name == "subventions"
    assert sheet.values == [
        ["Structure", "Objet de la subvention", "Montant", "Code postal"],
        ["Maison des Jeunes d'Arras", "Été solidaire", "1 200,50", 62000.0],
        ["Amicale laïque", "Fête de quartier", 800.0, "01500"],
        ["Amicale laïque", "Fête de quartier", 800.0, "01500"],
    ]
    # A list of grants: its pasted line and its amount typed as text are said.
    assert [(code, cell) for code, _, cell, _ in findings(path)] == [("F001", "C2"), ("F008", "A4")]


def test_a_comma_separated_csv_in_utf8_with_its_bom(tmp_path: Path):
    path = tmp_path / "liste.csv"
    path.write_bytes('\ufeffnom,montant\n« Les Petits Pas »,1200.50\n"Virgule, et guillemets",3\n'.encode())
    assert read_workbook(path).sheets[0].values == [
        ["nom", "montant"],
        ["« Les Petits Pas »", 1200.5],
        ["Virgule, et guillemets", 3.0],
    ]


def test_a_csv_past_the_cell_limit_is_refused_in_french(tmp_path: Path, monkeypatch):
    path = tmp_path / "gros.csv"
    path.write_text("a;b;c\n" + "1;2;3\n" * 40, encoding="utf-8")
    monkeypatch.setattr(csv_text, "MAX_CELLS", 100)
    with pytest.raises(
        UnreadableWorkbook, match=r"^le classeur est trop volumineux pour être vérifié : ses "
    ):
        csv_text.read_csv(path)


def test_a_broken_csv_is_said_in_french(tmp_path: Path):
    path = tmp_path / "casse.csv"
    path.write_text('a;b\n1;"' + "x" * (200 * 1024) + "\n", encoding="utf-8")
    report = check_path(path)
    assert report.unreadable
    assert report.reason == (
        "le fichier CSV est mal formé (guillemet jamais refermé, ou champ de plus de 128 Ko) : "
        "il ne peut pas être lu en entier."
    )


CHECK_IN_A_FRESH_PROCESS = """
import contextlib, io, json, sys
from pointage.cli import main

out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["verifier", "--format", "json", *sys.argv[1:]])
loaded = sorted(name for name in ("pandas", "pandera", "numpy") if name in sys.modules)
report = json.loads(out.getvalue())
print(json.dumps({"code": code, "codes": sorted({f["code"] for r in report["files"] for f in r["findings"]}),
                  "loaded": loaded}))
"""


@needs_standard
def test_checking_an_scdl_publication_loads_no_data_frame_library(tmp_path: Path):
    path = Path(shutil.copy(EXAMPLES / "exemple_invalide_erreurs_cellules.csv", tmp_path / "invalide.csv"))
    seed = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
    run = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_FRESH_PROCESS, str(path), str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == {
        "code": 1,
        "codes": ["B006", "B007", "F001", "M001", "S002", "S003", "S004"],
        "loaded": [],
    }
