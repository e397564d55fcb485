"""What the report says of each table read: its columns by role, how its total rows
were recognised, the identities checked and what was not checked."""

from __future__ import annotations

from dataclasses import replace

from pointage.analysis.block_totals import TotalsAnalysis
from pointage.analysis.context import CheckContext
from pointage.analysis.exercise import exercise_in
from pointage.analysis.imputations import imputations_in
from pointage.analysis.misreadings import heading_note, heading_rows
from pointage.analysis.references import known_references
from pointage.base.addresses import a1
from pointage.base.text import is_blank
from pointage.report.model import ColumnInfo, TableInfo
from pointage.tables.kinds import LISTE
from pointage.tables.subtables import TITLE_ROWS, chains, top_header_row
from pointage.tables.table import ECHO, TOTAL, TOTAL_BESIDE, Row, Table, is_total_label


def describe_table(table: Table, ctx: CheckContext) -> TableInfo:
    columns = _columns(table)
    totals = _total_rows(table)
    identities: tuple[str, ...] = ()
    notes: list[str] = []
    if table.usable and table.kind.rows_bound_by_identities:
        analysis = ctx.identities_of(table)
        identities = tuple(i.text for i in analysis.identities)
        notes.extend(analysis.dropped)
    if not table.usable:
        missing = ", ".join(table.kind.column_name(m) for m in table.missing)
        notes.append(f"colonnes non reconnues (il manque {missing}) : rien n'y est vérifié")
    totals_read = ctx.totals_if_checked(table)
    notes.extend(_totals_reading_notes(table, totals_read))
    notes.extend(_reading_notes(table, ctx))
    if (
        table.usable
        and table.kind.totals_checked
        and not table.kind.is_imputation
        and totals_read is not None
    ):
        notes.extend(totals_read.notes)
    if table.usable and table.kind.is_imputation and _imputations_without_year(table, ctx):
        notes.append(NO_YEAR_FOR_THE_NOMENCLATURE)
    checked = _anything_recomputed(table, ctx, totals_read, bool(totals or identities))
    if not checked:
        notes.append(NOTHING_RECOMPUTED)
    top = table.top_row if table.headerless else title_top(table)
    return TableInfo(
        table.sheet_name,
        f"{a1(top, table.first_col)}:{a1(table.last_row, table.outer_last_col)}",
        table.kind.name,
        columns,
        totals,
        identities,
        tuple(notes),
        title=f"Tableau {table.kind.title}",
        checked=checked,
        understood=table.usable,
        header_rows=()
        if table.headerless
        else tuple(sorted(r + 1 for r in table.header_rows or [table.header_row])),
    )


NO_YEAR_FOR_THE_NOMENCLATURE = (
    "imputations non lues dans le plan de comptes (N001 à N003) : ni Exercice dans Paramètres, "
    "ni date de séance dans le classeur, ni année dans le nom du fichier"
)
_READ_IN_THE_PLAN = frozenset({"N001", "N002", "N003"})


def _imputations_without_year(table: Table, ctx: CheckContext) -> bool:
    """The table has imputations the N rules would read, but no year says which plan: no
    finding says it (a working extract has no date), its description does."""
    if ctx.rule_codes is not None and not ctx.rule_codes & _READ_IN_THE_PLAN:
        return False
    ours = any(imputation.line.table is table for imputation in ctx.shared(imputations_in))
    return ours and ctx.shared(exercise_in).year is None


def _columns(table: Table) -> tuple[ColumnInfo, ...]:
    """The columns read, left to right: where each is (its header, or its first cell
    without a header), its header and its role."""
    return tuple(
        ColumnInfo(
            a1(table.top_row if table.headerless else table.header_row, col),
            table.headers.get(col, ""),
            "extra" if role.startswith("extra:") else role,
        )
        for role, col in sorted(table.roles.items(), key=lambda item: item[1])
    )


def _total_rows(table: Table) -> tuple[tuple[int, str], ...]:
    """The total rows (1-based), beside the lines too, with how each was recognised."""
    return tuple(
        sorted(
            [(r.index + 1, r.how) for r in _non_details(table) if r.kind == TOTAL]
            + [(side.row + 1, TOTAL_BESIDE) for side in table.side_totals]
        )
    )


def _totals_reading_notes(table: Table, totals: TotalsAnalysis | None) -> list[str]:
    """How an outline's subtotals were read, and why the totals are not checked when
    detection or the analysis found their reading wrong."""
    notes = []
    outline = totals.outline if totals is not None else None
    if outline is not None and outline.parents:
        against = (
            "chacun vérifié sur ses lignes du niveau juste en dessous"
            if outline.levels_given
            else "vérifiés sur les lignes de plus bas niveau"
        )
        notes.append(
            f"{outline.parents} sous-totaux au-dessus de leurs lignes (plan hiérarchique), {against}"
        )
    skipped = table.totals_skipped or (totals.skipped if totals is not None else "")
    if skipped:
        notes.append(skipped)
    return notes


def _reading_notes(table: Table, ctx: CheckContext) -> list[str]:
    """What was read otherwise than its place suggests: echoes of a total, rows of
    words among the numbers, references that designate nothing in the workbook."""
    notes = []
    if echoes := [r.index + 1 for r in _non_details(table) if r.how == ECHO]:
        listed = ", ".join(map(str, echoes[:10])) + (" …" if len(echoes) > 10 else "")
        one = len(echoes) == 1
        notes.append(
            f"{'ligne' if one else f'{len(echoes)} lignes'} répétant le total juste au-dessus "
            f"({listed}) : {'lue' if one else 'lues'} comme un rappel de ce total, pas comme "
            f"{'une ligne' if one else 'des lignes'} du bloc suivant"
        )
    if headings := heading_rows(ctx).get(id(table)):
        notes.append(heading_note(headings))
    if table.usable and table.kind.is_articles and known_references(ctx) == ([], []):
        notes.append(
            "ni code opération ni feuille totalisée dans le classeur : les RÉFÉRENCES qui ne "
            "sont pas des cellules ne désignent rien ici, non vérifiées"
        )
    return notes


NOTHING_RECOMPUTED = (
    "aucun total, aucune identité entre colonnes ni barème à recalculer : seules la forme des "
    "cellules et les lignes en double sont vérifiées"
)


def _anything_recomputed(
    table: Table, ctx: CheckContext, totals: TotalsAnalysis | None, said_checked: bool
) -> bool:
    """Whether a number of the table is recomputed (a total, an identity, an amount at
    the Barème); a budget table or an articles table has checks of its own. A table read
    without any is never said « conforme ». `said_checked`: total rows or identities
    the report lists."""
    if not table.usable or not table.kind.rows_bound_by_identities:
        return True  # its own rules (B, A), or F004 already says it is not checked
    if said_checked or (totals is not None and totals.outline is not None and totals.outline.parents):
        return True
    if table.kind.has_totals and totals is not None and totals.checks:
        return True  # totals beside the lines, an outline's subtotals, an Excel Table's
    return bool(ctx.bareme and table.kind.is_repartition)


def title_top(table: Table) -> int:
    """The first row of the table as a person reads it: its header, or the title rows
    right above it (at most TITLE_ROWS, no blank row between). A title is a text alone
    on its row, merged over the table's first column and beyond (Montpellier's theme
    titles), or on the sheet's first row (`Année : 2017`); further down, a lone label
    whose value was left empty (`PLAFOND DEPARTEMENT` above a header) is not."""
    sheet, top = table.sheet, top_header_row(table)
    for _ in range(TITLE_ROWS):
        above = top - 1
        if above < sheet.origin_row:
            break
        filled = [v for v in sheet.row(above) if not is_blank(v)]
        if len(filled) != 1 or not isinstance(filled[0], str) or is_total_label(filled[0].strip()):
            break
        merged = any(
            c1 <= table.first_col <= c2 and c2 > c1 and r1 == above
            for r1, c1, _, c2 in sheet.merged_starting(above, above)
        )
        if not merged and above != sheet.origin_row:
            break
        top = above
    return top


def group_subtables(described: list[tuple[Table, TableInfo]]) -> list[TableInfo]:
    """The report's tables: a sub-table (`tables/subtables.py`) is said with the table
    above it, as one table with several header rows; each is still checked on its own."""
    info_of = {id(table): info for table, info in described}
    out = []
    for chain in chains([table for table, _ in described]):
        joined = info_of[id(chain[0])]
        for table in chain[1:]:
            joined = _joined(joined, info_of[id(table)])
        out.append(joined)
    return out


def _joined(upper: TableInfo, lower: TableInfo) -> TableInfo:
    # A sub-table without a total reads as a list; the table is of its other sub-tables' kind.
    kind, title = (upper.kind, upper.title) if upper.kind != LISTE.name else (lower.kind, lower.title)
    return replace(
        upper,
        range=f"{upper.range.split(':')[0]}:{lower.range.split(':')[1]}",
        kind=kind,
        title=title,
        total_rows=upper.total_rows + lower.total_rows,
        identities=tuple(dict.fromkeys(upper.identities + lower.identities)),
        notes=tuple(dict.fromkeys(upper.notes + lower.notes)),
        header_rows=upper.header_rows + lower.header_rows,
        subtables=upper.subtables + lower.subtables,
        understood=upper.understood and lower.understood,
    )


def _non_details(table: Table) -> list[Row]:
    """The total and note rows of the table (an echo is a note)."""
    return [table.rows[position] for position in table.non_detail_positions()]
