"""Real public workbooks (`../shared/real-workbooks/`, with a README saying what a person
sees in each): the tables Pointage recognises, no false erreur, at most one
avertissement per table except the real problems the README lists, and perturbation
tests: a slip made in a real table is found where it was made.

The `.xls`/`.ods` files are read through their LibreOffice `.xlsx` copies in
`converted/` (Pointage reads `.xlsx`/`.xlsm`). README kinds: `budget` is Pointage's
`execution` (a budget-execution table); a `repartition` without any total row is a
`liste`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pointage.analysis.context import CheckContext
from pointage.base.addresses import a1
from pointage.engine.check import check_path, check_snapshot
from pointage.reading.workbook import read_workbook
from pointage.report.findings import Severity
from pointage.tables.table import DETAIL, TOTAL

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")

# The Montpellier 2013 grants: one thematic sub-table per header row (the README's one
# table A1:D1020 with these header rows), each closed by its total.
ATTRIB_HEADERS = (2, 17, 71, 114, 120, 226, 238, 254, 266, 279, 285, 299, 312, 316, 334, 375, 379)
ATTRIB_HEADERS += (390, 590, 646, 674, 690, 705, 780, 821, 855, 995, 1008)
ATTRIB = "VilleMTP_MTP_AttribSub_2013"

# file -> the tables recognised (sheet, range, kind), exactly.
TABLES = {
    "Damien-Collot__Repart__Plan de financement.xlsx": [
        ("Feuil1", "A4:E12", "plan"),
        ("Feuil1", "I4:L10", "plan"),
    ],
    # Totals beside the lines (Total, Matériaux's H1), a list without header (Meubles).
    "ThomasGille__ProjetTravaux__Budget.xlsx": [
        ("Total", "A1:E10", "plan"),
        ("Matériaux", "A1:H90", "plan"),
        ("Meubles", "A1:C15", "plan"),
    ],
    "betagouv__SCDL-Subvention-DataSubvention__DEP_Aube_Donnees_essentielles_conventions_subvention.xlsx": [
        ("Feuil1", "A1:N9", "liste")
    ],
    "betagouv__SCDL-Subvention-DataSubvention__DEP_Vendée_Publication_données_Open_data_Subventions_Conventions.xlsx": [
        ("Rapport 1", "A1:N5", "liste")
    ],
    # A small pivot table (a count of SIRET per attribuant, its Total Résultat row).
    "betagouv__api-subventions-asso__SCDL_WITH_EXERCICE_ALT.xlsx": [
        ("Feuil1", "A3:B5", "plan"),
        ("Sheet1", "A1:R4", "liste"),
    ],
    "betagouv__api-subventions-asso__chorus-export.xlsx": [("Feuille 1", "A1:O5", "liste")],
    "eple-suite__comptaeple__balance.xlsx": [
        ("Balance", "B6:I135", "execution"),
        ("Donnees", "A1:AK117", "execution"),
    ],
    "eple-suite__comptaeple__sde-1.xlsx": [
        ("ECBU", "B4:H298", "execution"),
        ("Donnees", "A1:DC187", "liste"),
    ],
    "eple-suite__comptaeple__sdr-1.xlsx": [("ECBU", "B4:H89", "execution"), ("Donnees", "A1:DC34", "liste")],
    "etalab__hackathon_associations__data.gouv-cd53-21-12-2018.xlsx": [("Feuil1", "A1:O176", "liste")],
    "etalab__hackathon_associations__subventions_associations_2017-converti.xlsx": [
        ("Table 1", "A1:I1663", "liste")  # its title row `Année : 2017` above the header
    ],
    "converted/jimmy1708__Opendata__VilleMTP_MTP_Achats_2013.xlsx": [
        ("VilleMTP_MTP_Achats_2013", "A1:L103", "liste")
    ],
    "converted/jimmy1708__Opendata__VilleMTP_MTP_BudgetAnt.xlsx": [
        ("VilleMTP_MTP_BudgetAnt", "A1:J9999", "liste")
    ],
    "converted/jimmy1708__Opendata__VilleMTP_MTP_BudgetPri_2013.xlsx": [
        ("VilleMTP_MTP_BudgetPri_2013", "A1:G1512", "liste")
    ],
    "converted/jimmy1708__Opendata__VilleMTP_MTP_MarchesConclus_2013.xlsx": [
        ("marchés conclus en 2013", "A5:Y623", "liste")
    ],
    "converted/juniorsky-git__Projet-Tarification-Mairie__Detail_des_ecritures_engagements_reservations_factures_grdResultat (7).xlsx": [
        ("Feuil1", "A1:BQ72", "repartition")
    ],
    "juniorsky-git__Projet-Tarification-Mairie__Classeur pour la tarification.xlsx": [
        ("Feuil1", "A1:P8617", "repartition")
    ],
    "juniorsky-git__Projet-Tarification-Mairie__Synthese_ELEC_Detaillee_2025.xlsx": [
        ("ELEC Détail", "A1:I820", "liste")
    ],
    # One table of 28 sub-tables (read one by one), its title row 1 included.
    "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2013.xlsx": [
        (ATTRIB, "A1:D1020", "repartition"),
        ("total", "A1:D939", "repartition"),
    ],
}

# Workbooks without any annex table (a physics simulation, a directory, foreign
# statements…): not recognised, exit 2, and the message lists the header rows seen.
NOT_ANNEXES = [
    "Adrastor__Projet-Ecole__JoeyGervais_ProjetExcel.xlsm",
    "converted/etalab__hackathon_associations__NOM_2018_Mission_Programmes_Ministeres.xlsx",
    "converted/jimmy1708__Opendata__VilleMTP_MTP_Delibs.xlsx",
    "converted/jimmy1708__Opendata__VilleMTP_MTP_ListeAssoc_2011.xlsx",
    "juniorsky-git__Projet-Tarification-Mairie__Grille-tarifaire-2024-(1).xlsx",
    "openspending__fiscal-data-package-demos__Gasto Federalizado_Avance Financiero_Puebla_Q1_2016.xlsx",
]

# The real problems the README lists, and the repeated rows it describes (each found
# once per table): file -> [(code, sheet, cell, cells)].
KNOWN = {
    "etalab__hackathon_associations__data.gouv-cd53-21-12-2018.xlsx": [
        (
            "F008",
            "Feuil1",
            "E128",
            [
                f"E{r}"
                for pair in zip(range(95, 110), range(128, 143))
                if pair[1] not in (131, 141)
                for r in pair
            ],
        )
    ],
}


def _report(name: str):
    return check_path(REAL / name)


def _real_files() -> list[str]:
    found = sorted(str(p.relative_to(REAL)) for p in REAL.rglob("*") if p.suffix in (".xlsx", ".xlsm"))
    return found


def test_the_workbooks_pinned_here_are_real_workbooks():
    # Every workbook of the folder is tested against its truth in
    # test_classeurs_reels_verite.py; these are pinned in more detail.
    assert set(TABLES) | set(NOT_ANNEXES) <= set(_real_files())


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_tables_read(name):
    report = _report(name)
    found = [(t.sheet, t.range, t.kind) for t in report.tables if t.kind not in ("bareme", "parametres")]
    assert found == TABLES[name]
    if name.endswith("AttribSub_2013.xlsx"):
        [subtables] = [t for t in report.tables if t.sheet == ATTRIB]
        assert (subtables.header_rows, subtables.subtables) == (ATTRIB_HEADERS, 28)
        assert len(subtables.total_rows) == 27  # the partenaires block has none


@pytest.mark.parametrize("name", sorted(TABLES))
def test_no_erreur_and_at_most_one_avertissement_per_table(name):
    report = _report(name)
    assert [f.message for f in report.findings if f.severity == Severity.ERREUR] == []
    known = {(code, sheet, cell) for code, sheet, cell, _ in KNOWN.get(name, [])}
    per_table: dict[tuple[str, str], list[str]] = {}
    for f in report.findings:
        if f.severity == Severity.AVERTISSEMENT and (f.code, f.sheet, f.cell) not in known:
            [table] = [t for t in report.tables if t.sheet == f.sheet and _inside(f.cell, t.range)]
            per_table.setdefault((table.sheet, table.range), []).append(f"{f.code} {f.cell}")
    assert {table: said for table, said in per_table.items() if len(said) > 1} == {}


def _inside(cell: str, cells: str) -> bool:
    first, last = (_row_col(c) for c in cells.split(":"))
    row, col = _row_col(cell)
    return first[0] <= row <= last[0] and first[1] <= col <= last[1]


def _row_col(cell: str) -> tuple[int, int]:
    letters = cell.rstrip("0123456789")
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(cell[len(letters) :]), col


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_the_real_problems_are_found(name):
    findings = {(f.code, f.sheet, f.cell): list(f.cells) for f in _report(name).findings}
    for code, sheet, cell, cells in KNOWN[name]:
        assert findings.get((code, sheet, cell)) == cells


def test_the_mayenne_duplicates_say_which_rows_repeat_which():
    [finding] = [f for f in _report(sorted(KNOWN)[0]).findings if f.code == "F008"]
    assert finding.message.startswith(
        "13 lignes identiques, cellule pour cellule, à une ligne précédente (ligne 128 = ligne 95, "
    )


@pytest.mark.parametrize("name", NOT_ANNEXES)
def test_a_workbook_without_annex_table_is_not_recognised_and_says_what_it_read(name):
    # Read, not « illisible »: its own status and words (E002, info).
    report = _report(name)
    assert (report.unreadable, report.nothing_recognised, report.status) == (False, True, "aucun_tableau")
    assert [(f.code, f.severity) for f in report.findings] == [("E002", Severity.INFO)]
    assert report.findings[0].message.startswith("Aucun tableau reconnu, rien n'a été vérifié : ")
    assert (
        "lignes d'en-têtes lues, non reconnues" in report.reason
        or "aucune ligne d'en-têtes lue" in report.reason
    )


# --- perturbations: a slip made in a real table is found where it was made ---------


def _tables(name: str):
    snapshot = read_workbook(REAL / name)
    return snapshot, CheckContext.from_snapshot(snapshot).tables


def _set(sheet, row: int, col: int, value) -> None:
    sheet.values[row - sheet.origin_row][col - sheet.origin_col] = value


def _total_cases():
    for name in sorted(TABLES):
        _, tables = _tables(name)
        for position, table in enumerate(tables):
            if (
                table.kind.has_totals
                and table.kind.name != "execution"
                and any(r.kind == TOTAL for r in table.rows)
            ):
                yield pytest.param(name, position, id=f"{name[:40]}-{table.sheet_name}!{table.range}")


@pytest.mark.parametrize(("name", "position"), list(_total_cases()) if REAL.is_dir() else [])
def test_a_changed_detail_amount_is_found_at_its_total(name, position):
    snapshot, tables = _tables(name)
    table = tables[position]
    col = table.roles["amount"]
    detail = None
    for row in table.rows:
        value = table.sheet.value(row.index, col)
        if row.kind == DETAIL and isinstance(value, (int, float)) and detail is None:
            detail = (row.index, value)
        elif row.kind == TOTAL and isinstance(value, (int, float)) and detail is not None:
            total = row.index
            break
    else:
        pytest.fail("no detail amount above a filled total")
    _set(table.sheet, detail[0], col, detail[1] + 1000)
    findings = check_snapshot(snapshot).findings
    assert ("T001", table.sheet_name, a1(total, col)) in {(f.code, f.sheet, f.cell) for f in findings}


def _side_total_cases():
    for name in sorted(TABLES):
        _, tables = _tables(name)
        for position, table in enumerate(tables):
            for number, side in enumerate(table.side_totals):
                yield pytest.param(
                    name, position, number, id=f"{name[:30]}-{table.sheet_name}!{side.row + 1}"
                )


@pytest.mark.parametrize(("name", "position", "number"), list(_side_total_cases()) if REAL.is_dir() else [])
def test_a_changed_line_is_found_at_the_total_beside_its_block(name, position, number):
    snapshot, tables = _tables(name)
    table = tables[position]
    side = table.side_totals[number]
    line = next(
        r.index
        for r in table.rows
        if r.kind == DETAIL
        and side.first <= r.index <= side.last
        and isinstance(table.sheet.value(r.index, side.summed_col), (int, float))
    )
    _set(table.sheet, line, side.summed_col, table.sheet.value(line, side.summed_col) + 1000)
    found = {(f.code, f.sheet, f.cell): f.cells for f in check_snapshot(snapshot).findings}
    assert a1(line, side.summed_col) in found[("T001", table.sheet_name, a1(side.row, side.col))]


def test_the_real_totals_beside_the_lines_are_these():
    found = [
        (c.values[0][:11], tables_row) for c in _side_total_cases() for tables_row in [c.id.split("!")[-1]]
    ]
    assert found == [("ThomasGille", "3"), ("ThomasGille", "9"), ("ThomasGille", "1")]
    thomas = _report("ThomasGille__ProjetTravaux__Budget.xlsx")
    beside, formula = "formule SOMME à côté des lignes", "formule SOMME des lignes au-dessus"
    assert [(t.sheet, t.header_rows, t.total_rows) for t in thomas.tables] == [
        ("Total", (1,), ((3, beside), (9, beside))),
        ("Matériaux", (1,), ((1, beside),)),
        ("Meubles", (), ((15, formula),)),
    ]


def _identity_cases():
    for name in sorted(TABLES):
        snapshot = read_workbook(REAL / name)
        ctx = CheckContext.from_snapshot(snapshot)
        for position, table in enumerate(ctx.tables):
            if any(t is table for t in ctx.identity_tables):
                for number, identity in enumerate(ctx.identities_of(table).identities):
                    yield pytest.param(
                        name, position, number, id=f"{name[:30]}-{table.range}-{identity.text[:30]}"
                    )


@pytest.mark.parametrize(("name", "position", "number"), list(_identity_cases()) if REAL.is_dir() else [])
def test_a_changed_result_of_an_identity_is_found_at_that_cell(name, position, number):
    snapshot = read_workbook(REAL / name)
    ctx = CheckContext.from_snapshot(snapshot)
    table = ctx.tables[position]
    identity = ctx.identities_of(table).identities[number]
    terms = [c for _, c in identity.terms]
    row = next(
        r.index
        for r in table.rows
        if r.kind == DETAIL
        and all(isinstance(table.sheet.value(r.index, c), (int, float)) for c in [identity.result, *terms])
    )
    _set(table.sheet, row, identity.result, table.sheet.value(row, identity.result) + 1000)
    code = "I001" if identity.named else "I002"
    findings = check_snapshot(snapshot).findings
    assert (code, table.sheet_name, a1(row, identity.result)) in {(f.code, f.sheet, f.cell) for f in findings}


def test_total_rows_say_how_they_were_recognised():
    damien = _report("Damien-Collot__Repart__Plan de financement.xlsx")
    assert [t.total_rows for t in damien.tables] == [
        ((10, "formule SOMME des lignes au-dessus"),),
        ((10, "formule SOMME des lignes au-dessus"),),
    ]
    montpellier = _report("converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2013.xlsx")
    hows = {how for t in montpellier.tables for _, how in t.total_rows}
    assert hows == {"libellé", "formule SOMME des lignes au-dessus"}
    [total_sheet] = [t for t in montpellier.tables if t.sheet == "total"]
    assert total_sheet.total_rows == ((939, "formule SOMME des lignes au-dessus"),)


def _outline_cases():
    for name in sorted(TABLES):
        snapshot = read_workbook(REAL / name)
        ctx = CheckContext.from_snapshot(snapshot)
        for position, table in enumerate(ctx.tables):
            if table.kind.name == "execution":
                outline = ctx.totals_of(table).outline
                if outline is not None and outline.parents:
                    yield pytest.param(name, position, id=f"{name[:40]}-{table.sheet_name}!{table.range}")


@pytest.mark.parametrize(("name", "position"), list(_outline_cases()) if REAL.is_dir() else [])
def test_a_changed_line_of_an_outline_is_found_at_the_subtotal_above_it(name, position):
    # Op@le's outlines put each subtotal above its lines, the accounts one column right.
    snapshot = read_workbook(REAL / name)
    ctx = CheckContext.from_snapshot(snapshot)
    table = ctx.tables[position]
    col = next(table.roles[r] for r in table.money_roles if table.meanings[table.roles[r]] != "balance")
    leftmost = table.first_col
    leaf = next(
        r.index
        for r in table.rows
        if r.kind == DETAIL
        and isinstance(table.sheet.value(r.index, col), (int, float))
        and not isinstance(table.sheet.value(r.index, leftmost), str)
    )
    _set(table.sheet, leaf, col, table.sheet.value(leaf, col) + 1000)
    found = [f for f in check_snapshot(snapshot).findings if f.code == "T001" and f.sheet == table.sheet_name]
    [finding] = found  # the deepest subtotal only: those above it are wrong by the same slip
    row, column = finding.cell.rstrip("0123456789"), int(finding.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert row == a1(leaf, col).rstrip("0123456789") and column - 1 < leaf
    assert a1(leaf, col) in finding.cells


def test_the_op_ale_outlines_are_read_as_outlines():
    found = [c.values[0] for c in _outline_cases()]
    assert found == [
        "eple-suite__comptaeple__balance.xlsx",
        "eple-suite__comptaeple__sde-1.xlsx",
        "eple-suite__comptaeple__sdr-1.xlsx",
    ]


# The .xls and .ods files of the family, each beside the .xlsx that LibreOffice made of it.
ORIGINALS = (
    sorted(
        str(p.relative_to(REAL))
        for p in REAL.glob("*")
        if p.suffix in (".xls", ".ods") and (REAL / "converted" / f"{p.stem}.xlsx").exists()
    )
    if REAL.is_dir()
    else []
)


@pytest.mark.parametrize("name", ORIGINALS)
def test_an_xls_or_ods_gives_the_findings_of_its_xlsx_conversion(name):
    original, converted = check_path(REAL / name), check_path(REAL / "converted" / f"{Path(name).stem}.xlsx")
    assert original.unreadable == converted.unreadable
    if original.unreadable:
        return
    # Each format says all a .xlsx says: the .ods its content.xml, the .xls its BIFF
    # records, the Excel 2003 XML its own elements.
    shown = [(f.code, f.sheet, f.cell, f.cells, f.message) for f in original.findings]
    assert shown == [(f.code, f.sheet, f.cell, f.cells, f.message) for f in converted.findings]
    assert [(t.sheet, t.range, t.kind) for t in original.tables] == [
        (t.sheet, t.range, t.kind) for t in converted.tables
    ]


# Formulas with cached values (a copy that lost them would give F003 on each), and a
# workbook written without <calcPr> (Vendée).
ROUND_TRIP = [
    "Damien-Collot__Repart__Plan de financement.xlsx",
    "ThomasGille__ProjetTravaux__Budget.xlsx",
    "betagouv__SCDL-Subvention-DataSubvention__DEP_Vendée_Publication_données_Open_data_Subventions_Conventions.xlsx",
    "converted/jimmy1708__Opendata__VilleMTP_MTP_AttribSub_2013.xlsx",
    "converted/jimmy1708__Opendata__VilleMTP_MTP_MarchesConclus_2013.xlsx",
]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_checking_the_annotated_copy_gives_the_findings_of_the_original(name, tmp_path):
    from pointage.commands.verifier import annotate

    source = Path(shutil.copy(REAL / name, tmp_path / Path(name).name))
    report = check_path(source)
    ok, lines = annotate(source, report, tmp_path / "copie.xlsx", force=False)
    assert ok, lines
    shown = [(f.code, f.sheet, f.cell, f.cells, f.message) for f in report.findings]
    assert [
        (f.code, f.sheet, f.cell, f.cells, f.message) for f in check_path(tmp_path / "copie.xlsx").findings
    ] == shown


def test_every_subtotal_of_the_op_ale_outlines_is_checked():
    # The README's counts of total rows: CGRs without accounts under them (sde-1's
    # `ALO OP-SPE 0AMOR`) are lines of their parents, and every level adds up.
    found = {}
    for name in ("balance", "sde-1", "sdr-1"):
        [table] = [t for t in _report(f"eple-suite__comptaeple__{name}.xlsx").tables if t.sheet != "Donnees"]
        found[name] = table.notes
    outline = "sous-totaux au-dessus de leurs lignes (plan hiérarchique), vérifiés sur les lignes de plus bas niveau"
    assert found == {
        "balance": (f"13 {outline}",),
        "sde-1": (f"109 {outline}",),
        "sdr-1": (f"52 {outline}",),
    }


def test_a_changed_budget_of_a_cgr_without_accounts_is_found_on_its_row():
    # Its parent no longer adds up exactly: the row is not taken as a line, its
    # parents stay not understood (never wrong), and the row's own identity speaks.
    snapshot, tables = _tables("eple-suite__comptaeple__sde-1.xlsx")
    [table] = [t for t in tables if t.sheet_name == "ECBU"]
    assert table.sheet.value(192, 1).startswith("ALO       OP-SPE    0AMOR")  # row 193
    _set(table.sheet, 192, 3, table.sheet.value(192, 3) + 1000)  # its Budget, D193
    report = check_snapshot(snapshot)
    assert [(f.code, f.cell, f.cells) for f in report.findings] == [
        ("I001", "H193", ("D193", "E193", "H193"))
    ]
    assert report.tables[0].notes == (
        "104 sous-totaux au-dessus de leurs lignes (plan hiérarchique), vérifiés sur les lignes de plus bas niveau",
    )
