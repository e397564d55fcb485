"""Tables that only their total row shows, without any formula: a list of lines, each a
text and a number in one column, closed right under its last line by a row holding a
total label and that column's number, and nothing else (`| | | Total | 1 556 280`
under 121 grants: Montpellier's `Détail Sport`, whose `=SUM(E1:E121)` may have been
typed over).

The evidence is the shape together: the label, the number in the column of the lines,
the lines right above it without a blank row, each with a text left of that column. A
header row right above the lines names the columns when it is one (texts only).

A reading that the amounts contradict is a misreading, not a slip: when the lines add up
to half the total or less, or to one and a half times it or more (subtotals among the
lines, a total of something else), the table is read and its total is not checked
(said in its notes).
"""

from __future__ import annotations

from decimal import Decimal

from pointage.base.numbers import Number, exact_value, parse_number
from pointage.base.text import is_blank, is_blank_row, words
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.kinds import PLAN
from pointage.tables.table import DETAIL, TOTAL, Frame, Table, classify_rows, is_total_label, rows_outside

# At least this many lines above the total: a shorter list is too little evidence.
MIN_LINES = 5
# The number of the total stands at most this many columns right of its label.
LABEL_GAP = 2
MISREAD = (
    "total sous des lignes sans formule : la somme des lignes est loin du total (des "
    "sous-totaux parmi les lignes, ou un total d'autre chose), non compris, non vérifié"
)


def label_total_tables(sheet: SheetSnapshot, found: list[Table]) -> list[Table]:
    tables: list[Table] = []
    for index in (row for run in rows_outside(sheet, found) for row in run):
        cells = sheet.values[index - sheet.origin_row]
        filled = len(cells) - cells.count("") - cells.count(None)  # counted in C
        if filled < 2 or (filled > 2 and not any(v.__class__ is str and not v.strip() for v in cells)):
            continue  # a row of more than a label and its number (spaces aside)
        shape = _total_shape(sheet, index)
        if shape is None or _inside([*found, *tables], index, shape[1]):
            continue
        col = shape[1]
        lines = _lines_above(sheet, index, col)
        if lines is None or any(_inside([*found, *tables], r, col) for r in lines):
            continue
        table = _table(sheet, lines, index, col)
        if table is not None:
            tables.append(table)
    return tables


def _total_shape(sheet: SheetSnapshot, index: int) -> tuple[int, int] | None:
    """(label column, number column) of a row holding a total label and, just right of
    it, one number, and nothing else."""
    filled = [(c, v) for c, v in enumerate(sheet.row(index), sheet.origin_col) if not is_blank(v)]
    if len(filled) != 2:
        return None
    (label_col, label), (col, number) = filled
    if not (isinstance(label, str) and is_total_label(label.strip())) or col - label_col > LABEL_GAP:
        return None
    if not _is_number(number):
        return None
    return label_col, col


def _lines_above(sheet: SheetSnapshot, total: int, col: int) -> list[int] | None:
    """The rows right above the total up to a blank row, a header row or the sheet's top,
    when each holds a number in the column and a text left of it."""
    lines = []
    index = total - 1
    while index >= sheet.origin_row and not is_blank_row(sheet.row(index)):
        value = sheet.value(index, col)
        texts = [
            c
            for c in range(sheet.origin_col, col)
            if isinstance(v := sheet.value(index, c), str) and v.strip()
        ]
        if not _is_number(value) or not texts:
            break
        if any(is_total_label(str(sheet.value(index, c)).strip()) for c in texts):
            return None  # a total among the lines: blocks, another reading's
        if words(str(sheet.value(index, texts[0]))).startswith("DONT "):
            return None  # `dont personnel`: a part of the line above, not a line of the total
        lines.append(index)
        index -= 1
    if len(lines) < MIN_LINES:
        return None
    lines.reverse()
    return lines


def _table(sheet: SheetSnapshot, lines: list[int], total: int, col: int) -> Table | None:
    first = lines[0]
    label_col = min(
        next(c for c in range(sheet.origin_col, col) if isinstance(v := sheet.value(r, c), str) and v.strip())
        for r in lines
    )
    above = first - 1
    header = above >= sheet.origin_row and _is_header(sheet, above, label_col, col)
    headers = (
        {c: str(v).strip() for c in range(label_col, col + 1) if not is_blank(v := sheet.value(above, c))}
        if header
        else {}
    )
    first_col = min(label_col, *(c for r in lines for c in _filled(sheet, r) if c < col))
    roles = {"label": label_col, "amount": col}
    rows = classify_rows(Frame(sheet, PLAN, above, first_col, col, roles), [*lines, total])
    if not any(r.kind == TOTAL for r in rows) or not any(r.kind == DETAIL for r in rows):
        return None
    return Table(
        sheet=sheet,
        kind=PLAN,
        header_row=above,
        first_col=first_col,
        last_col=col,
        last_row=total,
        roles=roles,
        headers=headers,
        missing=[],
        rows=rows,
        header_rows=[above] if header else [],
        headerless=not header,
        totals_skipped=MISREAD if _misread(sheet, lines, total, col) else "",
    )


def _misread(sheet: SheetSnapshot, lines: list[int], total: int, col: int) -> bool:
    """Whether the lines add up to half the total or less, or to one and a half times it
    or more (or the total is no number): a reading the amounts contradict."""
    found = _decimal(sheet.value(total, col))
    summed = sum((_decimal(sheet.value(r, col)) or Decimal(0) for r in lines), Decimal(0))
    return found is None or (abs(summed - found) * 2 >= abs(found) and summed != found)


def _is_header(sheet: SheetSnapshot, row: int, first: int, last: int) -> bool:
    cells = [v for c in range(first, last + 1) if not is_blank(v := sheet.value(row, c))]
    return len(cells) >= 2 and all(
        isinstance(v, str) and len(v) <= 80 and not is_total_label(v) for v in cells
    )


def _filled(sheet: SheetSnapshot, row: int) -> list[int]:
    return [c for c, v in enumerate(sheet.row(row), sheet.origin_col) if not is_blank(v)]


def _is_number(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and isinstance(parse_number(value), Number)
    )


def _decimal(value: object) -> Decimal | None:
    found = exact_value(value) if _is_number(value) else None
    return Decimal(found) if isinstance(found, (int, Decimal)) else None


def _inside(tables: list[Table], row: int, col: int) -> bool:
    return any(t.top_row <= row <= t.last_row and t.first_col <= col <= t.outer_last_col for t in tables)
