"""Tables that only their outline shows: a budget listed as a tree, each subtotal ABOVE
its lines and no `Total` word anywhere (`Département | Section | Article` rows, or
`Chapitre` above them), under a header no lexicon word may name (`Type | Numéro |
Libellé | Compte provisoire 2013 | 2015 | 2016`).

The evidence is structure, never vocabulary:
- the levels of the rows, given by the sheet itself: a column of a few repeated short
  words, one per level (`Département`, `Section`, `Article`), the first to appear the
  highest; or the indentation of the first text (a leaf one column further right); or
  a column of codes each extending the one of its parent (`6`, `60`, `601`);
- amounts that add up: a row followed by deeper rows is a parent, and in each numeric
  column its amount is the sum of its children (the rows of the next level under it,
  up to the next row of its level or higher; an empty cell counts 0).

A numeric column is an amount of the outline when its parents add up in it (most of
them); the table is one when most of its parents add up in every amount column. A
slip changes one parent of four hundred: the table is still read and the slip said
(`analysis/outline.py`). Anything less is not an outline, and no table is made.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

from pointage.base.text import is_blank
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.headers import MAX_HEADER_TEXT, header_meaning
from pointage.tables.kinds import EXECUTION
from pointage.tables.table import DETAIL, TOTAL, TOTAL_BY_LABEL, Row, Table, extra_role, is_total_label

MIN_ROWS = 6
MIN_PARENTS = 3  # parents of two lines or more that add up: fewer is no evidence
MIN_AGREE = 0.8  # of the parents, in each amount column and all at once
MAX_LEVEL_WORDS = 8  # distinct words of a level column
MAX_LEVEL_WORD = 40
MIN_YEAR, MAX_YEAR = 1900, 2100  # a header of years typed as numbers
MAX_ROWS = 100_000
# Header-like rows tried outside the tables found, per sheet: each reads the rows
# below it, so a sheet of text rows above number rows is not read again and again.
MAX_ATTEMPTS = 20


def outline_tables(sheet: SheetSnapshot, tables: list[Table]) -> list[Table]:
    """The outlines of the sheet: under a header no table was found at, or a list found
    by its header (no total row) whose rows turn out to add up as a tree. A list so
    read again is among `tables` no more."""
    found = _lists_read_again(sheet, tables)
    # The rows of the tables found, skipped span by span (a 100 000-row table is one step).
    spans = sorted((t.top_row, t.last_row) for t in [*tables, *found] if t.sheet is sheet)
    index, attempts, next_span = sheet.origin_row, 0, 0
    while index < sheet.row_count - MIN_ROWS:
        while next_span < len(spans) and spans[next_span][1] < index:
            next_span += 1
        if next_span < len(spans) and spans[next_span][0] <= index:
            index = spans[next_span][1] + 1
            continue
        if not _may_be_header(sheet.row(index)) or not _has_number(sheet.row(index + 1)):
            index += 1
            continue
        stop = spans[next_span][0] if next_span < len(spans) else sheet.row_count
        body = _body_under(sheet, index, stop)
        tree = _outline_of(sheet, index, body) if len(body) >= MIN_ROWS else None
        if tree is None:
            attempts += 1
            if attempts >= MAX_ATTEMPTS:
                break  # rows of text above rows of numbers, again and again: a form, no tree
            index += 1
            continue
        found.append(tree)
        index = tree.last_row + 1
    return found


def _lists_read_again(sheet: SheetSnapshot, tables: list[Table]) -> list[Table]:
    """The lists of the sheet found by their header whose rows add up as a tree, read
    as outlines; each is taken out of `tables`."""
    found: list[Table] = []
    for table in list(tables):
        if table.sheet is sheet and table.kind.is_list and table.rows and not table.headerless:
            body = [r.index for r in table.rows]
            outline = _outline_of(sheet, table.header_row, body) if len(body) >= MIN_ROWS else None
            if outline is not None:
                tables.remove(table)
                found.append(outline)
    return found


def _body_under(sheet: SheetSnapshot, header: int, stop: int) -> list[int]:
    """The rows under a header, up to `stop`, two blank rows (one is spacing) or
    `MAX_ROWS`: blank rows left out."""
    body: list[int] = []
    for row in range(header + 1, min(stop, header + 1 + MAX_ROWS)):
        if all(is_blank(v) for v in sheet.row(row)):
            if row == header + 1 or not body or body[-1] != row - 1:
                break  # two blank rows end the table (one is spacing)
            continue
        body.append(row)
    return body


def _may_be_header(cells: list[object]) -> bool:
    """Texts only, or years typed as numbers (`Libellé | 2015 | 2016`), three at least."""
    filled = [v for v in cells if not is_blank(v)]
    texts = sum(1 for v in filled if isinstance(v, str) and len(v) <= MAX_HEADER_TEXT)
    years = sum(1 for v in filled if _is_number(v) and v == int(v) and MIN_YEAR <= v <= MAX_YEAR)
    return len(filled) >= 3 and texts >= 2 and texts + years == len(filled)


def _has_number(cells: list[object]) -> bool:
    return any(_is_number(v) for v in cells)


def _is_number(value: object) -> TypeGuard[int | float]:
    """A finite number (a NaN or an infinity read from a broken file is none)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _cents(value: object) -> int:
    if _is_number(value):
        return value * 100 if isinstance(value, int) else round(value * 100)
    return 0


def _outline_of(sheet: SheetSnapshot, header: int, body: list[int]) -> Table | None:
    filled = [c for c, v in enumerate(sheet.row(header), sheet.origin_col) if not is_blank(v)]
    first, last = filled[0], filled[-1]
    columns = range(first, last + 1)
    # A `Total général` row is no level of the tree: it closes it (checked apart).
    totals = {r for r in body if _total_label(sheet, r, columns)}
    core = [r for r in body if r not in totals]
    grid = _Columns(sheet, core)
    numeric: list[int] | None = None
    for levels in _level_readings(sheet, core, grid, columns):
        if numeric is None:  # read once a reading of the levels is found (most lists have none)
            numeric = [c for c in columns if sum(map(_is_number, grid[c])) * 2 >= len(core)]
        if not numeric:
            return None
        amounts = _amount_columns(levels, [[_cents(v) for v in grid[c]] for c in numeric], numeric, grid)
        if amounts:
            by_row = dict(zip(core, levels))
            return _table(sheet, header, body, first, last, amounts, [by_row.get(r) for r in body], grid)
    return None


def sheet_levels(table: Table) -> tuple[list[int | None], list[int]] | None:
    """For a table found by its header whose rows show no indentation (every label in
    one column): the levels its rows take from a column of level words or of codes,
    and the money columns where the parents then add up (None without such evidence).
    Its total rows are no level (None)."""
    sheet = table.sheet
    core = [r.index for r in table.rows if r.kind == DETAIL]
    money = sorted(table.roles[role] for role in table.money_roles)
    if len(core) < MIN_ROWS or not money:
        return None
    grid = _Columns(sheet, core)
    columns = range(table.first_col, table.last_col + 1)
    readings = [_levels_by_words(grid[c]) for c in columns if c not in money]
    readings += [_levels_by_codes(grid[c]) for c in columns if c not in money]
    for levels in filter(None, readings):
        amounts = _amount_columns(levels, [[_cents(v) for v in grid[c]] for c in money], money, grid)
        if amounts:
            by_row = dict(zip(core, levels))
            return [by_row.get(r.index) for r in table.rows], amounts
    return None


def _total_label(sheet: SheetSnapshot, row: int, columns: range) -> bool:
    text = next((v.strip() for c in columns if isinstance(v := sheet.value(row, c), str) and v.strip()), "")
    return is_total_label(text)


class _Columns(dict):
    """The body's values column by column, each read when first asked for."""

    def __init__(self, sheet: SheetSnapshot, body: list[int]) -> None:
        super().__init__()
        self.sheet, self.body = sheet, body

    def __missing__(self, col: int) -> list[object]:
        values = self[col] = [self.sheet.value(r, col) for r in self.body]
        return values


def _level_readings(sheet: SheetSnapshot, body: list[int], grid: dict, columns: range):
    """Each reading of the rows' levels the sheet offers (0 the highest)."""
    for col in columns:
        levels = _levels_by_words(grid[col])
        if levels is not None:
            yield levels
    yield from filter(None, [_levels_by_indentation(sheet, body, columns)])
    for col in columns:
        levels = _levels_by_codes(grid[col])
        if levels is not None:
            yield levels


def _levels_by_words(values: list[object]) -> list[int] | None:
    """A column of a few short words, each repeated (`Département`, `Section`,
    `Article`): a level each, in the order they first appear (a parent comes first);
    a row without a word is a line, under them all (`Chapitre` on the parents only)."""
    order: dict[str, int] = {}
    levels: list[int | None] = []
    for value in values:
        if is_blank(value):
            levels.append(None)  # no word: a line, under every level named
            continue
        if not isinstance(value, str) or len(value) > MAX_LEVEL_WORD:
            return None
        key = value.strip().casefold()
        levels.append(order.setdefault(key, len(order)))
        if len(order) > MAX_LEVEL_WORDS:
            return None
    deepest = len(order)
    named = len(order) + (None in levels)
    if named < 2 or not order or len(values) < 3 * named:
        return None
    return [deepest if level is None else level for level in levels]


def _levels_by_indentation(sheet: SheetSnapshot, body: list[int], columns: range) -> list[int] | None:
    """The column of each row's first text, when it takes two to four places."""
    places = []
    seen: set[int] = set()
    for row in body:
        place = next((c for c in columns if isinstance(v := sheet.value(row, c), str) and v.strip()), None)
        if place is None:
            return None
        places.append(place)
        seen.add(place)
        if len(seen) > 4:
            return None
    distinct = sorted(seen)
    if len(distinct) < 2:
        return None
    rank = {c: i for i, c in enumerate(distinct)}
    return [rank[c] for c in places]


def _levels_by_codes(values: list[object]) -> list[int] | None:
    """A column of codes (`6`, `60`, `601`…), each row's code extending the code of the
    nearest row above with a shorter one: its level is the rank of its length."""
    codes = []
    for value in values:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an account typed as a number
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not text or " " in text:
            return None
        codes.append(text)
    lengths = sorted({len(c) for c in codes})
    if not 2 <= len(lengths) <= 6:
        return None
    stack: list[str] = []
    for code in codes:
        while stack and len(stack[-1]) >= len(code):
            stack.pop()
        if stack and not code.startswith(stack[-1]):
            return None
        stack.append(code)
    rank = {n: i for i, n in enumerate(lengths)}
    return [rank[len(c)] for c in codes]


def families(levels: Sequence[int | None]) -> list[tuple[int, list[int]]]:
    """(parent, its children) for each row followed by deeper rows: the rows of the
    shallowest level below it, up to the next row of its level or higher, or a total
    row (level None)."""
    found = []
    for i, level in enumerate(levels):
        if level is None:
            continue
        end = i + 1
        while end < len(levels) and (below := levels[end]) is not None and below > level:
            end += 1
        if end == i + 1:
            continue
        top = min(levels[i + 1 : end])  # type: ignore[type-var]
        found.append((i, [j for j in range(i + 1, end) if levels[j] == top]))
    return found


def _amount_columns(levels: list[int], cents: list[list[int]], numeric: list[int], grid: dict) -> list[int]:
    """The numeric columns where most parents add up (one may not: a slip); [] unless
    most parents, and three of two lines or more, add up in all of them at once. A
    parent wrong by the opposite of a child subtotal's error is that child's slip, not
    a failure of the reading."""
    tree = families(levels)
    children_of = dict(tree)
    kept = []
    failing: set[int] = set()
    for k, col in enumerate(numeric):
        fail = _failing_parents(tree, children_of, cents[k], grid[col])
        if fail is not None:
            kept.append(k)
            failing |= fail
    if not kept:
        return []
    families_of_lines = [p for p, children in tree if len(children) > 1]
    agreeing = [p for p in families_of_lines if p not in failing]
    if len(agreeing) < MIN_PARENTS or len(failing) > max(1, (1 - MIN_AGREE) * len(tree)):
        return []
    return [numeric[k] for k in kept]


def _failing_parents(
    tree: list[tuple[int, list[int]]],
    children_of: dict[int, list[int]],
    values: list[int],
    cells: list[object],
) -> set[int] | None:
    """The parents that do not add up in a column (a child's slip aside), or None when
    too few add up in it for the column to be an amount of the outline."""
    wrong = {
        parent: values[parent] - sum(values[j] for j in children)
        for parent, children in tree
        if _is_number(cells[parent]) and values[parent] != sum(values[j] for j in children)
    }
    fail = {p for p, d in wrong.items() if not any(wrong.get(c) == -d for c in children_of[p])}
    agree = sum(1 for p, _ in tree if _is_number(cells[p]) and p not in wrong and values[p])
    if agree > len(fail) and len(fail) <= max(1, (1 - MIN_AGREE) * (agree + len(fail))):
        return fail
    return None


def _table(
    sheet: SheetSnapshot,
    header: int,
    body: list[int],
    first: int,
    last: int,
    amounts: list[int],
    levels: list[int | None],
    grid: dict,
) -> Table:
    headers = {
        c: _header_text(v) for c in range(first, last + 1) if not is_blank(v := sheet.value(header, c))
    }
    meanings = {c: m for c, text in headers.items() if (m := header_meaning(text)) is not None}
    label = _label_column(grid, [c for c in range(first, last + 1) if c not in amounts])
    columns = _roles_of(label, amounts, meanings)
    return Table(
        sheet=sheet,
        kind=EXECUTION,
        header_row=header,
        first_col=first,
        last_col=last,
        last_row=body[-1],
        roles=columns.roles,
        headers=headers,
        missing=[],
        rows=_rows(sheet, body, levels, label, range(first, last + 1), amounts),
        header_rows=[header],
        meanings=meanings,
        extra_money=columns.extra,
        outline_levels=list(levels),
    )


@dataclass(frozen=True, slots=True)
class _Roles:
    """The roles of an outline's columns, and those of its amounts that no role of an
    execution table names (checked all the same, under their extra roles)."""

    roles: dict[str, int]
    extra: list[str]


def _roles_of(label: int | None, amounts: list[int], meanings: dict[int, str]) -> _Roles:
    """Each amount column under the execution role its header means, when that role is
    money and still free; under its extra role otherwise."""
    roles: dict[str, int] = {}
    if label is not None:
        roles["label"] = label
    extra = []
    for col in amounts:
        role = next((r for r, wanted in EXECUTION.roles.items() if meanings.get(col) in wanted), None)
        if role is None or role in roles or role not in EXECUTION.money:
            role = extra_role(col)
            extra.append(role)
        roles[role] = col
    return _Roles(roles, extra)


def _rows(
    sheet: SheetSnapshot,
    body: list[int],
    levels: list[int | None],
    label: int | None,
    columns: range,
    amounts: list[int],
) -> list[Row]:
    """A row of each level is a line (its parents are checked by the outline's
    analysis); a row without a level is a total closing the tree."""
    rows = []
    for row, level in zip(body, levels):
        # A parent of an indented outline has its label one column left of its lines'.
        texts = [label] if label is not None else []
        texts += [c for c in columns if c not in amounts]
        text = next((v.strip() for c in texts if isinstance(v := sheet.value(row, c), str) and v.strip()), "")
        if level is None:
            first_text = next(
                v.strip() for c in columns if isinstance(v := sheet.value(row, c), str) and v.strip()
            )
            rows.append(Row(row, TOTAL, first_text, TOTAL_BY_LABEL))
        else:
            rows.append(Row(row, DETAIL, text))
    return rows


def _header_text(value: object) -> str:
    """`2024`, not `2024.0`, for a year typed as a number."""
    if _is_number(value) and value == int(value):
        return str(int(value))
    return str(value).strip()


def _label_column(grid: dict, columns: list[int]) -> int | None:
    """The column of the longest texts: what each row is (`Maison du Grand-Duc`)."""
    best, longest = None, 0.0
    for col in columns:
        texts = [len(v) for v in grid[col] if isinstance(v, str)]
        mean = sum(texts) / len(grid[col]) if grid[col] else 0
        if texts and mean > longest:
            best, longest = col, mean
    return best
