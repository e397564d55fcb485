"""Excel Tables read by their structure when their headers name nothing Pointage knows.

An Excel Table (Insertion > Tableau) whose part says that its last row is a totals row
summing a column (`totalsRowFunction="sum"`, `SUBTOTAL(109,Logement[Différence])`), or
that a column is computed on each row from others (`[@Projeté]-[@Réel]`), is a table
of amounts whatever its headers say (`Projeté Coût | Réelles Coût | Différence`): the
summed column is its amount (the last one, when several), the other columns of numbers
are checked too, and the calculated columns are identities it states.

Not read as such: a table without a totals row nor a calculated column (a list, read by
its headers as before), a table without a single line of numbers (an empty template:
its calculated columns show zeros: nothing to check, nothing said).
"""

from __future__ import annotations

from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank
from pointage.reading.snapshot import ListObject, SheetSnapshot
from pointage.tables.kinds import PLAN
from pointage.tables.table import DETAIL, TOTAL, Table, classify_rows, extra_role

TOTAL_BY_EXCEL_TABLE = "ligne de total du tableau Excel"


def structural_table(sheet: SheetSnapshot, table: ListObject) -> Table | None:
    """The table its structure shows, or None when it shows none."""
    summed = [c for c in table.summed_cols if table.first_col <= c <= table.last_col]
    if not (table.totals_row and summed) and not table.row_sums:
        return None
    body = list(range(table.first_row + 1, table.last_row + 1))
    lines = body[:-1] if table.totals_row else body
    columns = range(table.first_col, table.last_col + 1)
    numeric = [c for c in columns if _mostly_numbers(sheet, lines, c)]
    stated = {c for result, terms in table.row_sums for c in (result, *(c for _, c in terms))}
    values = sorted(set(numeric) | set(summed) | stated)
    amount = summed[-1] if summed else max(result for result, _ in table.row_sums)
    label = next((c for c in columns if c not in values and _mostly_text(sheet, lines, c)), None)
    if label is None or not any(_is_number(v := sheet.value(r, c)) and v != 0 for r in lines for c in values):
        return None
    roles = {"label": label, "amount": amount}
    extra = [extra_role(c) for c in values if c != amount]
    roles.update({extra_role(c): c for c in values if c != amount})
    found = Table(
        sheet=sheet,
        kind=PLAN,
        header_row=table.first_row,
        first_col=table.first_col,
        last_col=table.last_col,
        last_row=table.last_row,
        roles=roles,
        headers={c: str(v).strip() for c in columns if not is_blank(v := sheet.value(table.first_row, c))},
        missing=[],
        header_rows=[table.first_row],
        extra_money=extra,
    )
    classify_rows(found, body)
    if table.totals_row and found.rows and found.rows[-1].index == table.last_row:
        last = found.rows[-1]
        last.kind, last.how = TOTAL, TOTAL_BY_EXCEL_TABLE
    found.row_sums = list(table.row_sums)
    if not any(r.kind == DETAIL for r in found.rows):
        return None
    return found


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _mostly_numbers(sheet: SheetSnapshot, rows: list[int], col: int) -> bool:
    filled = [v for r in rows if not is_blank(v := sheet.value(r, col))]
    numbers = sum(1 for v in filled if isinstance(parse_number(v), Number) and not isinstance(v, str))
    return bool(filled) and numbers * 2 >= len(filled)


def _mostly_text(sheet: SheetSnapshot, rows: list[int], col: int) -> bool:
    filled = [v for r in rows if not is_blank(v := sheet.value(r, col))]
    texts = sum(1 for v in filled if isinstance(v, str))
    return bool(filled) and texts * 2 > len(filled)
