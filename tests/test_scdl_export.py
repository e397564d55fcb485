"""SCDL subventions export (issue 29): the official examples against the schema, and
Annexe 1 of seed 000 exported as the national open-data CSV."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from classeurs import construire
from pointage.outputs.scdl.validation import AVERTISSEMENT, ERREUR, column_problems, row_problems
from pointage.tables.scdl_schema import is_rna, is_siret, scdl_fields

ROOT = Path(__file__).parents[1]
STANDARD = ROOT.parent / "shared" / "standards" / "scdl-subventions"
EXAMPLES = STANDARD / "exemples"
SEED = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
HEADER = ",".join(f.name for f in scdl_fields())
# Département du Pas-de-Calais: SIREN 226 200 016, a NIC whose check digit holds.
GIVEN = ["--scdl", "nomAttribuant=Département du Pas-de-Calais", "--scdl", "idAttribuant=22620001600013"]

needs_standard = pytest.mark.skipif(not STANDARD.is_dir(), reason="../shared/standards absent")


def pointage(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pointage", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    return table[0], [dict(zip(table[0], line)) for line in table[1:]]


def test_the_package_ships_the_official_schema_byte_for_byte():
    from importlib import resources

    shipped = resources.files("pointage.tables").joinpath("scdl_subventions_schema.json").read_bytes()
    if STANDARD.is_dir():
        assert shipped == (STANDARD / "schema.json").read_bytes()
    assert [f.name for f in scdl_fields()][:3] == ["nomAttribuant", "idAttribuant", "dateConvention"]


def test_siret_and_rna():
    assert is_siret("21060004500392") and is_siret("38047555800058")
    assert not is_siret("21860194600000")  # the invalid example's: its check digit is wrong
    assert not is_siret("2186019460000") and not is_siret("218601946000OO")
    # La Poste: the sum of its digits a multiple of 5, whatever Luhn says.
    assert is_siret("35600000000010") and not is_siret("35600000000011")
    assert is_rna("W380475558") and not is_rna("W3222") and not is_rna("380475558W")


@needs_standard
def test_the_official_valid_example_validates():
    header, rows = read_csv(EXAMPLES / "exemple_valide.csv")
    assert column_problems(header) == []
    problems = row_problems(rows)
    assert [p for p in problems if p.severity == ERREUR] == []
    # What the official validator lets through, and Pointage says as avertissements.
    assert [(p.line, p.field, p.message) for p in problems] == [
        (24, "datesPeriodeVersement", "la période finit (2017-03-09) avant de commencer (2017-04-12)"),
        (25, "datesPeriodeVersement", "la période finit (2017-03-09) avant de commencer (2017-12-20)"),
        (27, "datesPeriodeVersement", "« 2017-30-05 » n'est pas une date du calendrier (AAAA-MM-JJ)"),
        (29, "datesPeriodeVersement", "la période finit (2017-01-10) avant de commencer (2017-03-02)"),
    ]
    assert {p.severity for p in problems} == {AVERTISSEMENT}


# The errors of the cell example, each one the file was written to show.
CELL_ERRORS = [
    (2, "pourcentageSubvention", "« 100 » est supérieur au maximum (1) que le schéma autorise"),
    (3, "pourcentageSubvention", "« 80 » est supérieur au maximum (1) que le schéma autorise"),
    (4, "pourcentageSubvention", "« 80 » est supérieur au maximum (1) que le schéma autorise"),
    (5, "dateConvention", "« 05/12/2016 » n'est pas une date AAAA-MM-JJ du calendrier"),
    (5, "rnaBeneficiaire", "« W3222 » n'est pas un numéro RNA (W suivi de 9 chiffres)"),
    (6, "idBeneficiaire", "« 32402138500000.0 » n'est pas un SIRET (14 chiffres d'un seul tenant)"),
    (
        6,
        "montant",
        "« 100000,1 » n'est pas un nombre au format du schéma (chiffres, point décimal : 47800.20)",
    ),
    (6, "notificationUE", "« no » n'est ni « oui » ni « non »"),
    (7, "idAttribuant", "« 218601946 » n'est pas un SIRET (14 chiffres d'un seul tenant)"),
    (
        8,
        "datesPeriodeVersement",
        "« 2017-06-27_2018-06-27 » n'est ni une date AAAA-MM-JJ ni une période AAAA-MM-JJ/AAAA-MM-JJ",
    ),
    (8, "notificationUE", "« yes » n'est ni « oui » ni « non »"),
    (9, "idBeneficiaire", "ni SIRET ni numéro RNA du bénéficiaire : le schéma demande l'un des deux"),
    (
        9,
        "pourcentageSubvention",
        "« 0,5 » n'est pas un nombre au format du schéma (chiffres, point décimal : 47800.20)",
    ),
    (10, "montant", "valeur obligatoire absente"),
    (12, "rnaBeneficiaire", "« W12455 » n'est pas un numéro RNA (W suivi de 9 chiffres)"),
    (
        16,
        "nature",
        "« aide en numéraire,aide en nature » n'est pas une valeur autorisée (« aide en numéraire », "
        "« aide en nature », « aide en numéraire;aide en nature », « aide en nature;aide en numéraire »)",
    ),
    (30, "rnaBeneficiaire", "« W1234567 » n'est pas un numéro RNA (W suivi de 9 chiffres)"),
]
# Its beneficiaries' SIRETs are made up (`…00000`): their check digits are wrong.
WRONG_KEYS = {5, 8, 10, 11, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 25, 26, 27, 28, 30}


@needs_standard
def test_the_invalid_cells_example_fails_with_its_errors():
    header, rows = read_csv(EXAMPLES / "exemple_invalide_erreurs_cellules.csv")
    assert column_problems(header) == []  # dispositifAide, optional, may be left out
    problems = row_problems(rows)
    keys = [p for p in problems if "clé de contrôle" in p.message]
    assert [(p.line, p.field, p.message) for p in problems if p not in keys] == CELL_ERRORS
    assert {p.line for p in keys if p.field == "idAttribuant"} == set(range(2, 31)) - {7}
    assert {p.line for p in keys if p.field == "idBeneficiaire"} == WRONG_KEYS
    assert [p.severity for p in problems if p.line == 9 and p.field == "idBeneficiaire"] == [AVERTISSEMENT]
    assert str(problems[0]) == (
        "ligne 2, champ « idAttribuant » : « 21860194600000 » n'est pas un SIRET : sa clé de contrôle est fausse"
    )


@needs_standard
def test_the_invalid_columns_example_fails_on_its_header():
    header, rows = read_csv(EXAMPLES / "exemple_invalide_erreurs_colonnes.csv")
    assert [str(p) for p in column_problems(header)] == [
        "en-tête, champ « NOM_Beneficiaire » : colonne inconnue du schéma SCDL subventions",
        "en-tête, champ « nomBeneficiaire » : colonne obligatoire absente",
        "en-tête, champ « idAttribuant » : colonne n° 1, à la place de « nomAttribuant » "
        "(le schéma fixe l'ordre des colonnes)",
        "en-tête, champ « nomAttribuant » : colonne n° 2, à la place de « idAttribuant » "
        "(le schéma fixe l'ordre des colonnes)",
    ]
    # Its lines hold the cell example's errors too (one amount written 100000,10).
    lines = [(p.line, p.field) for p in row_problems(rows) if "clé de contrôle" not in p.message]
    assert lines == [(line, field) for line, field, _ in CELL_ERRORS]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return Path(shutil.copy(SEED, tmp_path / SEED.name))


def test_seed_000_annexe_1_exported_to_scdl_validates(seed: Path):
    result = pointage(
        "exporter", seed, "--feuille", "Annexe 1", "--format", "scdl", "--malgre-erreurs", *GIVEN
    )
    target = seed.with_name(f"{seed.stem}-Annexe 1.csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Export écrit : {target} (le tableau A3:F47 de la feuille « Annexe 1 »).",
        "nature : « aide en numéraire » pour toutes les lignes (valeur par défaut ; --scdl nature=… sinon).",
        "conditionsVersement : « unique » pour toutes les lignes (valeur par défaut ; "
        "--scdl conditionsVersement=… sinon).",
        "notificationUE : « non » pour toutes les lignes (valeur par défaut ; --scdl notificationUE=… sinon).",
        "pourcentageSubvention : « 1.00 » pour toutes les lignes (valeur par défaut ; "
        "--scdl pourcentageSubvention=… sinon).",
        "dateConvention : 2024-09-16, la date du nom du classeur (--scdl dateConvention=AAAA-MM-JJ sinon).",
        "datesPeriodeVersement : l'exercice 2024 entier (date précise inconnue ; "
        "--scdl datesPeriodeVersement=… sinon).",
        "Avertissement : champ « idBeneficiaire », 42 lignes ('Annexe 1'!C4, 'Annexe 1'!C5, 'Annexe 1'!C6, …) : "
        "ni SIRET ni numéro RNA du bénéficiaire : le schéma demande l'un des deux.",
    ]
    assert result.stderr == (
        "Attention : exporté malgré 2 erreurs ; le CSV ne peut pas le dire : ne le publiez pas avant correction.\n"
    )
    data = target.read_bytes()
    assert data.decode("utf-8").splitlines()[0] == HEADER
    header, rows = read_csv(target)
    assert column_problems(header) == []
    assert [p for p in row_problems(rows) if p.severity == ERREUR] == []
    assert len(rows) == 42
    assert rows[0] == {
        "nomAttribuant": "Département du Pas-de-Calais",
        "idAttribuant": "22620001600013",
        "dateConvention": "2024-09-16",
        "referenceDecision": "",
        "nomBeneficiaire": "DEMAIN",
        "idBeneficiaire": "",
        "rnaBeneficiaire": "",
        "objet": "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 280 places "
        "du 1er juillet au 31 décembre 2024",
        "montant": "29275.00",
        "nature": "aide en numéraire",
        "conditionsVersement": "unique",
        "datesPeriodeVersement": "2024-01-01/2024-12-31",
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1.00",
        "dispositifAide": "",
    }
    # One line per grant: the table's total rows are not grants.
    assert sum(round(float(r["montant"]) * 100) for r in rows) == 46457000
    assert [r["nomBeneficiaire"] for r in rows if r["nomBeneficiaire"] == "CCAS de Bethune"] == [
        "CCAS de Bethune"
    ]


def test_scdl_export_asks_for_what_the_table_never_holds(seed: Path):
    result = pointage("exporter", seed, "--feuille", "Annexe 1", "--format", "scdl", "--malgre-erreurs")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "pointage : Export SCDL impossible : le tableau ne donne pas ces champs obligatoires, à indiquer "
        "par --scdl CHAMP=VALEUR ou par une ligne de la feuille Paramètres (le nom du champ ou son titre, "
        "puis sa valeur) :\n"
        "  nomAttribuant (Nom de l'attribuant)\n"
        "  idAttribuant (Identification de l'attribuant)\n"
    )
    assert not list(seed.parent.glob("*.csv"))


def test_scdl_export_refuses_a_table_with_erreurs(seed: Path):
    result = pointage("exporter", seed, "--feuille", "Annexe 1", "--format", "scdl", *GIVEN)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "pointage : Export refusé : le tableau n° 1 (A3:F47) de la feuille « Annexe 1 » a 2 erreurs :\n"
    )
    assert result.stderr.endswith(
        "Corrigez le classeur, ou ajoutez --malgre-erreurs pour exporter quand même (le CSV SCDL ne "
        "pourra pas le signaler : ne le publiez pas avant correction).\n"
    )
    assert not list(seed.parent.glob("*.csv"))


GRANTS = """
STRUCTURE          | SIRET          | Objet de la subvention  | Date de la convention | Montant
Les Petits Pas     | 38047555800058 | Accueil de jour         | 2024-03-12            | 1200.5
Amicale du Ternois | 38047555800059 | Fête de quartier        | 2024-03-12            | 800
"""
PARAMETRES = """
Paramètre                       | Valeur
Exercice                        | 2024
Nom de l'attribuant             | Département du Pas-de-Calais
idAttribuant                    | 22620001600013
Conditions de versement de la subvention | échelonné
"""


def test_scdl_export_takes_the_parametres_and_refuses_a_wrong_siret(tmp_path: Path):
    workbook = construire(tmp_path / "subventions.xlsx", {"Annexe": GRANTS, "Paramètres": PARAMETRES})
    result = pointage("exporter", workbook, "--feuille", "Annexe", "--format", "scdl")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "pointage : Export SCDL refusé : 1 valeur que le schéma SCDL subventions 2.1.1 refuse :\n"
        "  ligne 3, champ « idBeneficiaire » : « 38047555800059 » n'est pas un SIRET : sa clé de contrôle "
        "est fausse (ligne du classeur : Annexe!A3)\n"
    )
    fixed = construire(
        tmp_path / "corrige.xlsx",
        {"Annexe": GRANTS.replace("38047555800059", "23350001600040"), "Paramètres": PARAMETRES},
    )
    result = pointage("exporter", fixed, "--feuille", "Annexe", "--format", "scdl")
    assert result.returncode == 0, result.stderr
    _, rows = read_csv(tmp_path / "corrige-Annexe.csv")
    assert row_problems(rows) == []
    assert [
        (r["nomAttribuant"], r["idAttribuant"], r["idBeneficiaire"], r["objet"], r["montant"]) for r in rows
    ] == [
        ("Département du Pas-de-Calais", "22620001600013", "38047555800058", "Accueil de jour", "1200.50"),
        ("Département du Pas-de-Calais", "22620001600013", "23350001600040", "Fête de quartier", "800.00"),
    ]
    assert [(r["dateConvention"], r["conditionsVersement"], r["datesPeriodeVersement"]) for r in rows] == [
        ("2024-03-12", "échelonné", "2024-01-01/2024-12-31")
    ] * 2


def test_a_bad_scdl_option_is_said(seed: Path):
    result = pointage(
        "exporter", seed, "--feuille", "Annexe 1", "--format", "scdl", "--malgre-erreurs", "--scdl", "nom=X"
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("pointage : « --scdl nom=X » : écrivez CHAMP=VALEUR, CHAMP parmi : ")
    assert "Traceback" not in result.stderr


def test_an_scdl_export_is_a_csv_file(seed: Path):
    result = pointage(
        "exporter",
        seed,
        "--feuille",
        "Annexe 1",
        "--format",
        "scdl",
        "--malgre-erreurs",
        *GIVEN,
        "--sortie",
        seed.with_suffix(".docx"),
    )
    assert (result.returncode, result.stderr) == (
        2,
        f"pointage : « {seed.stem}.docx » : un export scdl s'écrit dans un fichier .csv "
        "(ou indiquez --format docx).\n",
    )
