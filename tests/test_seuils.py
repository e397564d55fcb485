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
            SheetSnapshot(
                name.replace("_", " "), [[("" if v is None else v) for v in row] for row in lignes(text)]
            )
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
    repeated = _BLOCKS.replace(
        "CCAS Liévin  | 200\nTOTAL        | 300", "CCAS de Lens | 100\nTOTAL        | 200"
    )
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


# --- GROUPED_FROM (6): an identity broken on that many rows is one finding.


def test_five_breaches_of_an_identity_are_five_findings():
    assert constats(verifie(_situation(30, 5), "I001")) == [_breach(row) for row in range(1, 6)]


def test_six_breaches_of_an_identity_are_one_finding():
    assert constats(verifie(_situation(30, 6), "I001")) == [
        (
            "I001",
            "D2",
            "Service 1 : Disponible = Budget − Engagé ne tient pas : « Disponible » vaut 601,00 €, le "
            "calcul donne 600,00 € (écart +1,00 €). Elle ne tient pas non plus sur 5 autres lignes "
            "(D3, D4, D5, D6, D7).",
        )
    ]


# --- An identity no header names is inferred from MIN_ROWS (10) rows, holding on
# MIN_SHARE (95 %) of them.


def _expenses(rows: int, broken: int) -> WorkbookSnapshot:
    lines = ["Libellé | Montant | Frais | Cumul"]
    lines += [f"Achat {i + 1} | {100 + i} | 20 | {120 + i + (3 if i < broken else 0)}" for i in range(rows)]
    return classeur(Dépenses="\n".join(lines))


_INFERRED = "Cumul = Montant + Frais"


def test_an_identity_on_ten_rows_is_inferred():
    assert verifie(_expenses(10, 0), "I002").tables[0].identities == (_INFERRED,)


def test_an_identity_on_nine_rows_is_not():
    assert verifie(_expenses(9, 0), "I002").tables[0].identities == ()


def test_an_identity_holding_on_95_percent_of_the_rows_reports_the_others():
    report = verifie(_expenses(20, 1), "I002")
    assert constats(report) == [
        (
            "I002",
            "D2",
            "Achat 1 : Cumul = Montant + Frais tient sur les autres lignes du tableau, pas ici : "
            "« Cumul » vaut 123,00 €, le calcul donne 120,00 € (écart +3,00 €).",
        )
    ]


def test_an_identity_holding_on_less_than_95_percent_is_none():
    report = verifie(_expenses(19, 1), "I002")
    assert constats(report) == []
    assert report.tables[0].identities == ()


# --- SURE_SCORE (3): from three headers naming its columns, a table is surely of its
# kind and a required column missing is an error; with two, it is not recognised.


def test_three_headers_of_a_budget_table_make_it_one_and_ask_for_the_rest():
    report = verifie(
        classeur(Délibération="Code Opération | AE € | Dépense €\nC02-446A05 | 2105667.73 | 15200")
    )
    assert constats(report) == [
        (
            "F004",
            "A1",
            "Tableau budgétaire (imputation) sans colonne IMPUTATION BUDGÉTAIRE, LIBELLÉ OPÉRATION : "
            "en-têtes trouvés : « Code Opération », « AE € », « Dépense € ».",
        )
    ]


def test_two_headers_of_a_budget_table_are_no_table():
    report = verifie(classeur(Délibération="Code Opération | Dépense €\nC02-446A05 | 15200"))
    assert tableaux(report) == []
    assert [code for code, _, _ in constats(report)] == ["E002"]


# --- HEADER_SEARCH_ROWS (50): a header row is looked for in the first 50 rows of a block.


def _header_after(notes: int) -> WorkbookSnapshot:
    rows = [f"note {i}" for i in range(notes)]
    rows += ["STRUCTURE | MONTANT RETENU", "CCAS de Lens | 100", "CCAS Liévin | 200", "TOTAL | 300"]
    return classeur(Annexe="\n".join(rows))


def test_a_header_on_the_fiftieth_row_is_found():
    assert tableaux(verifie(_header_after(49))) == [("repartition", "A50:B53", "Annexe")]


def test_a_header_below_the_fiftieth_row_is_not_looked_for():
    assert tableaux(verifie(_header_after(50))) == []


# --- CEILING_SEARCH_ROWS (20): a plan's PLAFOND is looked for up to 20 rows above it.


def _plan_under_ceiling(notes: int) -> WorkbookSnapshot:
    rows = ["PLAFOND DEPARTEMENT | | 135000", *(f"note {i}" for i in range(notes))]
    rows += [
        "Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta",
        "ETP CD | Ingénierie | 0,20 ETP | 2,20ETP | 2ETP | 140000",
        "TOTAL BESOINS | | | | | 140000",
    ]
    return classeur(Annexe_2="\n".join(rows))


def test_a_ceiling_twenty_rows_above_the_plan_holds_it():
    assert constats(verifie(_plan_under_ceiling(19), "P002")) == [
        ("P002", "F23", "TOTAL BESOINS : 140 000,00 € dépasse le plafond de 135 000,00 € (C1) de 5 000,00 €.")
    ]


def test_a_ceiling_further_up_is_not_the_plan_s():
    assert constats(verifie(_plan_under_ceiling(20), "P002")) == []


# --- A column whose totals fail more than MISREAD_SHARE (half) of the time, and at
# least MISREAD_FAILURES (3) times, is misread: its totals are not accused.


def _blocks(blocks: int, failing: int) -> WorkbookSnapshot:
    rows = ["STRUCTURE | MONTANT RETENU"]
    for b in range(blocks):
        rows += [f"CCAS {b}a | 100", f"CCAS {b}b | 200", f"TOTAL | {301 if b < failing else 300}"]
    return classeur(Annexe="\n".join(rows))


def _wrong_block_total(block: int) -> tuple[str, str, str]:
    return (
        "T001",
        f"B{3 * block + 4}",
        "TOTAL : le total de la colonne « MONTANT RETENU » est 301,00 € ; la somme des 2 lignes du "
        "bloc donne 300,00 € (écart +1,00 €).",
    )


def test_three_wrong_totals_of_six_are_slips():
    assert constats(verifie(_blocks(6, 3), "T001")) == [_wrong_block_total(b) for b in range(3)]


def test_three_wrong_totals_of_five_are_a_misreading():
    report = verifie(_blocks(5, 3), "T001")
    assert constats(report) == []
    assert report.tables[0].notes[-1] == (
        "3 des 5 totaux de la colonne « MONTANT RETENU » ne correspondent pas aux lignes qu'ils "
        "closent : le tableau est sans doute mal lu (non compris), ces totaux ne sont pas vérifiés"
    )


def test_two_wrong_totals_of_two_are_slips():
    assert constats(verifie(_blocks(2, 2), "T001")) == [_wrong_block_total(b) for b in range(2)]


# --- F003 names _SHOWN_CELLS (5) formulas, then « … ».


def _never_computed(tmp_path, formulas: int) -> FileReport:
    from classeurs import construire

    rows = ["STRUCTURE | MONTANT RETENU"]
    rows += [f"CCAS {i} | =IF({i}>0,100,0)" for i in range(formulas)]
    return check_path(
        construire(tmp_path / f"f{formulas}.xlsx", {"Annexe": "\n".join(rows)}), [get_rule("F003")]
    )


def test_five_formulas_are_all_named(tmp_path):
    assert constats(_never_computed(tmp_path, 5)) == [
        (
            "F003",
            "B2",
            "Classeur jamais recalculé : 5 formules des tableaux vérifiés sans valeur calculée, que "
            "Pointage ne sait pas calculer, ne sont pas lues (B2, B3, B4, B5, B6) : ouvrez le classeur "
            "dans Excel et enregistrez-le pour que les valeurs soient calculées.",
        )
    ]


def test_the_sixth_formula_is_left_to_the_cells_of_the_finding(tmp_path):
    [finding] = _never_computed(tmp_path, 6).findings
    assert finding.cells == ("B2", "B3", "B4", "B5", "B6", "B7")
    assert "(B2, B3, B4, B5, B6…)" in finding.message
