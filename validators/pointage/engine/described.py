"""What the report says of each table read: its columns by role, how its total rows
were recognised, the identities checked and what was not checked."""

from __future__ import annotations

from dataclasses import replace

from pointage.analysis.context import CheckContext
from pointage.analysis.exercise import exercise_in
from pointage.analysis.identities import KINDS_CHECKED
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
    columns = tuple(
        ColumnInfo(
            a1(
                table.top_row if table.headerless else table.header_row, col
            ),  # its first cell without a header
            table.headers.get(col, ""),
            "extra" if role.startswith("extra:") else role,
        )
        for role, col in sorted(table.roles.items(), key=lambda item: item[1])
    )
    totals = tuple(
        sorted(
            [(r.index + 1, r.how) for r in _non_details(table) if r.kind == TOTAL]
            + [(side.row + 1, TOTAL_BESIDE) for side in table.side_totals]
        )
    )
    identities: tuple[str, ...] = ()
    notes: list[str] = []
    if table.usable and table.kind.name in KINDS_CHECKED:
        analysis = ctx.identities_of(table)
        identities = tuple(i.text for i in analysis.identities)
        notes.extend(analysis.dropped)
    if not table.usable:
        missing = ", ".join(table.kind.column_name(m) for m in table.missing)
        notes.append(f"colonnes non reconnues (il manque {missing}) : rien n'y est vérifié")
    if table.usable and table.kind.name == "execution":
        ctx.totals_of(table)  # the outline of an execution table is read there
    if table.outline_parents:
        against = (
            "chacun vérifié sur ses lignes du niveau juste en dessous"
            if table.outline_levels is not None
            else "vérifiés sur les lignes de plus bas niveau"
        )
        notes.append(
            f"{table.outline_parents} sous-totaux au-dessus de leurs lignes (plan hiérarchique), {against}"
        )
    if table.totals_skipped:
        notes.append(table.totals_skipped)
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
    if table.usable and table.kind.name == "articles" and known_references(ctx) == ([], []):
        notes.append(
            "ni code opération ni feuille totalisée dans le classeur : les RÉFÉRENCES qui ne "
            "sont pas des cellules ne désignent rien ici, non vérifiées"
        )
    if table.usable and table.kind.name in ("repartition", "plan", "execution"):
        notes.extend(ctx.totals_of(table).notes)
    if table.usable and table.kind.name == "imputation" and _imputations_without_year(table, ctx):
        notes.append(NO_YEAR_FOR_THE_NOMENCLATURE)
    checked = _anything_recomputed(table, ctx, totals, identities)
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


NOTHING_RECOMPUTED = (
    "aucun total, aucune identité entre colonnes ni barème à recalculer : seules la forme des "
    "cellules et les lignes en double sont vérifiées"
)


def _anything_recomputed(table: Table, ctx: CheckContext, totals: tuple, identities: tuple) -> bool:
    """Whether a number of the table is recomputed (a total, an identity, an amount at
    the Barème); a budget table or an articles table has checks of its own. A table read
    without any is never said « conforme »."""
    if not table.usable or table.kind.name not in KINDS_CHECKED:
        return True  # its own rules (B, A), or F004 already says it is not checked
    if totals or identities or table.outline_parents:
        return True
    if table.kind.has_totals and ctx.totals_of(table).checks:
        return True  # totals beside the lines, an outline's subtotals, an Excel Table's
    return bool(ctx.bareme and table.kind.name == "repartition")


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
