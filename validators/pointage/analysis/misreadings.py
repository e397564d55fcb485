"""The signatures of a misreading (issue 24, principle 3): what the cells say when the
table was read wrong, so that the report says « non compris » instead of accusing the
cells of what the reading got wrong.

A row of words without a number, across the number columns (`PERSONNEL | Mat et equip |
FLUIDES`) or below the table's last total, is the header of the next table, or a row of
labels, read as a line: its words are not numbers mistyped (F002 is for `O,5`,
`12,5,3`, a `à déterminer` among the amounts a total sums).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pointage.base.numbers import Number, all_typed_numbers, parse_number
from pointage.tables.table import NOTE, TOTAL, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

# Words in this many number columns of one row, and no number in it: a row of headings.
HEADING_TEXT_COLUMNS = 2


def heading_rows(ctx: CheckContext) -> dict[int, list[int]]:
    """id(table) -> the rows of that table that are rows of words where it expects
    numbers (computed once per check)."""
    return ctx.shared(_all_heading_rows)


def _all_heading_rows(ctx: CheckContext) -> dict[int, list[int]]:
    return {id(table): heading_rows_of(table) for table in ctx.tables}


def _number_columns(table: Table, rows: list[int]) -> list[int]:
    """The columns of numbers: those of the kind's number roles and money columns, and
    any other column of the table that holds at least as many numbers as texts."""
    roles = [r for r in table.kind.numeric if r in table.roles] + list(table.extra_money)
    columns = {table.roles[r] for r in roles}
    for col in range(table.first_col, table.last_col + 1):
        if col in columns:
            continue
        values = table.sheet.column(rows, col)
        numbers = sum(1 for v in values if isinstance(v, (int, float)) and not isinstance(v, bool))
        texts = sum(1 for v in values if isinstance(v, str) and v.strip())
        if numbers and numbers >= texts:
            columns.add(col)
    return sorted(columns)


def heading_rows_of(table: Table) -> list[int]:
    """The rows of words where `table` expects numbers."""
    if table.kind.is_list:
        return []  # nothing sums a list's cells: a word there is accused of nothing
    worded = _worded_rows(table)
    if not worded:
        return []  # numbers only where the checks read (the usual table): nothing to say
    columns = _number_columns(table, [r.index for r in table.rows])
    totals = [r.index for r in table.rows if r.kind == TOTAL]
    last_total = totals[-1] if totals else None
    return [
        row.index
        for row in table.rows
        if row.kind != NOTE and row.index in worded and _is_heading_row(table, row.index, columns, last_total)
    ]


def _worded_rows(table: Table) -> set[int]:
    """The rows with a word where a check reads a number: only those can be taken for
    a slip."""
    roles = [r for r in table.kind.numeric if r in table.roles] + list(table.extra_money)
    return {
        row.index
        for role in roles
        if not all_typed_numbers(column := table.column(role))
        for row, value in zip(table.rows, column)
        if _is_word(value)
    }


def _is_heading_row(table: Table, row: int, columns: list[int], last_total: int | None) -> bool:
    """A row of the table holding no number, and words in enough number columns (or in
    one, below the last total)."""
    sheet, left = table.sheet, table.sheet.origin_col
    line = sheet.row(row)
    cells = line[max(table.first_col - left, 0) : table.last_col - left + 1]
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
        return False
    words = sum(1 for c in columns if _is_word(sheet.value(row, c)))
    # Below the table's last total, nothing sums the row: a word there is what
    # follows the table (a title, the next header), never a number left uncounted.
    below_totals = last_total is not None and row > last_total
    return words >= HEADING_TEXT_COLUMNS or bool(words and below_totals)


def _is_word(value: object) -> bool:
    """Text that is no number, with letters in it (`Mat et equip`, not `O,5`)."""
    return (
        isinstance(value, str)
        and sum(ch.isalpha() for ch in value) >= 3
        and not isinstance(parse_number(value), Number)
    )


def heading_note(rows: list[int]) -> str:
    """What the report says of a table whose body holds rows of words."""
    listed = ", ".join(str(r + 1) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
    line = "ligne" if len(rows) == 1 else "lignes"
    return (
        f"{line} {listed} : des mots dans les colonnes de nombres, sans aucun nombre "
        "(les en-têtes d'un autre tableau ?) : non compris, ces mots ne sont pas lus comme des "
        "nombres mal saisis"
    )
