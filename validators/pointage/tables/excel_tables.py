"""Excel Tables read by their structure when their headers name nothing Pointage knows.

An Excel Table (Insertion > Tableau) whose part says that its last row is a totals row
summing a column (`totalsRowFunction="sum"`, `SUBTOTAL(109,Logement[Différence])`), or
that a column is computed on each row from others (`[@Projeté]-[@Réel]`), is a table
of amounts whatever its headers say (`Projeté Coût | Réelles Coût | Différence`): the
summed column is its amount (the last one, when several), the other columns of numbers
are checked too, and the calculated columns are identities it states.

A total outside them that sums their columns by name (`Coût réel total |
=SUBTOTAL(109,Logement[Réelles Coût],Transport[Réelles Coût],…)`, the summary box of
the template) makes, with its neighbours, a table of its own: each such total is
checked against the lines of the columns it names.

Not read as such: a table without a totals row nor a calculated column (a list, read by
its headers as before), a table without a single line of numbers (an empty template:
its calculated columns show zeros: nothing to check, nothing said).
"""

from __future__ import annotations

from dataclasses import replace

from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank, words
from pointage.reading.snapshot import ListObject, SheetSnapshot
from pointage.tables.kinds import PLAN
from pointage.tables.table import DETAIL, NOTE, TOTAL, Row, Table, classify_rows, extra_role, is_total_label

TOTAL_BY_EXCEL_TABLE = "ligne de total du tableau Excel"
TOTAL_OF_TABLES = "formule qui somme des colonnes de tableaux Excel"
# The label of such a total is in one of the few cells left of it.
LABEL_SEARCH_COLS = 3
# Totals of one box are apart by at most this many rows.
BOX_GAP_ROWS = 4


def structural_table(sheet: SheetSnapshot, table: ListObject) -> Table | None:
    """The table its structure shows, or None when it shows none."""
    summed = [c for c in table.summed_cols if table.first_col <= c <= table.last_col]
    if not (table.totals_row and summed) and not table.row_sums:
        return None
    body = list(range(table.first_row + 1, table.last_row + 1))
    lines = body[:-1] if table.totals_row else body
    columns = range(table.first_col, table.last_col + 1)
    values = _value_columns(sheet, table, lines, columns, summed)
    amount = summed[-1] if summed else max(result for result, _ in table.row_sums)
    label = next((c for c in columns if c not in values and _mostly_text(sheet, lines, c)), None)
    if label is None or not _any_amount(sheet, lines, values):
        return None
    found = _frame_table(sheet, table, columns, values, label, amount)
    rows = classify_rows(found, body)
    if table.totals_row and rows and rows[-1].index == table.last_row:
        rows[-1] = Row(rows[-1].index, TOTAL, rows[-1].label, TOTAL_BY_EXCEL_TABLE)
    if not any(r.kind == DETAIL for r in rows):
        return None
    return replace(found, rows=rows, row_sums=list(table.row_sums))


def _value_columns(
    sheet: SheetSnapshot, table: ListObject, lines: list[int], columns: range, summed: list[int]
) -> list[int]:
    """The columns of amounts: those mostly of numbers, those summed by the totals row,
    and those a calculated column reads or writes (a column of formulas may show no
    number yet in a template)."""
    numeric = [c for c in columns if _mostly_numbers(sheet, lines, c)]
    stated = {c for result, terms in table.row_sums for c in (result, *(c for _, c in terms))}
    return sorted(set(numeric) | set(summed) | stated)


def _any_amount(sheet: SheetSnapshot, lines: list[int], values: list[int]) -> bool:
    """Whether a line holds a number other than 0: an empty template's calculated
    columns show only zeros, and there is nothing to check in it."""
    return any(_is_number(v := sheet.value(r, c)) and v != 0 for r in lines for c in values)


def _frame_table(
    sheet: SheetSnapshot, table: ListObject, columns: range, values: list[int], label: int, amount: int
) -> Table:
    """The Excel Table's frame as a table of amounts, its rows not sorted yet: every
    column of values besides the amount is checked too, under its extra role."""
    roles = {"label": label, "amount": amount}
    extra = [extra_role(c) for c in values if c != amount]
    roles.update({extra_role(c): c for c in values if c != amount})
    return Table(
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


def totals_of_tables(sheet: SheetSnapshot, found: list[Table]) -> list[Table]:
    """The boxes of totals that sum Excel Tables' columns by name, outside the tables
    found: one table per column of such totals near each other."""
    boxes: list[list[tuple[int, int, str, int, tuple]]] = []
    for (row, col), columns in sorted(sheet.table_sums.items(), key=lambda item: (item[0][1], item[0][0])):
        if any(t.top_row <= row <= t.last_row and t.first_col <= col <= t.outer_last_col for t in found):
            continue  # a Table's own totals row
        label = _label_left(sheet, row, col)
        if label is None:
            continue
        box = boxes[-1] if boxes else None
        if box and box[-1][1] == col and box[-1][3] == label[0] and row - box[-1][0] <= BOX_GAP_ROWS:
            box.append((row, col, label[1], label[0], columns))
        else:
            boxes.append([(row, col, label[1], label[0], columns)])
    tables = []
    for box in boxes:
        first, last, col, label_col = box[0][0], box[-1][0], box[0][1], box[0][3]
        totals = {row: (text, columns) for row, _, text, _, columns in box}
        table = Table(
            sheet=sheet,
            kind=PLAN,
            header_row=first - 1,
            first_col=label_col,
            last_col=col,
            last_row=last,
            roles={"label": label_col, "amount": col},
            headers={},
            missing=[],
            header_rows=[],
            headerless=True,
        )
        for row in range(first, last + 1):
            if row in totals:
                table.rows.append(Row(row, TOTAL, totals[row][0], TOTAL_OF_TABLES))
            elif isinstance(text := sheet.value(row, label_col), str) and text.strip():
                table.rows.append(Row(row, NOTE, text.strip()))
        tables.append(
            replace(table, table_totals=[(row, col, columns) for row, (_, columns) in totals.items()])
        )
    return tables


def _label_left(sheet: SheetSnapshot, row: int, col: int) -> tuple[int, str] | None:
    """The label left of a total that says total (`Coût réel total`), if there is one."""
    for c in range(col - 1, max(col - 1 - LABEL_SEARCH_COLS, sheet.origin_col - 1), -1):
        value = sheet.value(row, c)
        if is_blank(value):
            continue
        if isinstance(value, str) and (is_total_label(value.strip()) or "TOTAL" in words(value).split()):
            return c, value.strip()
        return None
    return None
