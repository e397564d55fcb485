"""Totals their formulas reveal (ThomasGille's works budget, `tables/side_totals.py`): a
total written beside the lines (`Total | =SUM(B2:B5)` in D3:E3), a list of postes
without a header row closed by `Total | =SUM(B1:B6)`, and `Total marchandises |
=SUM(E:E)` right of an Excel Table. Each is part of its table's range and is checked
against the detail rows of its block, never against its own formula's range."""

from __future__ import annotations

import openpyxl
import pytest

from classeurs import Feuille, avec_valeurs_en_cache, construire, ods, par_libreoffice
from pointage.engine.check import check_path
from pointage.outputs.json_report import report_to_dict
from pointage.reading.workbook import read_workbook
from pointage.report.model import Report

BESIDE = "formule SOMME à côté des lignes"

TRAVAUX = """
             | Tarif    |  |                |
Matériel     | 1200     |  |                |
Main d'œuvre | 2288     |  | Total          | =SUM(B2:B5)
Meubles      | 2815     |  |                |


             | Peinture |  |                |
Matériel     | 20       |  |                |
Main d'œuvre | 176      |  | Total peinture | =SUM(B8:B10)
Peinture     | 200      |  |                |
"""

MEUBLES = """
Receveur de douche | 150 |
Colonne de douche  | 300 | ???
WC                 | 450 | Avec sanibroyeur, sinon 200




Total              | =SUM(B1:B6)
"""

MATERIAUX = """
Section  | Nom              | Nombre | Prix unitaire | Total | Commentaire
Plafond  |                  |        |               |       |
         | Plaque de plâtre | 10     | 8             | 80    |
         | Enduit           | 2      | 15            | 30    | Voir Divers
Lumière  |                  |        |               |       |
         | Spot             | 8      | 15            | 120   |
"""


def _shown(report):
    return [(f.code, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def _travaux(tmp_path, e3=6303, e9=396, formule_e3=None, formule_e9=None):
    texte = TRAVAUX if formule_e3 is None else TRAVAUX.replace("=SUM(B2:B5)", formule_e3)
    texte = texte if formule_e9 is None else texte.replace("=SUM(B8:B10)", formule_e9)
    chemin = construire(tmp_path / "budget.xlsx", {"Total": texte})
    return avec_valeurs_en_cache(chemin, {"Total": {"E3": e3, "E9": e9}})


def test_totals_beside_the_lines_make_one_table_with_them(tmp_path):
    report = check_path(_travaux(tmp_path))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind, table.header_rows) == ("Total", "A1:E10", "plan", (1,))
    assert table.total_rows == ((3, BESIDE), (9, BESIDE))
    assert _shown(report) == []


WRONG_BESIDE = {
    "a wrong total": (
        {"e9": 400},
        "E9",
        ("B8", "B9", "B10", "E9"),
        "Total peinture : le total de la colonne « Tarif » est 400,00 € ; la somme des 3 "
        "lignes du bloc donne 396,00 € (écart +4,00 €).",
    ),
    # `=SUM(B2:B3)` is what Excel computed; the block has three lines.
    "a range that forgets a line": (
        {"e3": 3488, "formule_e3": "=SUM(B2:B3)"},
        "E3",
        ("B2", "B3", "B4", "E3"),
        "Total : le total de la colonne « Tarif » est 3 488,00 € ; la somme des 3 lignes du "
        "bloc donne 6 303,00 € (écart −2 815,00 €).",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG_BESIDE))
def test_a_wrong_total_beside_its_block_is_found_at_its_cell(tmp_path, case):
    written, cell, cells, message = WRONG_BESIDE[case]
    assert _shown(check_path(_travaux(tmp_path, **written))) == [("T001", "Total", cell, cells, message)]


def test_a_list_without_header_closed_by_a_sum_is_a_table(tmp_path):
    chemin = construire(tmp_path / "meubles.xlsx", {"Meubles": MEUBLES})
    report = check_path(avec_valeurs_en_cache(chemin, {"Meubles": {"B8": 900}}))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind, table.header_rows) == ("Meubles", "A1:C8", "plan", ())
    assert table.total_rows == ((8, "formule SOMME des lignes au-dessus"),)
    [entry] = report_to_dict(Report(files=[report]))["files"][0]["tables"]
    assert (entry["range"], "header_rows" in entry) == ("A1:C8", False)
    # Without a header, a column is said by its first cell.
    assert entry["columns"] == [
        {"cell": "A1", "header": "", "role": "label"},
        {"cell": "B1", "header": "", "role": "amount"},
    ]
    assert _shown(report) == []


def test_a_wrong_total_of_a_list_without_header_names_its_column_by_letter(tmp_path):
    chemin = construire(tmp_path / "meubles.xlsx", {"Meubles": MEUBLES})
    report = check_path(avec_valeurs_en_cache(chemin, {"Meubles": {"B8": 800}}))
    assert _shown(report) == [
        (
            "T001",
            "Meubles",
            "B8",
            ("B1", "B2", "B3", "B8"),
            "Total : le total de la colonne « B » est 800,00 € ; la somme des 3 lignes du bloc "
            "donne 900,00 € (écart −100,00 €).",
        )
    ]


def _materiaux(tmp_path, h1, below=None):
    chemin = construire(
        tmp_path / "materiaux.xlsx", {"Matériaux": Feuille(MATERIAUX, tableau_excel="Tableau1")}
    )
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Matériaux"]
    feuille["G1"], feuille["H1"] = "Total marchandises", "=SUM(E:E)"
    if below is not None:
        feuille["D12"], feuille["E12"] = "Main d'œuvre", below  # not a line of the table
    classeur.save(chemin)
    return avec_valeurs_en_cache(chemin, {"Matériaux": {"H1": h1}})


def test_a_whole_column_total_right_of_an_excel_table_is_part_of_it(tmp_path):
    report = check_path(_materiaux(tmp_path, 230))
    [table] = report.tables
    assert (table.range, table.kind, table.total_rows) == ("A1:H6", "plan", ((1, BESIDE),))
    assert _shown(report) == []
    wrong = check_path(_materiaux(tmp_path, 250))
    assert _shown(wrong) == [
        (
            "T001",
            "Matériaux",
            "H1",
            ("E3", "E4", "E6", "H1"),
            "Total marchandises : le total de la colonne « Total » est 250,00 € ; la somme des 3 "
            "lignes du bloc donne 230,00 € (écart +20,00 €).",
        )
    ]


def test_the_reader_says_which_column_a_sum_beside_adds(tmp_path):
    snapshot = read_workbook(_travaux(tmp_path))
    [sheet] = snapshot.sheets
    assert (sheet.sums, sheet.column_sums) == ({}, {(2, 4): (1, 1, 4), (8, 4): (1, 7, 9)})
    [sheet] = read_workbook(_materiaux(tmp_path, 230)).sheets
    assert sheet.column_sums == {(0, 7): (4, 0, 1048575)}


def test_a_sum_beside_without_a_total_label_shows_no_table(tmp_path):
    texte = TRAVAUX.replace("Total peinture", "Report").replace("| Total ", "| Moyenne ")
    chemin = avec_valeurs_en_cache(
        construire(tmp_path / "b.xlsx", {"Total": texte}), {"Total": {"E3": 6303, "E9": 396}}
    )
    report = check_path(chemin)
    assert (report.nothing_recognised, report.unreadable, report.tables) == (True, False, [])


def test_a_sum_over_a_text_in_its_column_shows_no_table(tmp_path):
    # `Peinture` typed among the amounts: not a list of postes Pointage understands.
    texte = TRAVAUX.replace("=SUM(B8:B10)", "=SUM(B7:B10)").replace("Total          | =SUM(B2:B5)", "|")
    chemin = avec_valeurs_en_cache(construire(tmp_path / "b.xlsx", {"Total": texte}), {"Total": {"E9": 396}})
    report = check_path(chemin)
    assert (report.nothing_recognised, report.unreadable, report.tables) == (True, False, [])


# The same sheet in the other formats Pointage reads: each says which column a SUM adds.
ODS_TRAVAUX = (
    '<table:table table:name="Total">'
    "<table:table-row><table:table-cell/>{tarif}</table:table-row>"
    "<table:table-row>{materiel}{n1200}</table:table-row>"
    "<table:table-row>{main}{n2288}<table:table-cell/>{total}{somme}</table:table-row>"
    "<table:table-row>{meubles}{n2815}</table:table-row>"
    "</table:table>"
)


def _ods_text(value: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def _ods_number(value: float, formula: str = "") -> str:
    formula = f' table:formula="{formula}"' if formula else ""
    return f'<table:table-cell{formula} office:value-type="float" office:value="{value}"><text:p>{value:g}</text:p></table:table-cell>'


XML2003_TRAVAUX = """<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Total">
  <Table>
   <Row><Cell ss:Index="2"><Data ss:Type="String">Tarif</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Matériel</Data></Cell><Cell><Data ss:Type="Number">1200</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Main d'œuvre</Data></Cell><Cell><Data ss:Type="Number">2288</Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="String">Total</Data></Cell>
    <Cell ss:Formula="=SUM(R[-1]C[-3]:R[1]C[-3])"><Data ss:Type="Number">{total}</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Meubles</Data></Cell><Cell><Data ss:Type="Number">2815</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def _other_format(tmp_path, fmt: str, total: int):
    if fmt == "ods":
        body = ODS_TRAVAUX.format(
            tarif=_ods_text("Tarif"),
            materiel=_ods_text("Matériel"),
            n1200=_ods_number(1200),
            main=_ods_text("Main d'œuvre"),
            n2288=_ods_number(2288),
            total=_ods_text("Total"),
            somme=_ods_number(total, "of:=SUM([.B2:.B4])"),
            meubles=_ods_text("Meubles"),
            n2815=_ods_number(2815),
        )
        return ods(tmp_path / "budget.ods", body)
    path = tmp_path / "budget.xml"
    path.write_text(XML2003_TRAVAUX.format(total=total), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["ods", "xml2003"])
def test_a_total_beside_the_lines_is_read_in_every_format(tmp_path, fmt):
    [sheet] = read_workbook(_other_format(tmp_path, fmt, 6303)).sheets
    assert (sheet.sums, sheet.column_sums) == ({}, {(2, 4): (1, 1, 3)})
    report = check_path(_other_format(tmp_path, fmt, 6303))
    assert [(t.sheet, t.range, t.kind, t.total_rows) for t in report.tables] == [
        ("Total", "A1:E4", "plan", ((3, BESIDE),))
    ]
    assert _shown(report) == []
    assert _shown(check_path(_other_format(tmp_path, fmt, 6300))) == [
        (
            "T001",
            "Total",
            "E3",
            ("B2", "B3", "B4", "E3"),
            "Total : le total de la colonne « Tarif » est 6 300,00 € ; la somme des 3 lignes du bloc "
            "donne 6 303,00 € (écart −3,00 €).",
        )
    ]


def test_an_xls_saved_by_libreoffice_gives_the_findings_of_the_xlsx(tmp_path):
    # Correct totals: whether LibreOffice recomputes them on load is then no matter.
    source = _travaux(tmp_path)
    xls = par_libreoffice(source, "xls", tmp_path)
    if xls is None:
        pytest.skip("LibreOffice absent : .ci/run l'installe (paquet libreoffice-calc-nogui)")
    [sheet] = read_workbook(xls).sheets
    assert sheet.column_sums == {(2, 4): (1, 1, 4), (8, 4): (1, 7, 9)}
    original, converted = check_path(source), check_path(xls)
    assert [(t.sheet, t.range, t.kind) for t in converted.tables] == [("Total", "A1:E10", "plan")]
    assert _shown(converted) == _shown(original) == []


def test_a_whole_column_total_that_adds_numbers_beyond_the_table_is_not_checked(tmp_path):
    # H1 = 730 is the table's 230 and the 500 of E12: right, but not the table's total.
    report = check_path(_materiaux(tmp_path, 730, below=500))
    [table] = report.tables
    assert (table.range, table.total_rows) == ("A1:H6", ((1, BESIDE),))
    assert table.notes == (
        "le total à côté des lignes H1 additionne aussi des nombres hors des lignes de détail "
        "du tableau : non vérifié",
    )
    assert _shown(report) == []


CHARGES = """
Nature de la dépense | Montant |  |                 |
Salaires             | 1000    |  | Total personnel | =SUM(B2:B3)
Charges sociales     | 500     |  |                 |
Loyer                | 900     |  | Total structure | =SUM(B4:B5)
Électricité          | 600     |  |                 |
Assurance            | 300     |  |                 |
"""


def _charges(tmp_path, structure):
    chemin = construire(tmp_path / "charges.xlsx", {"Charges": CHARGES})
    return avec_valeurs_en_cache(chemin, {"Charges": {"E2": 1500, "E4": structure}})


def test_totals_beside_one_block_over_other_rows_share_it(tmp_path):
    # Assurance (B6), under no formula, goes with the total whose rows end above it.
    report = check_path(_charges(tmp_path, 1800))
    assert [(t.range, t.total_rows) for t in report.tables] == [("A1:E6", ((2, BESIDE), (4, BESIDE)))]
    assert _shown(report) == []


def test_a_line_no_total_beside_it_covers_is_the_nearest_one_above_it(tmp_path):
    # `=SUM(B4:B5)` computed 1 500: the Assurance line is forgotten by Total structure
    # only, Total personnel is right.
    assert _shown(check_path(_charges(tmp_path, 1500))) == [
        (
            "T001",
            "Charges",
            "E4",
            ("B4", "B5", "B6", "E4"),
            "Total structure : le total de la colonne « Montant » est 1 500,00 € ; la somme des 3 "
            "lignes du bloc donne 1 800,00 € (écart −300,00 €).",
        )
    ]


def test_a_total_beside_another_block_does_not_take_a_line_of_this_one(tmp_path):
    # `=SUM(B9:B10)` leaves out Matériel (B8): the Total of the block above, whose rows
    # end above B8, is beside another block and does not take it.
    report = check_path(_travaux(tmp_path, e9=376, formule_e9="=SUM(B9:B10)"))
    assert [(f.code, f.cell, f.cells) for f in report.findings] == [("T001", "E9", ("B8", "B9", "B10", "E9"))]


def test_a_line_under_the_total_general_only_is_no_partial_total_s(tmp_path):
    # Imprévus (B6) is in no partial total: the Total général over them all has it.
    sheet = """
Nature de la dépense | Montant |  |                      |
Salaires             | 1000    |  |                      |
Charges              | 400     |  | Total personnel      | =SUM(B2:B3)
Loyer                | 300     |  |                      |
Fournitures          | 100     |  | Total fonctionnement | =SUM(B4:B5)
Imprévus             | 50      |  | Total général        | =SUM(B2:B6)
"""
    chemin = construire(tmp_path / "general.xlsx", {"Charges": sheet})
    report = check_path(avec_valeurs_en_cache(chemin, {"Charges": {"E3": 1400, "E5": 400, "E6": 1850}}))
    assert [len(t.total_rows) for t in report.tables] == [3]
    assert _shown(report) == []
