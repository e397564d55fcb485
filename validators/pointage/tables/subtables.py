"""Sub-tables: a header repeated inside a table starts a new sub-table there (Montpellier
2013: a title row, `CODE | STRUCTURE | Nature | Montant` again, the grants of the next
theme, their total). Each sub-table is checked on its own, its blocks and totals
apart; the officer reads them as one table, so the report and the findings said once
per table speak of the whole chain."""

from __future__ import annotations

from pointage.tables.table import Table

# Rows allowed between a sub-table's end and the next one's header: its title rows.
TITLE_ROWS = 2


def top_header_row(table: Table) -> int:
    return min(table.header_rows or [table.header_row])


def continues(previous: Table, table: Table) -> bool:
    """Whether `table` is a sub-table of the one right above it."""
    return (
        table.repeats_header_above
        and table.sheet is previous.sheet
        and (table.first_col, table.last_col) == (previous.first_col, previous.last_col)
        and 0 < top_header_row(table) - previous.last_row <= TITLE_ROWS + 1
    )


def chains(tables: list[Table]) -> list[list[Table]]:
    """The tables as the officer reads them, in order: each a list of its sub-tables."""
    out: list[list[Table]] = []
    for table in tables:
        if out and continues(out[-1][-1], table):
            out[-1].append(table)
        else:
            out.append([table])
    return out
