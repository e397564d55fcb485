"""Tables made by their structure, whatever their headers say (issue 24, principle 5):
pivot tables (`tables/pivots.py`, `analysis/pivot_totals.py`) and Excel Tables whose
totals row and calculated columns say what they hold (`tables/excel_tables.py`).

Each mechanism is tried on a workbook built here and on a real one (skipped when
`../shared/real-workbooks` is absent)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table, TableFormula

from classeurs import Feuille, avec_valeurs_en_cache, construire
from pointage.analysis.pivot_totals import NOT_UNDERSTOOD
from pointage.engine.check import check_path

PIVOT = "tableau croisé dynamique"
EXCEL_TOTAL = "ligne de total du tableau Excel"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real-workbooks"

# A compact pivot: service > fournisseur > facture, subtotals ABOVE their lines, a
# grand-total row and a grand-total column (the layout Excel gives by default).
COMPACT = """
 " "          | Antenne |     |
Service       | Nord    | Sud | Total général
2-RE          | 100     | 50  | 150
Fournisseur A | 100     |     | 100
FAC 1         | 60      |     | 60
FAC 2         | 40      |     | 40
Fournisseur B |         | 50  | 50
FAC 3         |         | 50  | 50
6-MP          | 30      |     | 30
FAC 4         | 30      |     | 30
Total général | 130     | 50  | 180
"""
# Depth of each row's item, from row 5 (the definition's `r` attribute).
DEPTHS = (0, 1, 2, 2, 1, 2, 0, 1)


def _shown(report):
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]


def _with_pivot(path: Path, sheet_part: str, definition: str) -> Path:
    """The workbook with a pivot table definition bound to one of its sheets (the parts
    Pointage reads: the sheet's relationship and the definition; no cache)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    folder, name = sheet_part.rsplit("/", 1)
    rels = f"{folder}/_rels/{name}.rels"
    relation = (
        '<Relationship Id="rIdPivot" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/pivotTable" Target="../pivotTables/pivotTable1.xml"/>'
    )
    if rels in parts:
        parts[rels] = parts[rels].replace(b"</Relationships>", relation.encode() + b"</Relationships>")
    else:
        parts[rels] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relation}</Relationships>'
        ).encode()
    parts["xl/pivotTables/pivotTable1.xml"] = definition.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return path


def _compact_definition(depths=DEPTHS) -> str:
    rows = "".join(f'<i r="{d}"><x v="0"/></i>' if d else '<i><x v="0"/></i>' for d in depths)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'name="TCD" cacheId="1" outline="1" outlineData="1">'
        '<location ref="A3:D13" firstHeaderRow="1" firstDataRow="2" firstDataCol="1"/>'
        f'<rowFields count="3"><field x="0"/><field x="1"/><field x="2"/></rowFields>'
        f'<rowItems count="{len(depths) + 1}">{rows}<i t="grand"><x/></i></rowItems>'
        '<colFields count="1"><field x="3"/></colFields>'
        '<colItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></colItems>'
        '<dataFields count="1"><dataField name="Somme de Montant" fld="4"/></dataFields>'
        "</pivotTableDefinition>"
    )


def _compact(tmp_path, **changes) -> Path:
    text = COMPACT
    for old, new in changes.items():
        text = text.replace(old, new)
    path = construire(tmp_path / "tcd.xlsx", {"TCD": Feuille(text, a="A3")})
    return _with_pivot(path, "xl/worksheets/sheet1.xml", _compact_definition())


def test_a_compact_pivot_is_a_table_by_its_definition(tmp_path):
    report = check_path(_compact(tmp_path))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind) == ("TCD", "A3:D13", "plan")
    assert table.total_rows == ((5, PIVOT), (6, PIVOT), (9, PIVOT), (11, PIVOT), (13, PIVOT))
    assert _shown(report) == []


def test_a_slip_in_a_line_of_a_pivot_is_said_at_its_parent_and_on_its_row(tmp_path):
    # FAC 1 retyped 66: Fournisseur A (and 2-RE, the grand total above it) no longer
    # add up; only the deepest speaks. Its row breaks the grand-total column.
    report = check_path(_compact(tmp_path, **{"FAC 1         | 60      |     | 60": "FAC 1 | 66 | | 60"}))
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "TCD",
            "B6",
            ("B7", "B8", "B6"),
            "Fournisseur A : le total de la colonne « Nord » est 100,00 € ; la somme des 2 lignes "
            "du bloc donne 106,00 € (écart −6,00 €).",
        ),
        (
            "I001",
            "erreur",
            "TCD",
            "D7",
            ("B7", "C7", "D7"),
            "FAC 1 : Total général = Nord + Sud ne tient pas : « Total général » vaut 60,00 €, le "
            "calcul donne 66,00 € (écart −6,00 €).",
        ),
    ]


def test_a_wrong_grand_total_of_a_pivot_is_said_once(tmp_path):
    report = check_path(
        _compact(tmp_path, **{"Total général | 130     | 50  | 180": "Total général | 130 | 50 | 18"})
    )
    assert _shown(report) == [
        (
            "T002",
            "erreur",
            "TCD",
            "D13",
            ("D5", "D11", "D13"),
            "Total général : le total général de la colonne « Total général » est 18,00 € ; la "
            "somme des 2 totaux de bloc donne 180,00 € (écart −162,00 €).",
        ),
    ]


# A tabular pivot as LibreOffice or an old Excel writes it, read from its values only:
# the caption `Somme de …`, the subtotals labelled `Total …` under their lines.
TABULAR = """
Somme de BP |     |
I_F         | D_R | Total
F           | D   | 300
            | R   | 200
Total F     |     | 500
I           | D   | 40
            | R   | 60
Total I     |     | 100
Total général |   | 600
"""


def test_a_pivot_read_from_its_values_is_checked_by_its_labelled_totals(tmp_path):
    path = construire(tmp_path / "bp.xlsx", {"Feuil1": Feuille(TABULAR, a="A3")})
    report = check_path(path)
    [table] = report.tables
    assert (table.range, table.header_rows, table.total_rows) == (
        "A3:C11",
        (3, 4),
        ((7, "libellé"), (10, "libellé"), (11, "libellé")),
    )
    assert _shown(report) == []
    wrong = construire(tmp_path / "bp2.xlsx", {"Feuil1": Feuille(TABULAR.replace("| 600", "| 610"), a="A3")})
    assert [(f.code, f.cell) for f in check_path(wrong).findings] == [("T002", "C11")]


def test_unlabelled_subtotals_read_from_values_only_are_not_checked(tmp_path):
    # The compact pivot without its definition: its subtotals look like lines, and the
    # lines add up to three times the grand total: misread, said, never an erreur.
    path = construire(tmp_path / "tcd.xlsx", {"TCD": Feuille(COMPACT, a="A3")})
    report = check_path(path)
    [table] = report.tables
    assert table.range == "A3:D13"
    assert any("structure non comprise" in note for note in table.notes)
    assert _shown(report) == []


def _budget(tmp_path, e5=-12, e7=-64) -> Path:
    """The personal-budget template's Excel Table: header `0 | Projeté | Réel |
    Différence`, Différence computed on each row, a totals row summing it."""
    lines = [("Loyer", 1000, 1000), ("Téléphone", 54, 100), ("Électricité", 44, 56), ("Gaz", 22, 28)]
    formula = "Logement[[#This Row],[Projeté\nCoût]]-Logement[[#This Row],[Réelles \nCoût]]"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Budget"
    ws.append(["Logement"])
    ws.append(["0", "Projeté\nCoût", "Réelles \nCoût", "Différence"])
    for label, planned, real in lines:
        ws.append([label, planned, real, "=" + formula])
    ws.append(["Sous-total", None, None, "=SUBTOTAL(109,Logement[Différence])"])
    table = Table(displayName="Logement", ref="A2:D7", totalsRowCount=1)
    table._initialise_columns()
    columns = table.tableColumns
    columns[0].totalsRowLabel = "Sous-total"
    columns[1].name, columns[2].name = "Projeté\nCoût", "Réelles \nCoût"
    columns[3].totalsRowFunction = "sum"
    columns[3].calculatedColumnFormula = TableFormula(attr_text=formula)
    ws.add_table(table)
    path = tmp_path / "budget.xlsx"
    book.save(path)
    return avec_valeurs_en_cache(path, {"Budget": {"D3": 0, "D4": -46, "D5": e5, "D6": -6, "D7": e7}})


def test_an_excel_table_of_unknown_headers_is_read_by_its_totals_row(tmp_path):
    report = check_path(_budget(tmp_path))
    [table] = report.tables
    assert (table.sheet, table.range, table.kind, table.total_rows) == (
        "Budget",
        "A1:D7",
        "plan",
        ((7, EXCEL_TOTAL),),
    )
    assert table.identities == ("Différence = Projeté Coût − Réelles Coût",)
    assert _shown(report) == []


def test_a_wrong_total_of_an_excel_table_is_found(tmp_path):
    report = check_path(_budget(tmp_path, e7=-60))
    assert _shown(report) == [
        (
            "T001",
            "erreur",
            "Budget",
            "D7",
            ("D3", "D4", "D5", "D6", "D7"),
            "Sous-total : le total de la colonne « Différence » est -60,00 € ; la somme des 4 "
            "lignes du bloc donne -64,00 € (écart +4,00 €).",
        )
    ]


def test_a_retyped_difference_of_an_excel_table_breaks_its_calculated_column(tmp_path):
    report = check_path(_budget(tmp_path, e5=-21, e7=-64))
    assert [(f.code, f.cell, f.message) for f in report.findings] == [
        (
            "I001",
            "D5",
            "Électricité : Différence = Projeté Coût − Réelles Coût ne tient pas : « Différence » "
            "vaut -21,00 €, le calcul donne -12,00 € (écart −9,00 €).",
        ),
        (
            "T001",
            "D7",
            "Sous-total : le total de la colonne « Différence » est -64,00 € ; la somme des 4 "
            "lignes du bloc donne -73,00 € (écart +9,00 €).",
        ),
    ]


needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")


def _on(report, sheet):
    return [(f.code, f.cell) for f in report.findings if f.sheet == sheet]


@needs_real
@pytest.mark.parametrize(
    ("original", "sheet", "range_", "mutant", "expected"),
    [
        # A tabular pivot read from its values (LibreOffice kept no row items).
        (
            "converted/jimmy1708__Opendata__VilleMTP_MTP_BudgetPri_2014.xlsx",
            "Feuil1",
            "A3:C11",
            "bp2014_grand_total",
            [("T002", "C11")],
        ),
        # Compact pivots read from their definitions.
        (
            "juniorsky-git__Projet-Tarification-Mairie__CALC DEP(4).xlsx",
            "DEP ALIM TCD",
            "A5:E86",
            "calc_pivot_line",
            [("T001", "C16")],
        ),
        (
            "juniorsky-git__Projet-Tarification-Mairie__CALC DEP(4).xlsx",
            "Depenses,service,RE",
            "A3:D14",
            "calc_pivot_grand",
            [("T002", "D14")],
        ),
        # The personal-budget template's Excel Table.
        (
            "Adrastor__Projet-Ecole__Budget.xlsx",
            "Budget mensuel personnel",
            "B15:E26",
            "adr_soustotal",
            [("T001", "E26")],
        ),
    ],
)
def test_real_structural_tables(original, sheet, range_, mutant, expected):
    report = check_path(REAL / original)
    assert range_ in [t.range for t in report.tables if t.sheet == sheet]
    assert _on(report, sheet) == []
    assert _on(check_path(REAL / "mutants" / f"{mutant}.xlsx"), sheet) == expected


def test_an_excel_table_of_a_header_row_alone_leaves_the_rows_under_it_to_their_header(tmp_path):
    # LibreOffice saves an autofilter as an Excel Table of the header row only.
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Détail"
    for row in (
        ["STRUCTURE", "MONTANT RETENU"],
        ["CCAS de Lens", 100],
        ["CCAS d'Arras", 200],
        ["TOTAL", 301],
    ):
        ws.append(row)
    ws.add_table(Table(displayName="Filtre", ref="A1:B1"))
    book.save(tmp_path / "filtre.xlsx")
    report = check_path(tmp_path / "filtre.xlsx")
    assert [t.range for t in report.tables] == ["A1:B4"]
    assert [(f.code, f.cell) for f in report.findings] == [("T001", "B4")]


REVENUS = """
Revenu mensuel prévu  |
Salaire               | 4300
Revenu supplémentaire | 300
Revenu mensuel total  | =SUM(B2:B3)
"""


def test_a_sum_of_the_rows_above_beside_a_label_saying_total_anywhere_is_a_total(tmp_path):
    path = avec_valeurs_en_cache(
        construire(tmp_path / "revenus.xlsx", {"Budget": REVENUS}), {"Budget": {"B4": 4700}}
    )
    report = check_path(path)
    [table] = report.tables
    assert (table.range, table.total_rows) == ("A1:B4", ((4, "formule SOMME des lignes au-dessus"),))
    assert [(f.code, f.cell, f.message) for f in report.findings] == [
        (
            "T001",
            "B4",
            "Revenu mensuel total : le total de la colonne « B » est 4 700,00 € ; la somme des 2 "
            "lignes du bloc donne 4 600,00 € (écart +100,00 €).",
        )
    ]


def _summary(tmp_path, c8) -> Path:
    """Two Excel Tables and, below them, a total of both their `Réel` columns by name."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Budget"
    for row in (
        ["Poste", "Prévu", "Réel", None, "Trajet", "Prévu", "Réel"],
        ["Loyer", 900, 1000, None, "Bus", 40, 45],
    ):
        ws.append(row)
    ws.append(["Gaz", 20, 28, None, "Taxi", 10, 12])
    ws.append(["Eau", 8, 8])
    ws["A7"], ws["C7"] = "Coût réel total", "=SUBTOTAL(109,Logement[Réel],Transport[Réel])"
    ws.add_table(Table(displayName="Logement", ref="A1:C4"))
    ws.add_table(Table(displayName="Transport", ref="E1:G3"))
    book.save(tmp_path / "synthese.xlsx")
    return avec_valeurs_en_cache(tmp_path / "synthese.xlsx", {"Budget": {"C7": c8}})


def test_a_total_of_excel_tables_columns_by_name_is_checked_against_their_lines(tmp_path):
    report = check_path(_summary(tmp_path, 1093))
    assert [(t.range, t.total_rows) for t in report.tables if t.range == "A7:C7"] == [
        ("A7:C7", ((7, "formule qui somme des colonnes de tableaux Excel"),))
    ]
    assert _shown(report) == []
    wrong = check_path(_summary(tmp_path, 1039))
    assert _shown(wrong) == [
        (
            "T001",
            "erreur",
            "Budget",
            "C7",
            ("C2", "C3", "C4", "G2", "G3", "C7"),
            "Coût réel total : le total de la colonne « C » est 1 039,00 € ; la somme des 5 lignes "
            "du bloc donne 1 093,00 € (écart −54,00 €).",
        )
    ]


def test_a_pivot_whose_subtotals_fail_more_than_a_fifth_of_the_time_is_not_understood(tmp_path):
    # Two slips in the Nord column (FAC 1 and FAC 4 retyped): 2 of its 4 subtotals fail,
    # more than a fifth of them: the structure is misread, its totals not accused.
    report = check_path(
        _compact(
            tmp_path,
            **{"FAC 1         | 60      |     | 60": "FAC 1 | 61 | | 61", "FAC 4         | 30": "FAC 4 | 31"},
        )
    )
    [table] = report.tables
    assert [f.code for f in report.findings if f.code.startswith("T")] == []
    assert NOT_UNDERSTOOD in table.notes
