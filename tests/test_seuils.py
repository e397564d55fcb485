"""The tunable thresholds of recognition and analysis, each tested on both sides of
its edge: a table, a total, an identity exactly at the threshold and one row, one
cent or one share beyond. A threshold moved (by a slip or a « small » tuning) changes
one side, and a test here fails. The outputs the golden cases pin say what a workbook
gives; these say where each decision flips."""

from __future__ import annotations

import zipfile

from classeurs import lignes
from pointage.engine.check import check_path, check_snapshot
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.report.model import FileReport
from pointage.rules.registry import get_rule


def classeur(**sheets: str) -> WorkbookSnapshot:
    """Sheets in the `classeurs` syntax, read into memory (no file)."""
    return WorkbookSnapshot(
        "c.xlsx",
        [
            SheetSnapshot(name.replace("_", " "), [[("" if v is None else v) for v in row] for row in lignes(text)])
            for name, text in sheets.items()
        ],
    )


def verifie(workbook: WorkbookSnapshot, *codes: str) -> FileReport:
    return check_snapshot(workbook, [get_rule(code) for code in codes] if codes else None)


def constats(report: FileReport) -> list[tuple[str, str | None, str]]:
    return [(f.code, f.cell, f.message) for f in report.findings]


def tableaux(report: FileReport) -> list[tuple[str, str, str]]:
    return [(t.kind, t.range, t.sheet) for t in report.tables]


# --- A table ends after BLANK_RUN_ENDS_TABLE (3) blank rows; fewer are spacing.


def _lines_after_blanks(blanks: int) -> WorkbookSnapshot:
    rows = "STRUCTURE | MONTANT RETENU\nCCAS de Lens | 100\nCCAS Liévin | 200\n"
    return classeur(Annexe=rows + " \n" * blanks + "AIFOR | 300\nTOTAL | 600\n")


def test_two_blank_rows_are_spacing_inside_a_table():
    report = verifie(_lines_after_blanks(2))
    assert tableaux(report) == [("repartition", "A1:B7", "Annexe")]
    assert constats(report) == []


def test_three_blank_rows_end_the_table():
    report = verifie(_lines_after_blanks(3))
    # The lines below have no header of their own: they are no table.
    assert tableaux(report) == [("liste", "A1:B3", "Annexe")]


# --- F008: a row repeated within its block, never across blocks.

_BLOCKS = """
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 100
CCAS Liévin  | 200
TOTAL        | 300
{third}      | 100
AIFOR        | 50
TOTAL        | 150
"""


def test_a_row_repeated_in_another_block_is_no_duplicate():
    # The same structure in two blocks (two territories, two projects) is no slip.
    assert constats(verifie(classeur(Annexe=_BLOCKS.format(third="CCAS de Lens")), "F008")) == []


def test_a_row_repeated_in_its_block_is_a_duplicate():
    repeated = _BLOCKS.replace("CCAS Liévin  | 200\nTOTAL        | 300", "CCAS de Lens | 100\nTOTAL        | 200")
    assert constats(verifie(classeur(Annexe=repeated.format(third="AIFOR")), "F008")) == [
        (
            "F008",
            "A3",
            "1 ligne identique, cellule pour cellule, à une ligne précédente (ligne 3 = ligne 2) : "
            "collée deux fois ?",
        )
    ]


# --- A named identity broken on more than MAX_NAMED_FAILURES (a fifth) of its rows,
# and on more than MAX_NAMED_BREACHES (2) rows, is misread, not broken.


def _situation(rows: int, broken: int) -> WorkbookSnapshot:
    lines = ["Service | Budget | Engagé | Disponible"]
    lines += [f"Service {i + 1} | 1000 | 400 | {601 if i < broken else 600}" for i in range(rows)]
    return classeur(Situation="\n".join(lines))


def _breach(row: int) -> tuple[str, str, str]:
    return (
        "I001",
        f"D{row + 1}",
        f"Service {row} : Disponible = Budget − Engagé ne tient pas : « Disponible » vaut 601,00 €, "
        "le calcul donne 600,00 € (écart +1,00 €).",
    )


def test_an_identity_broken_on_a_fifth_of_its_rows_is_checked():
    report = verifie(_situation(15, 3), "I001")
    assert constats(report) == [_breach(1), _breach(2), _breach(3)]
    assert report.tables[0].identities == ("Disponible = Budget − Engagé",)


def test_an_identity_broken_on_more_than_a_fifth_of_its_rows_is_misread():
    report = verifie(_situation(14, 3), "I001")
    assert constats(report) == []
    assert report.tables[0].identities == ()
    assert (
        "Disponible = Budget − Engagé : ne tient pas sur 3 lignes sur 14, colonnes sans doute mal "
        "comprises, non vérifiée" in report.tables[0].notes
    )


def test_two_breaches_are_slips_however_few_the_rows():
    assert constats(verifie(_situation(5, 2), "I001")) == [_breach(1), _breach(2)]


def test_three_breaches_in_five_rows_are_a_misreading():
    assert constats(verifie(_situation(5, 3), "I001")) == []


# --- A hidden row or column is `hidden="1"` (Excel) or `hidden="true"` (LibreOffice,
# Strict Open XML): both are hidden.


def _with_hidden_spelled(tmp_path, spelling: str) -> FileReport:
    from classeurs import Feuille, construire

    source = construire(
        tmp_path / "masque.xlsx",
        {
            "Annexe": Feuille(
                "STRUCTURE | MONTANT RETENU | TERRITOIRE\nCCAS de Lens | 100 | Lens\n"
                "CCAS Liévin | 200 | Liévin\nTOTAL | 300 |",
                lignes_masquees=(3,),
                colonnes_masquees=("B",),
            )
        },
    )
    respelled = tmp_path / f"masque-{spelling}.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(respelled, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            content = original.read(info)
            if info.filename.startswith("xl/worksheets/"):
                assert b'hidden="1"' in content
                content = content.replace(b'hidden="1"', f'hidden="{spelling}"'.encode())
            copy.writestr(info, content)
    return check_path(respelled, [get_rule("F006")])


def test_a_row_and_a_column_hidden_as_true_are_hidden(tmp_path):
    expected = [
        (
            "F006",
            "A3",
            "1 ligne masquée et 1 colonne masquée dans le tableau : ligne 3 ; colonne B (comptées "
            "dans les contrôles).",
        )
    ]
    assert constats(_with_hidden_spelled(tmp_path, "1")) == expected
    assert constats(_with_hidden_spelled(tmp_path, "true")) == expected


def test_hidden_false_is_shown(tmp_path):
    assert constats(_with_hidden_spelled(tmp_path, "false")) == []
    assert constats(_with_hidden_spelled(tmp_path, "0")) == []
