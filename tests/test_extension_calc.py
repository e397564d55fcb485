"""The LibreOffice Calc extension: built by `pointage addin calc`, installed in a real
(headless) LibreOffice, its « Vérifier » and « Effacer les marques » sent as the
Pointage menu sends them (tests/calc_driver.py, run by a Python that has UNO).

The example workbook is given a user's fill and note on a cell Pointage marks, and a
fill on another: the marks are checked cell by cell against the findings, and the undo
against the document as it was, fills, notes, sheets and names."""

from __future__ import annotations

import ast
import io
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

import pointage.base.addresses
import pointage.base.own_sheets
import pointage.calc.payload
from pointage.addin.journal import HEADERS
from pointage.base.addresses import parse_a1
from pointage.calc.build import build_extension, settings_source
from pointage.calc.payload import calc_payload
from pointage.cli import main
from pointage.engine.check import check_path
from pointage.outputs.marks import note_text
from pointage.outputs.palette import FILLS
from pointage.report.findings import Severity
from test_addin_macros import MARKED

EXAMPLE = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
DRIVER = Path(__file__).parent / "calc_driver.py"
POINTAGE = Path(sys.executable).parent / "pointage"
USER_NOTE = "Vérifié avec le service le 12/09."
USER_FILL = "#FFFF00"
CHECKED_MESSAGE = (
    "Vérification terminée : 2 erreurs, 3 avertissements, 0 info.\n"
    "10 cellules marquées ; le détail est dans la feuille « Contrôles »."
)


def _python_with_uno() -> str | None:
    """A Python that imports UNO (LibreOffice's bridge): Debian's, with python3-uno."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).is_file():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            if probe.returncode == 0:
                return candidate
    return None


@pytest.fixture(scope="module")
def uno_python() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) absent : l'extension Calc n'est pas essayée")
    if not (Path(soffice).resolve().parent / "pythonloader.py").is_file():
        pytest.skip("LibreOffice sans son Python (paquet python3-uno) : l'extension Calc n'est pas essayée")
    python = _python_with_uno()
    if python is None:
        pytest.skip("aucun Python avec UNO (paquet python3-uno) : l'extension Calc n'est pas essayée")
    return python


def _drive(python: str, folder: Path, extension: Path, *jobs: tuple[Path, str]) -> dict:
    """The menus the extension adds, and for each (workbook, `verifier,effacer`): the
    document before, and after each action."""
    profile = folder / "profil"
    profile.mkdir()
    done = subprocess.run(
        [python, str(DRIVER), str(profile), str(extension), *(f"{book}={actions}" for book, actions in jobs)],
        capture_output=True,
        timeout=150,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@dataclass
class Clicks:
    """What one LibreOffice showed, with the extension built for this Pointage."""

    menus: dict[str, list[list[str]]]  # by menu or toolbar: [title, command] of each item
    workbook: Path  # the example with a user's marks: « Vérifier », « Effacer les marques »
    user_marks: list[dict]  # before, after each click
    protected: list[dict]  # the example with Délibération protected: « Vérifier »


@pytest.fixture(scope="module")
def clicks(uno_python: str, tmp_path_factory: pytest.TempPathFactory) -> Clicks:
    folder = tmp_path_factory.mktemp("calc")
    extension = folder / "pointage.oxt"
    assert main(["addin", "calc", "--sortie", str(extension), "--pointage", str(POINTAGE)]) == 0
    marked = _workbook_with_user_marks(folder)
    book = load_workbook(EXAMPLE)
    book["Délibération"].protection.sheet = True
    protected = folder / "protegee.xlsx"
    book.save(protected)
    shown = _drive(uno_python, folder, extension, (marked, "verifier,effacer"), (protected, "verifier"))
    user_marks, with_protection = shown["workbooks"]
    return Clicks(shown["menus"], marked, user_marks, with_protection)


def _sheet(state: dict, name: str) -> dict:
    return next(sheet for sheet in state["sheets"] if sheet["name"] == name)


def _cell(a1: str) -> str:
    row, col = parse_a1(a1)
    return f"{row},{col}"


def _workbook_with_user_marks(tmp_path: Path) -> Path:
    """The example, with a user's yellow fill and note on E7 (which Pointage marks) and
    a yellow fill on C17 (a cell of a calculation Pointage marks too)."""
    book = load_workbook(EXAMPLE)
    sheet = book["Annexe 1"]
    sheet["E7"].fill = PatternFill("solid", start_color=USER_FILL[1:])
    sheet["E7"].comment = Comment(USER_NOTE, "Agent")
    sheet["C17"].fill = PatternFill("solid", start_color=USER_FILL[1:])
    target = tmp_path / "annexe.xlsx"
    book.save(target)
    return target


def test_calc_shows_the_pointage_menu_and_toolbar(clicks: Clicks) -> None:
    items = [
        ["Vérifier le classeur", "org.pointage.calc:verifier"],
        ["Effacer les marques", "org.pointage.calc:effacer"],
    ]
    assert clicks.menus == {"menu:Pointage": items, "toolbar:org.pointage.calc.toolbar": items}


def test_verifier_marks_the_findings_and_effacer_restores_the_document(clicks: Clicks) -> None:
    before, checked, undone = clicks.user_marks
    workbook = clicks.workbook

    assert checked["message"] == CHECKED_MESSAGE
    # The file on disk is the one Calc saved before the check: the findings are its own.
    findings = check_path(workbook).findings
    marked = [f for f in findings if f.severity != Severity.INFO and f.sheet and f.cell]
    assert [(f.code, f.severity.value, f.sheet, f.cell) for f in marked] == [
        ("M001", "erreur", "Annexe 1", "E7"),
        ("M001", "erreur", "Annexe 1", "E17"),
        ("B007", "avertissement", "Délibération", "B4"),
        ("B007", "avertissement", "Rapport", "B4"),
        ("B006", "avertissement", "Rapport", "C4"),
    ]
    # Every fill of the user's sheets is a mark, and every mark is there.
    user_sheets = ("Annexe 1", "Délibération", "Rapport", "Barème", "Paramètres")
    fills = {
        (name, key): colour for name in user_sheets for key, colour in _sheet(checked, name)["fills"].items()
    }
    assert fills == {(sheet, _cell(cell)): colour for (sheet, cell), colour in MARKED.items()}
    for finding in marked:
        assert fills[(str(finding.sheet), _cell(str(finding.cell)))] == "#" + FILLS[(finding.severity, True)]
    notes = {
        (name, key): text for name in user_sheets for key, text in _sheet(checked, name)["notes"].items()
    }
    expected_notes = {(str(f.sheet), _cell(str(f.cell))): note_text(f) for f in marked}
    # The user's note on E7 stays first, the finding's is added below it.
    expected_notes[("Annexe 1", _cell("E7"))] = USER_NOTE + "\n\n" + note_text(marked[0])
    assert notes == expected_notes

    # `Contrôles` first, one line per finding as `pointage verifier` says it; the journal
    # hidden last, one line per marked cell, with what it had before.
    names = [sheet["name"] for sheet in checked["sheets"]]
    assert names == ["Contrôles", *user_sheets, "_pointage"]
    controls = _sheet(checked, "Contrôles")["values"]
    header = controls.index(
        ["Code", "Sévérité", "Feuille", "Cellule", "Message", "Attendu", "Trouvé", "Écart"]
    )
    listed = controls[header + 1 : header + 1 + len(findings)]
    assert [row[:5] for row in listed] == [
        [f.code, f.severity.value, f.sheet, f.cell, f.message] for f in findings
    ]
    assert _sheet(checked, "Contrôles")["fills"][f"{header + 1},1"] == "#FF8080"
    journal = _sheet(checked, "_pointage")
    assert journal["visible"] is False
    assert journal["values"][0] == list(HEADERS)
    recorded = {(line[0], line[1]): line[2:5] for line in journal["values"][1:]}
    assert set(recorded) == set(MARKED)
    assert recorded[("Annexe 1", "E7")] == [USER_FILL, "complétée", USER_NOTE]
    assert recorded[("Annexe 1", "C17")] == [USER_FILL, "", ""]
    assert recorded[("Rapport", "C4")] == ["aucun", "ajoutée", ""]
    assert checked["names"] == {"_pointage_controles": '"Contrôles"', "_pointage_journal": '"_pointage"'}

    assert undone["message"] == "Marques de Pointage effacées : 10 cellules rétablies."
    assert {key: value for key, value in undone.items() if key != "message"} == before
    assert _sheet(before, "Annexe 1")["fills"] == {_cell("E7"): USER_FILL, _cell("C17"): USER_FILL}


def test_verifier_without_pointage_says_what_to_do_and_changes_nothing(
    uno_python: str, tmp_path: Path
) -> None:
    gone = tmp_path / "pointage-desinstalle"
    extension = tmp_path / "pointage.oxt"
    extension.write_bytes(build_extension(gone))
    workbook = tmp_path / "annexe.xlsx"
    shutil.copy(EXAMPLE, workbook)
    [(before, after)] = _drive(uno_python, tmp_path, extension, (workbook, "verifier"))["workbooks"]
    assert after["message"] == (
        f"Pointage est introuvable sur ce poste : {gone} n'existe pas. Installez Pointage, puis "
        "reconstruisez l'extension (pointage addin calc) et installez-la à nouveau."
    )
    assert {key: value for key, value in after.items() if key != "message"} == before
    assert workbook.read_bytes() == EXAMPLE.read_bytes()  # not even saved


PROTECTED_MESSAGE = (
    "Vérification terminée : 2 erreurs, 3 avertissements, 0 info.\n"
    "8 cellules marquées ; le détail est dans la feuille « Contrôles ».\n"
    "La feuille « Délibération » est protégée : ses cellules ne sont pas marquées. Ôtez la "
    "protection (Outils > Protéger la feuille) puis cliquez à nouveau sur « Vérifier » pour les voir."
)


def test_a_protected_sheet_is_left_unmarked_and_the_message_says_so(clicks: Clicks) -> None:
    _, checked = clicks.protected
    assert checked["message"] == PROTECTED_MESSAGE
    assert _sheet(checked, "Délibération")["fills"] == {}
    assert _sheet(checked, "Délibération")["notes"] == {}
    assert _sheet(checked, "Rapport")["fills"] == {_cell("B4"): "#FFC000", _cell("C4"): "#FFC000"}
    journal = _sheet(checked, "_pointage")["values"][1:]
    assert sorted((line[0], line[1]) for line in journal) == sorted(
        key for key in MARKED if key[0] != "Délibération"
    )
    # Its findings are listed all the same.
    assert [row[2] for row in _sheet(checked, "Contrôles")["values"] if row[:1] == ["B007"]] == [
        "Délibération",
        "Rapport",
    ]


def test_calc_marques_leaves_out_the_protected_sheets() -> None:
    payload = calc_payload(EXAMPLE, ["délibération"])  # Calc and Excel ignore the case of names
    assert payload["message"] == PROTECTED_MESSAGE
    made = payload["marks"]
    assert isinstance(made, list)
    assert {m["sheet"] for m in made} == {"Annexe 1", "Rapport"}


def test_the_extension_holds_the_menu_the_component_and_this_pointage() -> None:
    data = build_extension(Path("/opt/pointage/bin/pointage"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == [
        "Addons.xcu",
        "META-INF/manifest.xml",
        "ProtocolHandler.xcu",
        "description.xml",
        "pointage_calc.py",
        "pythonpath/pointage_calc_base/__init__.py",
        "pythonpath/pointage_calc_base/addresses.py",
        "pythonpath/pointage_calc_base/own_sheets.py",
        "pythonpath/pointage_calc_base/settings.py",
    ]
    addons = archive.read("Addons.xcu").decode()
    for url, label in (
        ("org.pointage.calc:verifier", "Vérifier le classeur"),
        ("org.pointage.calc:effacer", "Effacer les marques"),
    ):
        assert f"<value>{url}</value>" in addons and f"<value>{label}</value>" in addons
    assert archive.read("pythonpath/pointage_calc_base/settings.py").decode() == settings_source(
        Path("/opt/pointage/bin/pointage")
    )
    assert "POINTAGE = '/opt/pointage/bin/pointage'" in settings_source(Path("/opt/pointage/bin/pointage"))
    assert build_extension(Path("/opt/pointage/bin/pointage")) == data  # same Pointage, same bytes


def test_calc_marques_gives_the_marks_of_the_example() -> None:
    payload = calc_payload(EXAMPLE)
    assert payload["status"] == "verifie"
    assert payload["message"] == CHECKED_MESSAGE
    made = payload["marks"]
    assert isinstance(made, list)
    marks = {(m["sheet"], m["row"], m["col"]): m["fill"] for m in made}
    assert marks == {(sheet, *parse_a1(cell)): fill for (sheet, cell), fill in MARKED.items()}


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ["addin", "calc", "--sortie", "pointage.zip"],
            "l'extension LibreOffice est un fichier .oxt, pas « pointage.zip ».",
        ),
        (
            ["addin", "calc", "--pointage", "/nulle/part/pointage"],
            "la commande pointage est introuvable (/nulle/part/pointage) : indiquez-la avec --pointage.",
        ),
        (
            ["addin", "calc-marques", "/nulle/part/annexe.xlsx"],
            "Classeur introuvable : /nulle/part/annexe.xlsx",
        ),
    ],
)
def test_bad_input_is_refused_in_french(
    arguments: list[str],
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(arguments) == 2
    assert said in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_component_is_written_for_the_oldest_python_of_libreoffice() -> None:
    """LibreOffice 7 for Windows runs its extensions with its own Python 3.8."""
    source = (
        Path(__file__).parents[1] / "addin" / "pointage" / "calc" / "oxt" / "pointage_calc.py"
    ).read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 8))
    for module in (pointage.base.addresses, pointage.base.own_sheets):
        ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"), feature_version=(3, 8))


def test_a_bug_of_pointage_reaches_the_extension_as_a_french_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: Path, protected: list[str]) -> dict[str, object]:
        raise KeyError("Contrôles")

    monkeypatch.setattr(pointage.calc.payload, "calc_payload", broken)
    assert main(["addin", "calc-marques", str(EXAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        "erreur inattendue de Pointage. Vérifiez le classeur en ligne de commande "
        "(pointage verifier --details) et transmettez le détail à l'équipe Pointage.\n",
    )
