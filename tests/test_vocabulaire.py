"""Issue 28, points 3 to 5: one vocabulary for the options of every command, sheet
names matched as Excel matches them, help texts true to what is read, and messages
that say what a file is and what to do (docs/decisions.md, « Un vocabulaire pour les
options »). The severity column of the text output is asserted whole on the seed 000
example (test_exemple_seed000.py) and on bidi names (test_sortie_terminal.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from classeurs import construire

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "workbooks" / "exemples"
EXAMPLE = EXAMPLES / "cp-2024-09-16-accompagnement-global.xlsx"
KEY_FIGURES = EXAMPLES / "cp-2024-09-16-convention-france-travail.xlsx"
FORMATS = "(.xlsx, .xlsm, .xls, .xlsb, .ods, XML Excel 2003, CSV)"


def pointage(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    # A wide terminal: the help's lines are not wrapped.
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "300"},
    )


def codes(run: subprocess.CompletedProcess) -> list[str]:
    return [f["code"] for file in json.loads(run.stdout)["files"] for f in file["findings"]]


def shown_options(help_text: str) -> list[str]:
    """The options a command's help shows, as it writes them (`--sortie FICHIER`)."""
    section = help_text.split("\noptions:\n", 1)[1]
    return [m.group(1) for m in re.finditer(r"^  (-\S+(?:,? \S+)*?)(?:  |$)", section, re.M)]


# --------------------------------------------------------------------------------------
# Point 4: one vocabulary.
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (
            ["verifier"],
            [
                "-h, --aide, --help",
                "--format {texte,json}",
                "--choisir CODES",
                "--ignorer CODES",
                "--annoter",
                "--sortie FICHIER",
                "--deliberation DOCUMENT",
                "--remplacer",
                "--details",
            ],
        ),
        (
            ["exporter"],
            [
                "-h, --aide, --help",
                "--feuille FEUILLE",
                "--tableau N",
                "--format {docx,html,scdl}",
                "--scdl CHAMP=VALEUR",
                "--sortie FICHIER",
                "--malgre-erreurs",
                "--remplacer",
                "--sans-mention",
                "--details",
            ],
        ),
        (["modele"], ["-h, --aide, --help", "--sortie FICHIER", "--remplacer"]),
        (["addin", "construire"], ["-h, --aide, --help", "--sortie FICHIER", "--remplacer"]),
    ],
)
def test_each_command_shows_the_french_names_only(command, options):
    run = pointage(*command, "--aide")
    assert run.returncode == 0, run.stderr
    assert shown_options(run.stdout) == options
    for old in ("--forcer", "--select", "--ignore ", "--verbose"):
        assert old not in run.stdout


def test_help_lists_every_format_read():
    assert f"  FICHIER               classeur {FORMATS} ou dossier" in pointage("verifier", "--aide").stdout
    assert f"  FICHIER               classeur {FORMATS}" in pointage("exporter", "--aide").stdout


def test_the_french_names_and_the_old_spellings_mean_the_same(tmp_path):
    for choose, ignore in (("--choisir", "--ignorer"), ("--select", "--ignore")):
        run = pointage("verifier", EXAMPLE, "--format", "json", choose, "B", ignore, "B007")
        assert (run.returncode, codes(run)) == (0, ["B006"])
    example = shutil.copy(EXAMPLE, tmp_path / "annexe.xlsx")
    copy = tmp_path / "annexe.pointage.xlsx"
    for replace in ("--remplacer", "--forcer"):
        copy.write_bytes(b"ancienne copie")
        run = pointage("verifier", example, "--annoter", replace)
        assert run.returncode == 1, run.stdout
        assert copy.read_bytes()[:2] == b"PK"
    refused = pointage("verifier", example, "--annoter")
    assert refused.stdout.splitlines()[-1] == (
        f"Copie annotée non écrite pour {example} : « {copy} » existe déjà : ajoutez --remplacer "
        "pour le remplacer, ou choisissez un autre nom avec --sortie."
    )
    template = tmp_path / "modele.xlsx"
    template.write_bytes(b"ancien")
    assert pointage("modele", "--sortie", template).stderr == (
        f"pointage : « {template} » existe déjà : ajoutez --remplacer pour le remplacer.\n"
    )
    assert pointage("modele", "--sortie", template, "--remplacer").returncode == 0


def test_an_abbreviation_names_the_options_of_the_help():
    """`--ig` was `--ignore`; now `--ignorer`, never ambiguous with its old spelling."""
    run = pointage("verifier", EXAMPLE, "--format", "json", "--ch", "B", "--ig", "B007")
    assert (run.returncode, codes(run)) == (0, ["B006"])
    run = pointage("verifier", EXAMPLE, "--sel", "B")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == "pointage : erreur : arguments inconnus : --sel B"


def test_exporter_forcer_is_refused_with_the_two_names_that_replace_it(tmp_path):
    target = tmp_path / "annexe.html"
    run = pointage(
        "exporter", EXAMPLE, "--feuille", "Annexe 1", "--format", "html", "--sortie", target, "--forcer"
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == (
        "pointage : erreur : --forcer ne s'emploie plus ici : --malgre-erreurs pour exporter un "
        "tableau qui a des erreurs, --remplacer pour remplacer un fichier existant"
    )
    assert not target.exists()
    run = pointage(
        "exporter",
        EXAMPLE,
        "--feuille",
        "Annexe 1",
        "--format",
        "html",
        "--sortie",
        target,
        "--malgre-erreurs",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        f"Export écrit : {target} (le tableau A3:F47 de la feuille « Annexe 1 »).\n"
        "Colonnes vides non reprises dans le tableau A3:F47 : OPERATION (A), TERRITOIRE(S) (B).\n"
    )


@pytest.mark.parametrize(
    ("typed", "sheet"),
    [
        ("annexe 1", "Annexe 1"),
        ("ANNEXE 1", "Annexe 1"),
        (unicodedata.normalize("NFD", "DÉLIBÉRATION"), "Délibération"),  # a macOS terminal
    ],
)
def test_a_sheet_is_named_as_excel_names_it(typed, sheet, tmp_path):
    target = tmp_path / "export.html"
    run = pointage(
        "exporter", EXAMPLE, "--feuille", typed, "--format", "html", "--sortie", target, "--malgre-erreurs"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].endswith(f"de la feuille « {sheet} »).")
    # The default name is the sheet's own.
    copy = shutil.copy(EXAMPLE, tmp_path / "annexe.xlsx")
    assert (
        pointage("exporter", copy, "--feuille", typed, "--format", "html", "--malgre-erreurs").returncode == 0
    )
    assert (tmp_path / f"annexe-{sheet}.html").is_file()


def test_the_exact_name_wins_over_a_case_variant():
    from pointage.base.addresses import sheet_named

    assert sheet_named("feuil1", ["Feuil1", "feuil1"]) == "feuil1"
    assert sheet_named("FEUIL1", ["Feuil1", "feuil1"]) == "Feuil1"
    assert sheet_named("Feuil2", ["Feuil1"]) is None


def test_the_unreadable_example_names_no_format_pointage_reads():
    from pointage.reading.suffixes import WORKBOOK_SUFFIXES
    from pointage.rules.internal import E000

    page = (ROOT / "docs" / "regles" / "E000.md").read_text(encoding="utf-8")
    example = page.split("## Exemple\n\n", 1)[1]
    assert example == E000.example + "\n"
    assert not [s for s in WORKBOOK_SUFFIXES if re.search(re.escape(s) + r"\b", example)]


def test_the_catalogue_command_has_a_parser(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "pointage.commands.catalogue", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (
        run.stdout.splitlines()[0] == "utilisation : python -m pointage.commands.catalogue [-h] [DOCS] [CAS]"
    )
    assert list(tmp_path.iterdir()) == []
    run = subprocess.run(
        [sys.executable, "-m", "pointage.commands.catalogue", "doc", str(ROOT / "tests" / "rules")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "pointage : erreur : le dossier de la documentation « doc » n'existe pas"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("action", ["installer", "desinstaller"])
def test_the_addin_needs_excel_on_windows_or_macos(action, tmp_path, monkeypatch, capsys):
    import platform

    from pointage.cli import main

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(platform, "system", lambda: "Linux")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    assert main(["addin", action]) == 2
    assert capsys.readouterr() == (
        "",
        "pointage : le complément Pointage a besoin d'Excel sous Windows ou macOS ; ce système "
        "(Linux) n'a pas Excel. Lancez la commande sur le poste Windows ou Mac où Excel est "
        "installé.\n",
    )
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------
# Point 5: messages that say what a file is and what to do.
# --------------------------------------------------------------------------------------

EXCEL_LOCK = b"\x0cMarie Dupont" + b" " * 41 + b"\x0c\x00" + "Marie Dupont".encode("utf-16-le") + b" " * 85


def test_an_excel_lock_file_is_said_as_such_in_a_folder_and_on_the_command_line(tmp_path):
    folder = tmp_path / "commission"
    folder.mkdir()
    workbook = shutil.copy(EXAMPLE, folder / "annexe.xlsx")
    lock = folder / "~$annexe.xlsx"
    lock.write_bytes(EXCEL_LOCK)
    ignored = f"{lock} — ignoré : fichier de verrouillage d'Excel (le classeur « annexe.xlsx » est ouvert)."
    summary = "1 fichier vérifié : 2 erreurs, 3 avertissements, 0 info ; 1 fichier ignoré (pas un classeur)"
    run = pointage("verifier", folder)
    assert run.returncode == 1
    assert run.stdout.splitlines()[-3:] == [ignored, "", summary]
    # `pointage verifier commission/*.xlsx` while annexe.xlsx is open in Excel.
    run = pointage("verifier", workbook, lock)
    assert run.returncode == 1
    assert run.stdout.splitlines()[-3:] == [ignored, "", summary]
    workbook.unlink()
    run = pointage("verifier", lock)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        f"{lock} — ignoré : fichier de verrouillage d'Excel, laissé par le classeur « annexe.xlsx » "
        "(absent du dossier).",
        f"pointage : aucun classeur {FORMATS} à vérifier parmi les fichiers et dossiers indiqués : "
        "1 fichier ignoré (pas un classeur).",
    ]


def test_a_folder_without_a_workbook_lists_its_files_without_a_usage_banner(tmp_path):
    folder = tmp_path / "rapports"
    folder.mkdir()
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    run = pointage("verifier", folder)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        f"{folder / 'rapport.pdf'} — ignoré : c'est un document PDF, pas un classeur.",
        f"pointage : aucun classeur {FORMATS} à vérifier parmi les fichiers et dossiers indiqués : "
        "1 fichier ignoré (pas un classeur).",
    ]


def test_an_ignored_file_says_its_reason_once_and_the_summary_agrees(tmp_path):
    folder = tmp_path / "commission"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "annexe.xlsx")
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.txt").write_text("Relire l'annexe avant la commission.\n", encoding="utf-8")
    run = pointage("verifier", folder)
    assert run.returncode == 1
    assert run.stdout.splitlines()[-4:] == [
        f"{folder / 'notes.txt'} — ignoré : ce n'est pas un classeur : son contenu n'est reconnu "
        "comme aucun format de tableur.",
        f"{folder / 'rapport.pdf'} — ignoré : c'est un document PDF, pas un classeur.",
        "",
        "1 fichier vérifié : 2 erreurs, 3 avertissements, 0 info ; 2 fichiers ignorés (pas des classeurs)",
    ]


def test_a_label_ending_with_a_colon_is_followed_by_one_colon(tmp_path):
    workbook = construire(
        tmp_path / "annexe.xlsx",
        {
            "Annexe": """
STRUCTURE      | MONTANT RETENU
CCAS de Lens   | 100
CCAS de Liévin | 200
Total :        | 350
"""
        },
    )
    run = pointage("verifier", "--format", "json", workbook)
    (finding,) = json.loads(run.stdout)["files"][0]["findings"]
    assert (finding["code"], finding["cell"], finding["message"]) == (
        "T001",
        "B4",
        "Total : le total de la colonne « MONTANT RETENU » est 350,00 € ; la somme des 2 lignes "
        "du bloc donne 300,00 € (écart +50,00 €).",
    )


def test_a_negative_ecart_has_the_minus_sign_of_the_other_messages():
    run = pointage("verifier", "--format", "json", KEY_FIGURES)
    messages = {f["code"]: f["message"] for f in json.loads(run.stdout)["files"][0]["findings"]}
    assert messages["A002"] == (
        "Demandeurs d'emploi (toutes catégories) avec un droit ouvert RSA : le chiffre indiqué est "
        "8 661 ; 1 313 + 2 081 + 5 548 donne 8 942 (écart \u2212281)."
    )
    assert messages["P001"].endswith(
        "cible 1 030 places \u2212 existant 700 places = 330 places (écart +2 700)."
    )


def test_signed_ecarts_come_from_one_formatter():
    from decimal import Decimal

    from pointage.base.formatting import show_cents_difference, show_difference

    assert show_difference(Decimal(8661), Decimal(8942), money=False) == "\u2212281"
    assert show_difference(Decimal("24150"), Decimal("17275"), money=True) == "+6 875,00 €"
    assert show_cents_difference(100, 9100) == "\u221290,00 €"
    assert show_cents_difference(500, 500) == "0,00 €"
