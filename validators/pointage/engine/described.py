"""What the report says of each table read: its columns by role, how its total rows
were recognised, the identities checked and what was not checked."""

from __future__ import annotations

from pointage.analysis.context import CheckContext
from pointage.analysis.identities import KINDS_CHECKED
from pointage.base.addresses import a1
from pointage.report.model import ColumnInfo, TableInfo
from pointage.tables.table import TOTAL, Table


def describe_table(table: Table, ctx: CheckContext) -> TableInfo:
    columns = tuple(
        ColumnInfo(
            a1(table.header_row, col),
            table.headers.get(col, ""),
            "extra" if role.startswith("extra:") else role,
        )
        for role, col in sorted(table.roles.items(), key=lambda item: item[1])
    )
    totals = tuple((r.index + 1, r.how) for r in table.rows if r.kind == TOTAL)
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
        notes.append(
            f"{table.outline_parents} sous-totaux au-dessus de leurs lignes (plan hiérarchique), "
            "vérifiés sur les lignes de plus bas niveau"
        )
    if table.totals_skipped:
        notes.append(table.totals_skipped)
    return TableInfo(
        table.sheet_name,
        table.range,
        table.kind.name,
        columns,
        totals,
        identities,
        tuple(notes),
        title=f"Tableau {table.kind.title}",
    )
