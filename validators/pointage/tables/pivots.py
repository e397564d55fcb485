"""Pivot tables: tables made by their frame, whatever their headers say.

A pivot table (`Somme de Montant` | `Étiquettes de lignes` | … | `Total général`) names
its columns with the items of the source, never with words of the lexicon: it is a
table by its structure. Two sources say where one is:

- its definition, in an `.xlsx` (`reading/table_parts.py`): the frame, where the values
  start, and, when it lists its rows, the depth of each row's item. Each row then sums
  the rows one level deeper under it (a subtotal ABOVE its lines, the compact layout),
  the grand total sums the outermost rows, and a grand-total column sums the value
  columns left of it on every row;
- its values, in any format: a row labelled `Total général` (or `Grand total`) with
  numbers right of its label, closing a block of rows without a blank row, whose top
  shows a pivot's caption (`Somme de …`, `Sum of …`, `Nombre de …`) or a column headed
  `Total`/`Total général` over the numbers. Its subtotals are then the rows labelled
  `Total …` (the tabular layout); unlabelled subtotals above their lines cannot be told
  from lines by values alone: when the lines add up to a whole multiple of the grand
  total (twice, three times: the subtotals counted with their lines), the frame is read
  but its totals are not checked (said in the table's notes).

What is deliberately not read: a pivot's cache (the source rows), its filters, its
page fields, the values of a pivot whose values are averages or several data fields.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from pointage.base.numbers import Number, exact_value, parse_number
from pointage.base.text import is_blank, is_blank_row, words
from pointage.reading.snapshot import PivotFrame, SheetSnapshot
from pointage.tables.kinds import PLAN
from pointage.tables.table import DETAIL, NOTE, TOTAL, Row, Table, classify_rows, extra_role, rows_outside

TOTAL_BY_PIVOT = "tableau croisé dynamique"
_GRAND_LABELS = frozenset({"TOTAL GENERAL", "GRAND TOTAL", "TOTAL GENERAUX"})
_CAPTIONS = ("SOMME DE ", "SUM OF ", "NOMBRE DE ", "COUNT OF ")
_COLUMN_TOTALS = frozenset({"TOTAL", "TOTAL GENERAL", "GRAND TOTAL"})
# At least this many rows of values above the grand total.
MIN_LINES = 2
# Lines adding up to a whole multiple of the grand total, twice or more, count its
# subtotals with their lines (a slip rarely lands on a whole multiple).
_ECHO = Decimal("1.9")
_WHOLE = Decimal("0.02")
UNREAD_OUTLINE = (
    "tableau croisé dynamique : ses sous-totaux au-dessus de leurs lignes ne se "
    "distinguent pas des lignes (structure non comprise), totaux non vérifiés"
)


def pivot_tables(sheet: SheetSnapshot, found: list[Table]) -> list[Table]:
    """The pivot tables of a sheet that no table found covers."""
    tables: list[Table] = []
    for frame in sheet.pivots:
        table = _from_definition(sheet, frame)
        if table is not None and not _overlaps(table, [*found, *tables]):
            tables.append(table)
    for table in _from_values(sheet, rows_outside(sheet, [*found, *tables])):
        if not _overlaps(table, [*found, *tables]):
            tables.append(table)
    return tables


def _from_definition(sheet: SheetSnapshot, frame: PivotFrame) -> Table | None:
    header = frame.first_data_row - 1
    values = list(range(frame.first_data_col, frame.last_col + 1))
    if header < frame.first_row or not values or frame.first_data_col <= frame.first_col:
        return None
    table = _table(
        sheet, frame.first_row, header, frame.first_col, values, frame.last_row, frame.column_total
    )
    if frame.tree:
        depths = dict(frame.depths)
        table = replace(table, pivot_depths=depths)
        grand = set(frame.grand_rows)
        body = list(range(header + 1, frame.last_row + 1))
        for position, index in enumerate(body):
            label = _label(sheet, index, frame.first_col, frame.first_data_col)
            if index in grand:
                table.rows.append(Row(index, TOTAL, label, TOTAL_BY_PIVOT))
            elif index not in depths:
                table.rows.append(Row(index, NOTE, label))
            else:
                below = body[position + 1] if position + 1 < len(body) else None
                parent = below is not None and depths.get(below, -1) > depths[index]
                table.rows.append(
                    Row(index, TOTAL if parent else DETAIL, label, TOTAL_BY_PIVOT if parent else "")
                )
    else:
        table.rows.extend(classify_rows(table, list(range(header + 1, frame.last_row + 1))))
        table = _checked_reading(table, values)
    return table if any(r.kind == DETAIL for r in table.rows) else None


def _from_values(sheet: SheetSnapshot, runs: list[range]) -> list[Table]:
    tables = []
    top_row = sheet.origin_row
    for index in (row for run in runs for row in run):
        cells = sheet.values[index - sheet.origin_row]
        at = _first_filled(cells)
        if at is None:
            continue
        head = cells[at]
        # Most rows start with a number or another word: `words` is never called on them.
        if head.__class__ is not str or head.lstrip()[:1] not in "TtGg" or words(head) not in _GRAND_LABELS:
            continue
        reading = _closed_by(sheet, runs, top_row, index, at)
        if reading is None:
            continue
        if any(r.kind == DETAIL for r in reading.table.rows):
            tables.append(_checked_reading(reading.table, reading.values))
        top_row = index + 1
    return tables


@dataclass(frozen=True, slots=True)
class _ValuesReading:
    """A pivot read by its values, and its columns of values (checked by
    `_checked_reading` once its rows show lines)."""

    table: Table
    values: list[int]


def _closed_by(
    sheet: SheetSnapshot, runs: list[range], top_row: int, index: int, at: int
) -> _ValuesReading | None:
    """The pivot that the grand-total row `index` (its label at `at` in the row's
    cells) closes, its top at `top_row` or lower; None when no pivot's frame is there."""
    cells = sheet.values[index - sheet.origin_row]
    label_col = sheet.origin_col + at
    values = [
        sheet.origin_col + i
        for i, v in enumerate(cells)
        if i > at and isinstance(v, (int, float)) and not isinstance(v, bool)
    ]
    if not values:
        return None
    top = index
    run = next(r for r in runs if index in r)
    while top - 1 >= max(top_row, run.start) and not is_blank_row(sheet.row(top - 1)):
        top -= 1
    header = _header_row(sheet, top, index, values)
    if header is None or index - header - 1 < MIN_LINES:
        return None
    if not _framed(sheet, top, header, values):
        return None
    first_col = min(
        [label_col] + [c for r in range(header, index + 1) for c in _text_columns(sheet, r) if c < values[0]]
    )
    table = _table(sheet, top, header, first_col, values, index, None)
    return _ValuesReading(
        replace(table, rows=classify_rows(table, list(range(header + 1, index + 1)))), values
    )


def _first_filled(cells: list[object]) -> int | None:
    for at, value in enumerate(cells):
        if value != "" and value is not None:
            return at
    return None


def _header_row(sheet: SheetSnapshot, top: int, grand: int, values: list[int]) -> int | None:
    """The last row above the first row of numbers, in the value columns: the header."""
    for index in range(top, grand):
        if any(_is_number(sheet.value(index, c)) for c in values):
            return index - 1 if index > top else None
    return None


def _framed(sheet: SheetSnapshot, top: int, header: int, values: list[int]) -> bool:
    """A pivot's caption in its top rows, or its grand-total column headed as such."""
    for index in range(top, header + 1):
        for value in sheet.row(index):
            if isinstance(value, str) and any(words(value).startswith(c) for c in _CAPTIONS):
                return True
    last = sheet.value(header, values[-1])
    return isinstance(last, str) and words(last) in _COLUMN_TOTALS


def _table(
    sheet: SheetSnapshot,
    top: int,
    header: int,
    first_col: int,
    values: list[int],
    last_row: int,
    column_total: int | None,
) -> Table:
    amount = column_total if column_total is not None else values[-1]
    roles = {"label": first_col, "amount": amount}
    extra = [extra_role(c) for c in values if c != amount]
    roles.update({extra_role(c): c for c in values if c != amount})
    headers = {
        c: str(v).strip()
        for c in range(first_col, values[-1] + 1)
        if not is_blank(v := sheet.value(header, c))
    }
    table = Table(
        sheet=sheet,
        kind=PLAN,
        header_row=header,
        first_col=first_col,
        last_col=values[-1],
        last_row=last_row,
        roles=roles,
        headers=headers,
        missing=[],
        header_rows=list(range(top, header + 1)),
        extra_money=extra,
    )
    if column_total is not None:
        others = tuple((1, c) for c in values if c != column_total)
        if len(others) >= 2:
            table.row_sums.append((column_total, others))
    return table


def _checked_reading(table: Table, values: list[int]) -> Table:
    """The table, its totals said not checked when its lines add up to a whole multiple
    of the grand total: they hold unlabelled subtotals."""
    grand = [r for r in table.rows if r.kind == TOTAL]
    if not grand:
        return table
    last = grand[-1]
    for col in values:
        total = _number(table.sheet.value(last.index, col))
        lines = [_number(table.sheet.value(r.index, col)) for r in table.rows if r.kind == DETAIL]
        summed = sum((v for v in lines if v is not None), Decimal(0))
        ratio = summed / total if total else Decimal(0)
        if ratio >= _ECHO and abs(ratio - round(ratio)) <= _WHOLE:
            return replace(table, totals_skipped=UNREAD_OUTLINE)
    return table


def _number(value: object) -> Decimal | None:
    if not _is_number(value):
        return None
    found = exact_value(value)
    return Decimal(found) if isinstance(found, (int, Decimal)) else None


def _is_number(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and isinstance(parse_number(value), Number)
    )


def _label(sheet: SheetSnapshot, row: int, first: int, stop: int) -> str:
    for col in range(first, stop):
        value = sheet.value(row, col)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _text_columns(sheet: SheetSnapshot, row: int) -> list[int]:
    return [c for c, v in enumerate(sheet.row(row), sheet.origin_col) if isinstance(v, str) and v.strip()]


def _overlaps(table: Table, others: list[Table]) -> bool:
    return any(
        o.sheet is table.sheet
        and o.top_row <= table.last_row
        and table.top_row <= o.last_row
        and o.first_col <= table.last_col
        and table.first_col <= o.outer_last_col
        for o in others
    )
