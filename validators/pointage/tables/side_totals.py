"""Totals their formulas reveal: a total written beside the lines (`Total | =SUM(B2:B5)`
in D3:E3, `Total marchandises | =SUM(E:E)` right of an Excel Table), and the tables
that only such a total shows — postes without any header row closed by `Total |
=SUM(B1:B12)` (ThomasGille's `Meubles`), or under a one-word header (`Tarif`).

The evidence is the formula and its label together: a `SUM` of one column, a total
label on its row just left of it, and, for a table found this way, lines that each
hold a text and a number in the column summed. The formula only says which column
and which rows: the total is checked against the detail rows of the blocks those rows
are in (`analysis/block_totals.py`), so that a range that forgets a line is seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank, words
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.kinds import PLAN
from pointage.tables.table import DETAIL, NOTE, Frame, Row, SideTotal, Table, classify_rows, is_total_label

# The label of a side total is in one of the few cells left of it (`Total ` in D3 for E3).
LABEL_SEARCH_COLS = 2
# A side total stands at most this many columns right of the table (G1:H1 right of A:F).
SIDE_GAP = 3
# Evidence for one table: the blocks of two totals are apart by at most this many rows
# (blank rows, a block title such as `Peinture`).
BLOCK_GAP_ROWS = 4
MIN_LINES = 2
# A total row with this many SUMs over the same rows is a row of sums: it shows a table
# even of one line (`Espace ados | … | Total général | =SUM(C75:C75) | =SUM(E75:E75)…`).
MIN_SUMS_IN_ROW = 2


def attach_side_totals(sheet: SheetSnapshot, tables: list[Table]) -> None:
    """Give each table of the sheet the totals written beside its lines."""
    for (row, col), (summed, first, last) in sorted(sheet.column_sums.items()):
        label = _label_left(sheet, row, col)
        if label is None:
            continue
        for table in tables:
            if (
                table.kind.has_totals
                and not table.kind.is_execution
                and summed in _money_columns(table)
                and not table.first_col <= col <= table.last_col
                and 0 < col - table.last_col <= SIDE_GAP
                and first <= table.last_row
                and last > table.header_row
                and table.top_row <= row <= table.last_row
            ):
                table.side_totals.append(SideTotal(row, col, label[1], label[0], summed, first, last))
                break


@dataclass(frozen=True, slots=True)
class _Evidence:
    """A SUM that may show a table: the column it sums and its rows, the total it is
    (a side total, or the row of a total below its lines) and the fewest lines it shows
    a table with."""

    summed: int
    first: int
    last: int
    total: SideTotal | int
    fewest: int


@dataclass(frozen=True, slots=True)
class _Block:
    """The lines a total sums (`rows`), by their label column and the column summed,
    down to `end` (the total's row, or the last line for a side total)."""

    label_col: int
    summed: int
    rows: list[int]
    end: int
    side: SideTotal | None


def formula_tables(sheet: SheetSnapshot, tables: list[Table]) -> list[Table]:
    """The tables that only their total formulas show, outside the tables found."""
    taken = {(s.row, s.col) for t in tables for s in t.side_totals}
    evidence: list[_Evidence] = []
    for (row, col), (summed, first, last) in sorted(sheet.column_sums.items()):
        label = _label_left(sheet, row, col)
        if (row, col) in taken or label is None or last - first > sheet.row_count:
            continue  # a whole column (`SUM(E:E)`) says too little to build a table on
        side = SideTotal(row, col, label[1], label[0], summed, first, last)
        evidence.append(_Evidence(summed, first, last, side, MIN_LINES))
    evidence += _rows_of_sums(sheet, tables)
    found: list[Table] = []
    for group in _groups(sheet, evidence, tables):
        table = _table_of(sheet, group)
        if table is not None and not _overlaps(table, [*tables, *found]):
            found.append(table)
    return found


def _rows_of_sums(sheet: SheetSnapshot, tables: list[Table]) -> list[_Evidence]:
    """The SUMs of the rows above outside the tables found, on a row that names a total."""
    ranges: dict[tuple[int, int, int], int] = {}  # (row, first, last) -> SUMs over them
    for (row, _), (first, last) in sheet.sums.items():
        ranges[(row, first, last)] = ranges.get((row, first, last), 0) + 1
    evidence = []
    for (row, col), (first, last) in sorted(sheet.sums.items()):
        if _inside(tables, sheet, row, col):
            continue  # the usual total of a table found (the 100 000-row annex's many)
        left = sheet.row(row)[: max(col - sheet.origin_col, 0)]
        if any(isinstance(v, str) and _names_a_total(v.strip()) for v in left):
            # A row of SUMs over the same rows shows a table even of one line.
            lines = 1 if ranges[(row, first, last)] >= MIN_SUMS_IN_ROW else MIN_LINES
            evidence.append(_Evidence(col, first, last, row, lines))
    return evidence


def _groups(sheet: SheetSnapshot, evidence: list[_Evidence], tables: list[Table]) -> list[list[_Block]]:
    """Evidence by summed column and label column, the blocks near each other joined."""
    blocks = []
    for item in evidence:
        if _inside(tables, sheet, max(item.first, sheet.origin_row), item.summed):
            continue
        read = _lines(sheet, item.summed, item.first, item.last, item.fewest)
        if read is None or _inside(tables, sheet, read[0][0], item.summed):
            continue
        rows, label_col = read
        side = item.total if isinstance(item.total, SideTotal) else None
        end = rows[-1] if isinstance(item.total, SideTotal) else item.total
        blocks.append(_Block(label_col, item.summed, rows, end, side))
    blocks.sort(key=lambda block: (block.label_col, block.summed, block.rows[0]))
    groups: list[list[_Block]] = []
    for block in blocks:
        last = groups[-1] if groups else None
        if (
            last
            and (last[0].label_col, last[0].summed) == (block.label_col, block.summed)
            and block.rows[0] - last[-1].end <= BLOCK_GAP_ROWS + 1
        ):
            last.append(block)
        else:
            groups.append([block])
    return groups


def _lines(
    sheet: SheetSnapshot, summed: int, first: int, last: int, fewest: int = MIN_LINES
) -> tuple[list[int], int] | None:
    """The rows a total sums that are lines of a table — each a number in the column
    summed and a text left of it — and the label column (the leftmost of the lines'
    first texts: `Alimentation | Prestataire` then `| Alimentation`), or None when the
    range holds anything else (a text in the column: not a list of postes)."""
    rows, label_cols = [], set()
    stop = min(last, sheet.row_count - 1)
    for row in range(max(first, sheet.origin_row), stop + 1):
        value = sheet.value(row, summed)
        if is_blank(value):
            continue
        if not isinstance(parse_number(value), Number) or isinstance(value, str):
            return None
        texts = [
            c
            for c in range(sheet.origin_col, summed)
            if isinstance(v := sheet.value(row, c), str) and v.strip() and not is_total_label(v.strip())
        ]
        if not texts:
            return None
        rows.append(row)
        label_cols.add(texts[0])
    if len(rows) < fewest or not label_cols:
        return None
    return rows, min(label_cols)


def _table_of(sheet: SheetSnapshot, group: list[_Block]) -> Table | None:
    label_col, summed = group[0].label_col, group[0].summed
    top = group[0].rows[0]
    bottom = max(block.end for block in group)
    sides = [block.side for block in group if block.side is not None]
    above = top - 1
    header = above >= sheet.origin_row and _is_header_above(sheet, above, label_col, summed)
    side_cells = {(s.row, c) for s in sides for c in (s.label_col, s.col)}
    last_col = _last_col(sheet, range(top if not header else above, bottom + 1), summed, side_cells)
    roles = {"label": label_col, "amount": summed}
    frame = Frame(sheet, PLAN, above, label_col, last_col, roles)
    rows = [
        # `Peinture` alone above its block: the title of the block, not a line of it.
        Row(row.index, NOTE, row.label, row.how)
        if row.kind == DETAIL and _is_title(sheet, row.index, label_col, last_col)
        else row
        for row in classify_rows(frame, list(range(above + 1, bottom + 1)))
    ]
    if not any(r.kind == DETAIL for r in rows):
        return None
    return Table(
        sheet=sheet,
        kind=PLAN,
        header_row=above,
        first_col=label_col,
        last_col=last_col,
        last_row=bottom,
        roles=roles,
        headers=_headers_of(sheet, above, label_col, last_col) if header else {},
        missing=[],
        rows=rows,
        header_rows=[above] if header else [],
        headerless=not header,
        side_totals=sides,
    )


def _last_col(sheet: SheetSnapshot, rows: range, summed: int, side_cells: set[tuple[int, int]]) -> int:
    """The table's last column: the column summed, or a filled cell right of it (within
    SIDE_GAP - 1 of the last so found) that is not a side total's."""
    last_col = summed
    for row in rows:
        for c, value in enumerate(sheet.row(row), sheet.origin_col):
            if (
                c > last_col
                and c - last_col <= SIDE_GAP - 1
                and (row, c) not in side_cells
                and not is_blank(value)
            ):
                last_col = c
    return last_col


def _headers_of(sheet: SheetSnapshot, row: int, first: int, last: int) -> dict[int, str]:
    return {
        c: str(v).strip()
        for c in range(first, last + 1)
        if isinstance(v := sheet.value(row, c), str) and v.strip()
    }


def _names_a_total(text: str) -> bool:
    """`Total`, `Sous-total`, or a label that says total anywhere (`Revenu mensuel
    total`, `Coût prévisionnel total`): beside a SUM of the rows above, the formula is
    the evidence, the word only says that the row is meant as a total."""
    return is_total_label(text) or "TOTAL" in words(text).split()


def _is_header_above(sheet: SheetSnapshot, row: int, label_col: int, summed: int) -> bool:
    """The row right above the first line names its columns (`Tarif` over the amounts):
    texts only, none a total, one at least over the label or the amount column."""
    cells = [sheet.value(row, c) for c in range(label_col, summed + 1)]
    filled = [v for v in cells if not is_blank(v)]
    return bool(filled) and all(
        isinstance(v, str) and len(v.strip()) <= 80 and not is_total_label(v.strip()) for v in filled
    )


def _is_title(sheet: SheetSnapshot, row: int, first: int, last: int) -> bool:
    filled = [v for c in range(first, last + 1) if not is_blank(v := sheet.value(row, c))]
    return len(filled) == 1 and isinstance(filled[0], str)


def _label_left(sheet: SheetSnapshot, row: int, col: int) -> tuple[int, str] | None:
    """The total label just left of a formula (`Total ` in D3 for E3), if there is one."""
    for c in range(col - 1, max(col - 1 - LABEL_SEARCH_COLS, sheet.origin_col - 1), -1):
        value = sheet.value(row, c)
        if is_blank(value):
            continue
        if isinstance(value, str) and is_total_label(value.strip()):
            return c, value.strip()
        return None
    return None


def _money_columns(table: Table) -> set[int]:
    return {table.roles[r] for r in table.money_roles}


def _inside(tables: list[Table], sheet: SheetSnapshot, row: int, col: int) -> bool:
    return any(
        t.sheet is sheet and t.top_row <= row <= t.last_row and t.first_col <= col <= t.outer_last_col
        for t in tables
    )


def _overlaps(table: Table, others: list[Table]) -> bool:
    return any(
        o.top_row <= table.last_row
        and table.top_row <= o.last_row
        and o.first_col <= table.outer_last_col
        and table.first_col <= o.outer_last_col
        for o in others
    )
