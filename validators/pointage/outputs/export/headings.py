"""The title rows above a table, which the export prints above it.

A multi-table annex names each table by a title row above its header (`1. Accompagnement
des bénéficiaires du RSA…`, then `2. Développement des compétences…`), under the sheet's
own title: without them the tables of the export cannot be told apart. A heading is a
row holding a single text (not a total label) in the table's columns, between the
table's header and the table above it in those columns, or the top of the sheet; at
most `HEADING_ROWS`, the nearest, in reading order. Another row (`PLAFOND DEPARTEMENT |
135000`, between a title and its table) is passed over.
"""

from __future__ import annotations

from collections.abc import Sequence

from pointage.base.text import is_blank
from pointage.tables.table import Table, is_total_label

HEADING_ROWS = 3


def table_headings(table: Table, tables: Sequence[Table]) -> tuple[str, ...]:
    """The headings of `table`, the first first; `tables`: all the recognised tables."""
    sheet = table.sheet
    top = table.top_row
    above = [
        t.last_row
        for t in tables
        if t.sheet is sheet
        and t.last_row < top
        and t.first_col <= table.outer_last_col
        and table.first_col <= t.outer_last_col
    ]
    floor = max([*above, sheet.origin_row - 1])
    first = max(table.first_col - sheet.origin_col, 0)
    last = table.outer_last_col - sheet.origin_col + 1
    found: list[str] = []
    for index in range(top - 1, floor, -1):
        filled = [v for v in sheet.row(index)[first:last] if not is_blank(v)]
        if len(filled) == 1 and isinstance(filled[0], str):
            text = " ".join(filled[0].split())
            if not is_total_label(text):
                found.append(text)
                if len(found) == HEADING_ROWS:
                    break
    return tuple(reversed(found))
