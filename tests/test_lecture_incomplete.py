"""What Pointage could not read or keep is said, never silence: a damaged Excel Table
(E001), the parts an annotated copy may lose."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from classeurs import Feuille, construire
from pointage.engine.check import check_path
from pointage.outputs.annotated_copy import UNKNOWN_LOSSES, losses

ANNEXE = "STRUCTURE | MONTANT\nCCAS de Lens | 10\nAIFOR | 5\nTOTAL | 16"


def rewritten(source: Path, target: Path, parts: dict[str, bytes]) -> Path:
    """A copy of the archive `source` whose `parts` are replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, parts.pop(info.filename, None) or old.read(info.filename))
        for name, data in parts.items():
            new.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def test_a_damaged_excel_table_is_said_and_its_rows_still_checked(tmp_path):
    good = construire(tmp_path / "bon.xlsx", {"Annexe": Feuille(ANNEXE, tableau_excel="Repartition")})
    damaged = rewritten(good, tmp_path / "abime.xlsx", {"xl/tables/table1.xml": b"<table garbage"})
    report = check_path(damaged)
    assert [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings] == [
        (
            "E001",
            "info",
            "Annexe",
            None,
            (),
            "Lecture incomplète : un tableau Excel (Insertion > Tableau) de la feuille n'a pas pu "
            "être lu : ses lignes ont été cherchées par leur ligne d'en-têtes.",
        ),
        (
            "T001",
            "erreur",
            "Annexe",
            "B4",
            ("B2", "B3", "B4"),
            "TOTAL : le total de la colonne « MONTANT » est 16,00 € ; la somme des 2 lignes du bloc "
            "donne 15,00 € (écart +1,00 €).",
        ),
    ]
    # The same workbook undamaged: no E001.
    assert [f.code for f in check_path(good).findings] == ["T001"]


def test_losses_name_what_the_copy_drops(tmp_path):
    good = construire(tmp_path / "bon.xlsx", {"Annexe": ANNEXE})
    assert losses(good) == []
    chart = rewritten(good, tmp_path / "graphique.xlsx", {"xl/charts/chart1.xml": b"<chartSpace/>"})
    assert losses(chart) == ["les graphiques"]


def test_losses_that_cannot_be_listed_are_never_nothing(tmp_path):
    good = construire(tmp_path / "bon.xlsx", {"Annexe": ANNEXE})
    truncated = tmp_path / "tronque.xlsx"
    truncated.write_bytes(good.read_bytes()[:-200])
    assert losses(truncated) == [UNKNOWN_LOSSES]


def test_an_unreadable_file_still_says_what_could_not_be_read(tmp_path):
    # No header row is recognised, and the Excel Table that might have named the
    # columns is damaged: both are said.
    good = construire(
        tmp_path / "bon.xlsx", {"Notes": Feuille("Colonne 1 | Colonne 2\nx | 1", tableau_excel="T")}
    )
    damaged = rewritten(good, tmp_path / "abime.xlsx", {"xl/tables/table1.xml": b"<table garbage"})
    report = check_path(damaged)
    assert report.nothing_recognised and not report.unreadable
    assert [(f.code, f.severity.value) for f in report.findings] == [("E002", "info"), ("E001", "info")]
    assert report.reason.startswith("il faut une ligne d'en-têtes")


def test_a_damaged_workbook_part_is_said_in_french_only(tmp_path):
    # The XML parser's own words (`unclosed token: line 1, column 0`) are not the
    # officer's language: the message says what is damaged.
    good = construire(tmp_path / "bon.xlsx", {"Annexe": ANNEXE})
    damaged = rewritten(good, tmp_path / "abime.xlsx", {"xl/workbook.xml": b"<workbook"})
    report = check_path(damaged)
    assert [(f.code, f.message) for f in report.findings] == [
        (
            "E000",
            "Fichier illisible : la structure du classeur est endommagée : la liste de ses feuilles "
            "(xl/workbook.xml et ses relations) ne peut pas être lue.",
        )
    ]
