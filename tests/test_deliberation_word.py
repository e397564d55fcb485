"""Issue 30: the délibération's Word text checked against its annexes (`--deliberation`).

The documents are built from the readable descriptions of `tests/deliberations.py`
(the seeds' texts transcribed) next to the example workbooks that transcribe their
tables."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from deliberations import SEED_000, SEED_001, SEED_003, Description, construire_deliberation
from pointage.analysis.quoted_figures import money_quotes
from pointage.engine.check import check_path
from pointage.reading import deliberation as reading
from pointage.reading.deliberation import Passage, UnreadableDocument, read_deliberation
from pointage.report.findings import Finding
from pointage.report.model import FileReport

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "workbooks" / "exemples"
SCHEMA = json.loads((ROOT / "docs" / "sortie-json.schema.json").read_text(encoding="utf-8"))
SEEDS = {
    "000": (SEED_000, EXAMPLES / "cp-2024-09-16-accompagnement-global.xlsx"),
    "001": (SEED_001, EXAMPLES / "cp-2022-11-21-inclusion-phase-3.xlsx"),
    "003": (SEED_003, EXAMPLES / "cp-2024-09-16-convention-france-travail.xlsx"),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pointage", *args], capture_output=True, text=True, cwd=ROOT)


def document_findings(
    workbook: Path, description: Description, tmp_path: Path, folder: str = "."
) -> tuple[list[Finding], FileReport]:
    (tmp_path / folder).mkdir(exist_ok=True)
    document = read_deliberation(
        construire_deliberation(tmp_path / folder / "deliberation.docx", description)
    )
    report = check_path(workbook, document=document)
    return [f for f in report.findings if f.document is not None], report


def test_seed_003_key_figure_and_places_found_in_the_text(tmp_path: Path) -> None:
    docx = construire_deliberation(tmp_path / "deliberation.docx", SEED_003)
    result = run("verifier", str(SEEDS["003"][1]), "--deliberation", str(docx), "--format", "json")
    assert result.returncode == 1, result.stderr
    output = json.loads(result.stdout)
    jsonschema.validate(output, SCHEMA)
    found = [f for f in output["files"][0]["findings"] if "document" in f]
    assert found == [
        {
            "code": "A002",
            "severity": "erreur",
            "sheet": None,
            "cell": None,
            "cells": [],
            "message": "« 8 661 sont demandeurs d'emploi (toutes catégories) avec un droit ouvert RSA » : "
            "le chiffre indiqué est 8 661 ; 1 313 + 2 081 + 5 548 donne 8 942 (écart −281).",
            "expected": "8942",
            "found": "8661",
            "document": "deliberation.docx",
            "paragraph": "paragraphe 7",
        },
        {
            "code": "D002",
            "severity": "erreur",
            "sheet": None,
            "cell": None,
            "cells": ["'Annexe 2'!F26"],
            "message": "« 3030 places » cité (« ETP d'accompagnement (CD, PE...) | 700 places | 1030 places | "
            "3030 places | 807 000,00 € ») reprend 'Annexe 2'!F26, en erreur : [P001] ETP "
            "d'accompagnement (CD, PE...) : le delta est 3 030 places ; cible 1 030 places − existant "
            "700 places = 330 places (écart +2 700).",
            "expected": "330",
            "found": "3030",
            "document": "deliberation.docx",
            "paragraph": "tableau 1, ligne 3, colonne 4",
        },
    ]
    # The workbook's own findings are those it has without the document.
    alone = json.loads(run("verifier", str(SEEDS["003"][1]), "--format", "json").stdout)
    assert [f for f in output["files"][0]["findings"] if "document" not in f] == alone["files"][0]["findings"]


def test_seed_003_text_output_names_the_document_and_the_paragraph(tmp_path: Path) -> None:
    docx = construire_deliberation(tmp_path / "deliberation.docx", SEED_003)
    lines = run("verifier", str(SEEDS["003"][1]), "--deliberation", str(docx)).stdout.splitlines()
    at = lines.index("  Document « deliberation.docx »")
    assert lines[at + 1].startswith("    erreur         paragraphe 7 [A002] « 8 661 sont demandeurs")
    assert lines[at + 2].startswith("    erreur         tableau 1, ligne 3, colonne 4 [D002] « 3030 places »")


@pytest.mark.parametrize("seed", ["000", "001"])
def test_seed_totals_and_articles_agree_with_the_annexes(seed: str, tmp_path: Path) -> None:
    description, workbook = SEEDS[seed]
    found, _ = document_findings(workbook, description, tmp_path)
    assert found == []


def _replaced(description: Description, index: int, old: str, new: str) -> Description:
    """The description with `old` written `new` in its paragraph `index`."""
    paragraph = description[index]
    assert isinstance(paragraph, str) and old in paragraph
    copy = list(description)
    copy[index] = paragraph.replace(old, new)
    return copy


def _variants(description: Description) -> Iterator[tuple[str, Description]]:
    """Each quoted amount or count with its last integer digit changed: (place, text)."""
    paragraph = table = 0
    for index, block in enumerate(description):
        if isinstance(block, str):
            paragraph += 1
            for match in _QUOTED.finditer(block):
                yield f"paragraphe {paragraph}", _changed(description, index, None, match)
            continue
        table += 1
        for r, row in enumerate(block, start=1):
            for c, text in enumerate(row, start=1):
                if r > 1 and (found := _QUOTED.search(text)):
                    yield (
                        f"tableau {table}, ligne {r}, colonne {c}",
                        _changed(description, index, (r - 1, c - 1), found),
                    )


_QUOTED = re.compile(r"(?<![\d,])\d[\d \u00a0\u202f]*(?=(?:,\d+)?\s*(?:€|euros|places)|,\d\d$)")


def _changed(
    description: Description, index: int, cell: tuple[int, int] | None, match: re.Match[str]
) -> Description:
    number = match.group(0).rstrip()
    digit = str((int(number[-1]) + 1) % 10)

    def edit(text: str) -> str:
        return text[: match.start()] + number[:-1] + digit + text[match.start() + len(number) :]

    block = description[index]
    copy = list(description)
    if isinstance(block, str):
        copy[index] = edit(block)
    else:
        assert cell is not None
        rows = [list(row) for row in block]
        rows[cell[0]][cell[1]] = edit(rows[cell[0]][cell[1]])
        copy[index] = rows
    return copy


# The article amounts the workbook's `Articles` sheet gives a reference (A001); the unit
# costs go against the Barème (D004); every other quoted amount or count is looked up
# in the workbook (D001).
ARTICLE_AMOUNTS = {
    ("001", "paragraphe 3"),
    ("001", "paragraphe 5"),
    ("001", "paragraphe 7"),
    ("001", "paragraphe 9"),
}
CASES = [(seed, place, variant) for seed in SEEDS for place, variant in _variants(SEEDS[seed][0])]


def test_every_quoted_figure_of_the_seeds_is_changed() -> None:
    assert [(seed, place) for seed, place, _ in CASES] == [
        ("000", "paragraphe 8"),
        *[("000", f"tableau 1, ligne 2, colonne {c}") for c in (4, 5)],
        ("000", "paragraphe 16"),
        ("000", "paragraphe 16"),
        *[("001", f"paragraphe {p}") for p in (3, 5, 7, 9)],
        *[("001", f"tableau 1, ligne {r}, colonne {c}") for r in range(2, 8) for c in (4, 5)],
        ("003", "paragraphe 10"),
        *[("003", f"tableau 1, ligne 2, colonne {c}") for c in (2, 3, 4, 5)],
        *[("003", f"tableau 1, ligne 3, colonne {c}") for c in (2, 3, 4, 5)],
        ("003", "tableau 1, ligne 4, colonne 5"),
    ]


@pytest.mark.parametrize(("seed", "place", "variant"), CASES, ids=[f"{s}-{p}" for s, p, _ in CASES])
def test_a_one_digit_change_is_found_at_its_paragraph(
    seed: str, place: str, variant: Description, tmp_path: Path
) -> None:
    _, workbook = SEEDS[seed]
    before, _ = document_findings(workbook, SEEDS[seed][0], tmp_path, "avant")
    after, _ = document_findings(workbook, variant, tmp_path, "apres")
    said_before = {(f.code, f.severity.value, f.paragraph) for f in before}
    new = [
        (f.code, f.severity.value, f.paragraph)
        for f in after
        if (f.code, f.severity.value, f.paragraph) not in said_before
    ]
    if (seed, place) in ARTICLE_AMOUNTS:
        assert new == [("A001", "erreur", place)]
    elif (seed, place) == ("000", "paragraphe 16"):  # a unit cost, against the Barème
        assert new == [("D004", "avertissement", place)]
    elif (seed, place) == ("003", "tableau 1, ligne 3, colonne 4"):
        # 3031 places: no longer the wrong delta of the annex (D002), a figure it does not hold.
        assert new == [("D001", "avertissement", place)]
        assert [f.code for f in after] == ["A002", "D001"]
    else:
        assert new == [("D001", "avertissement", place)]


def test_seed_001_article_4_changed_says_its_reference(tmp_path: Path) -> None:
    variant = _replaced(SEED_001, 8, "273 567 €", "273 576 €")
    found, _ = document_findings(SEEDS["001"][1], variant, tmp_path)
    [finding] = found
    assert (finding.code, finding.severity.value, finding.paragraph) == ("A001", "erreur", "paragraphe 9")
    assert finding.cells == ("Délibération!E5", "Délibération!E9")
    assert (finding.expected, finding.found) == ("273567.00", "273576.00")
    assert finding.message == (
        "Article 4 : montant 273 576,00 € (« De valider le financement des opérations de la thématique 4 "
        "« Autonomie et inclusion des jeunes », telles que présentées en annexe 4, pour un montant total de "
        "273 576 €, aux structures et selon la répartition financière… ») ; la référence « C02-582A02 + C02-582A01 » donne 273 567,00 € (Dépense de "
        "C02-582A02 (Délibération!E5) + Dépense de C02-582A01 (Délibération!E9)) (écart +9,00 €)."
    )


def test_seed_000_total_changed_names_what_was_looked_for(tmp_path: Path) -> None:
    variant = _replaced(SEED_000, 7, "464\u00a0570€", "464\u00a0571€")
    found, _ = document_findings(SEEDS["000"][1], variant, tmp_path)
    assert [(f.code, f.severity.value, f.paragraph, f.cells, f.message) for f in found] == [
        (
            "D001",
            "avertissement",
            "paragraphe 8",
            (),
            "« 464\u00a0571€ » cité (« De valider le financement du dispositif « Accompagnement Global », "
            "pour la période du 1er janvier au 31 décembre 2024, pour un montant total de 464\u00a0571€, "
            "selon la répartition financière proposée en annexe 1 et selon les… ») : aucune cellule du classeur ne vaut "
            "464 571,00 € (cherché dans les feuilles « Annexe 1 », « Délibération », « Rapport », "
            "« Barème », « Paramètres »).",
        )
    ]


def test_seed_000_unit_cost_and_period_against_the_bareme_and_the_parametres(tmp_path: Path) -> None:
    variant = _replaced(
        SEED_000, 7, "du 1er janvier au 31 décembre 2024", "du 1er juillet au 31 décembre 2023"
    )
    variant = _replaced(variant, -1, "soit 80 € pour 6 mois", "soit 90 € pour 6 mois")
    found, _ = document_findings(SEEDS["000"][1], variant, tmp_path)
    assert [
        (f.code, f.severity.value, f.paragraph, f.cells, f.message, f.expected, f.found) for f in found
    ] == [
        (
            "D004",
            "avertissement",
            "paragraphe 8",
            (),
            "« période du 1er juillet au 31 décembre 2023 » cité (« De valider le financement du dispositif "
            "« Accompagnement Global », pour la période du 1er juillet au 31 décembre 2023, pour un montant "
            "total de 464\u00a0570€, selon la répartition financière proposée en annexe 1 et selon les… ») : "
            "6 mois, quand la durée par défaut de la feuille « Paramètres » est 12 mois ; l'année 2023, quand "
            "l'exercice de la feuille « Paramètres » est 2024.",
            None,
            None,
        ),
        (
            "D004",
            "avertissement",
            "paragraphe 16",
            ("Barème!B2",),
            "« 90 € pour 6 mois » cité (« Sur la base d’un coût de la place "
            "d’accompagnement à 160 euros pour un an, soit 90 € pour 6 mois, les modalités de financement "
            "s’organisent comme suit : ») : le Barème donne 160,00 € par place et par an (Barème!B2), soit "
            "80,00 € pour 6 mois.",
            "80.00",
            "90.00",
        ),
    ]


def test_no_finding_on_a_document_quoting_no_amount(tmp_path: Path) -> None:
    text: Description = [
        "Article 2 :",
        "D’autoriser le Président du Conseil départemental à signer, au nom et pour le compte du "
        "Département, avec les structures citées en annexe 1, les avenants (délibération n°2024-385 du "
        "16/09/2024, 2ème commission).",
        [["Structure", "Avenant"], ["CCAS de Bethune", "Avenant type annexe 2"]],
    ]
    for seed in SEEDS.values():
        found, report = document_findings(seed[1], text, tmp_path)
        assert found == []
        assert report.findings == check_path(seed[1]).findings


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("pour un montant total de 464 570 €, selon", Decimal("464570")),
        ("pour un montant de 464 570,00 euros.", Decimal("464570.00")),
        ("une enveloppe de 1,2 M€ sur deux ans", Decimal("1200000")),
        ("soit 464\u00a0570€", Decimal("464570")),
        ("soit 464\u202f570,00\u00a0€", Decimal("464570.00")),
        ("3 millions d'euros", Decimal("3000000")),
        ("une aide de 15 k€", Decimal("15000")),
    ],
)
def test_amounts_are_read_in_their_french_forms(written: str, value: Decimal) -> None:
    [quote] = money_quotes(Passage(written, paragraph=1))
    assert quote.value == value


@pytest.mark.parametrize(
    "written",
    [
        "quatre cent soixante-quatre mille euros",
        "160 euros pour un an",
        "au 31/12/2023",
        "85.5 %",
        "C02-446A05",
    ],
)
def test_what_is_not_an_amount_of_the_annexes(written: str) -> None:
    assert money_quotes(Passage(written, paragraph=1)) == []


def test_not_a_docx_is_refused_in_french_with_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "deliberation.docx"
    fake.write_text("Article 1 : 464 570 €", encoding="utf-8")
    result = run("verifier", str(SEEDS["000"][1]), "--deliberation", str(fake))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"pointage : {fake} : ce n'est pas un document Word (.docx) : le fichier n'est pas une archive.\n"
    )


def test_an_encrypted_docx_is_refused_in_french_with_exit_2(tmp_path: Path) -> None:
    import msoffcrypto.format.ooxml as ooxml

    plain = construire_deliberation(tmp_path / "clair.docx", SEED_000)
    encrypted = tmp_path / "chiffre.docx"
    with open(plain, "rb") as source, open(encrypted, "wb") as target:
        ooxml.OOXMLFile(source).encrypt("secret", target)
    result = run("verifier", str(SEEDS["000"][1]), "--deliberation", str(encrypted))
    assert result.returncode == 2
    assert "le document est protégé par un mot de passe (chiffré)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_workbook_given_as_the_document_is_refused(tmp_path: Path) -> None:
    result = run("verifier", str(SEEDS["000"][1]), "--deliberation", str(SEEDS["001"][1]))
    assert result.returncode == 2
    assert result.stderr.endswith(
        "ce n'est pas un document Word (.docx) : l'archive n'a pas de word/document.xml.\n"
    )


def test_a_document_too_big_is_refused_before_python_docx_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = construire_deliberation(tmp_path / "grand.docx", SEED_000 * 50)
    with zipfile.ZipFile(docx) as archive:
        size = archive.getinfo("word/document.xml").file_size
    monkeypatch.setattr(reading, "MAX_DOCUMENT_XML", size - 1)
    with pytest.raises(
        UnreadableDocument, match=r"^le texte du document \(word/document\.xml\) fait plus de"
    ):
        read_deliberation(docx)
    monkeypatch.setattr(reading, "MAX_DOCUMENT_XML", size)
    monkeypatch.setattr(reading, "MAX_DOCUMENT_BYTES", size)
    with pytest.raises(UnreadableDocument, match=r"^le document est trop volumineux pour être lu"):
        read_deliberation(docx)


def test_deliberation_goes_with_one_workbook_only(tmp_path: Path) -> None:
    docx = construire_deliberation(tmp_path / "deliberation.docx", SEED_000)
    result = run("verifier", str(SEEDS["000"][1]), str(SEEDS["001"][1]), "--deliberation", str(docx))
    assert result.returncode == 2
    assert "--deliberation ne s'emploie qu'avec un seul classeur" in result.stderr


def _folder_findings(output: dict) -> dict[str, list[tuple[str, str | None]]]:
    return {
        Path(file["path"]).name: [
            (f["code"], f.get("paragraph")) for f in file["findings"] if "document" in f
        ]
        for file in output["files"]
    }


def test_a_folder_pairs_the_document_with_its_workbook_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "commission"
    folder.mkdir()
    (folder / "convention-france-travail.xlsx").write_bytes(SEEDS["003"][1].read_bytes())
    (folder / "accompagnement-global.xlsx").write_bytes(SEEDS["000"][1].read_bytes())
    construire_deliberation(folder / "deliberation convention France Travail.docx", SEED_003)
    result = run("verifier", str(folder), "--format", "json")
    output = json.loads(result.stdout)
    jsonschema.validate(output, SCHEMA)
    assert _folder_findings(output) == {
        "accompagnement-global.xlsx": [],
        "convention-france-travail.xlsx": [
            ("A002", "paragraphe 7"),
            ("D002", "tableau 1, ligne 3, colonne 4"),
        ],
    }
    assert "skipped" not in output


def test_a_folder_pairs_the_document_by_the_code_operations_it_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "commission"
    folder.mkdir()
    (folder / "annexes-a.xlsx").write_bytes(SEEDS["000"][1].read_bytes())
    (folder / "annexes-b.xlsx").write_bytes(SEEDS["001"][1].read_bytes())
    variant = _replaced(SEED_000, 7, "464\u00a0570€", "464\u00a0571€")
    construire_deliberation(folder / "texte.docx", variant)
    (folder / "note.docx").write_text("pas un document Word", encoding="utf-8")
    output = json.loads(run("verifier", str(folder), "--format", "json").stdout)
    assert _folder_findings(output) == {"annexes-a.xlsx": [("D001", "paragraphe 8")], "annexes-b.xlsx": []}
    assert [Path(s["path"]).name for s in output["skipped"]] == ["note.docx"]


def test_the_annotated_copy_lists_the_document_findings_without_a_link(tmp_path: Path) -> None:
    import openpyxl

    workbook = tmp_path / "annexe.xlsx"
    workbook.write_bytes(SEEDS["003"][1].read_bytes())
    docx = construire_deliberation(tmp_path / "deliberation.docx", SEED_003)
    result = run("verifier", str(workbook), "--deliberation", str(docx), "--annoter")
    assert result.returncode == 1, result.stderr
    copy = openpyxl.load_workbook(tmp_path / "annexe.pointage.xlsx")
    sheet = copy["Contrôles"]
    rows = [row for row in sheet.iter_rows() if row[2].value == "deliberation.docx"]
    assert [(r[0].value, r[1].value, r[3].value, r[5].value, r[6].value) for r in rows] == [
        ("A002", "erreur", "paragraphe 7", 8942, 8661),
        ("D002", "erreur", "tableau 1, ligne 3, colonne 4", 330, 3030),
    ]
    assert [r[3].hyperlink for r in rows] == [None, None]
    assert rows[1][4].value.startswith("« 3030 places » cité (")
    # The workbook's own cells are painted for its own findings only: 'Annexe 2'!F26 keeps P001's note.
    assert copy["Annexe 2"]["F26"].comment.text.count("[D002]") == 0


def test_a_truncated_docx_is_refused_in_french(tmp_path: Path) -> None:
    whole = construire_deliberation(tmp_path / "entier.docx", SEED_000).read_bytes()
    cut = tmp_path / "tronque.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    result = run("verifier", str(SEEDS["000"][1]), "--deliberation", str(cut))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"pointage : {cut} : ce n'est pas un document Word (.docx) : le fichier n'est pas une archive.\n"
    )


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = tmp_path / "piege.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(80):
                part.write(block)
    with pytest.raises(
        UnreadableDocument, match=r"^une partie du document \(word/document\.xml\) se décompresse"
    ):
        read_deliberation(bomb)
