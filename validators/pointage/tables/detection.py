"""Finding the annex tables of a sheet (classeur.md, "How tables are found")."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import itemgetter

from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank, is_blank_row
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.excel_tables import structural_table, totals_of_tables
from pointage.tables.headers import (
    KIND_MEANINGS,
    MAX_HEADER_TEXT,
    YEARS,
    header_meaning,
    is_header_row,
    read_header,
    year_axis,
)
from pointage.tables.kinds import EXECUTION, LISTE, REPARTITION, TableKind
from pointage.tables.label_totals import label_total_tables
from pointage.tables.lexicon import MONEY_MEANINGS, header_words
from pointage.tables.outline_tables import outline_tables
from pointage.tables.pivots import pivot_tables
from pointage.tables.side_totals import attach_side_totals, formula_tables
from pointage.tables.table import TOTAL, Row, Table, classify_rows, extra_role, is_total_label

# A header row is looked for in the first rows of a block (a block starts at the
# top of the sheet, after 3 blank rows, or after a table).
HEADER_SEARCH_ROWS = 50
BLANK_RUN_ENDS_TABLE = 3


@dataclass(frozen=True)
class SeenHeader:
    """A header row read but not recognised as an annex table (said to the user)."""

    sheet: str
    row: int
    col: int
    headers: tuple[str, ...]


def find_tables(sheet: SheetSnapshot, seen: list[SeenHeader] | None = None) -> list[Table]:
    """The tables of a sheet, pass by pass: its Excel Tables, the tables found by their
    header rows (with the group rows above them), kept when surely of their kind, the
    totals written beside their lines, then the tables only their structure shows (SUM
    formulas, pivot frames, totals of Excel Tables, a list closed by a bare total, an
    outline). The header rows read but not recognised go to `seen`."""
    excel, claimed = _excel_tables(sheet)
    by_headers = _find_by_headers(sheet, claimed)
    spans = sorted((t.header_rows[0], t.last_row, id(t)) for t in excel + by_headers)
    excel = [replace(t, header_rows=_with_group_rows(sheet, t, spans)) for t in excel]
    every = excel + [replace(t, header_rows=_with_group_rows(sheet, t, spans)) for t in by_headers]
    # An Excel Table is kept whatever its columns (what it lacks is then said, not
    # checked); a table found by its header row only when it is surely of its kind.
    excel_ids = {id(t) for t in excel}
    kept = [t for t in every if _surely_of_its_kind(t) or id(t) in excel_ids]
    attach_side_totals(sheet, kept)
    shown_by_totals = _shown_by_totals(sheet, kept)
    kept += shown_by_totals
    listed = {id(t) for t in kept}
    shown_by_outline = outline_tables(sheet, kept)  # may take lists out of `kept`
    read_again = listed - {id(t) for t in kept}  # lists read as outlines: understood
    kept += shown_by_outline
    if seen is not None:
        kept_ids = {id(t) for t in kept} | read_again
        seen.extend(_seen_headers(sheet, [t for t in every if id(t) not in kept_ids or not _understood(t)]))
        if not every and not shown_by_totals and not shown_by_outline:
            seen.extend(_first_header_like_row(sheet))
    kept.sort(key=lambda t: (t.header_row, t.first_col))
    return kept


def _excel_tables(sheet: SheetSnapshot) -> tuple[list[Table], set[int]]:
    """The sheet's Excel Tables, and the rows they hold (no header is looked for there)."""
    found: list[Table] = []
    claimed: set[int] = set()
    for listobject in sheet.list_objects:
        if listobject.last_row <= listobject.first_row:
            # A header row alone (an autofilter LibreOffice saved as a Table): it says
            # nothing of the rows under it, which are found by their header as any.
            continue
        # An Excel Table is a table whatever its column names: its header row is known.
        header = _new_table(sheet, listobject.first_row, listobject.first_col, listobject.last_col)
        table = _finish(header, list(range(listobject.first_row + 1, listobject.last_row + 1)))
        if not _understood(table):
            # Headers that name nothing known: its totals row and calculated columns may.
            table = structural_table(sheet, listobject) or table
        elif table.kind.rows_bound_by_identities:
            table = replace(table, row_sums=list(listobject.row_sums))
        found.append(table)
        claimed.update(range(listobject.first_row, listobject.last_row + 1))
    return found, claimed


def _understood(table: Table) -> bool:
    """Every column the kind needs found, or headers sure enough of the kind (F004 then
    says what is missing)."""
    return table.usable or table.sure_of_kind


def _surely_of_its_kind(table: Table) -> bool:
    return table.missing == [] or (table.sure_of_kind and not _unnamed_amount(table))


def _shown_by_totals(sheet: SheetSnapshot, kept: list[Table]) -> list[Table]:
    """The tables that their totals show outside the tables `kept`: by SUM formulas (with
    their group rows: `DEP. SCOLAREST | PERSONNEL | FLUIDES`), pivot tables by their
    frame whatever their headers say, totals of Excel Tables' columns, a list closed by
    a bare total."""
    formulas = formula_tables(sheet, kept)
    spans = sorted((t.top_row, t.last_row, id(t)) for t in [*kept, *formulas])
    formulas = [
        replace(t, header_rows=_with_group_rows(sheet, t, spans)) if t.header_rows else t for t in formulas
    ]
    pivots = pivot_tables(sheet, [*kept, *formulas])
    boxes = totals_of_tables(sheet, [*kept, *formulas, *pivots])
    closed = label_total_tables(sheet, [*kept, *formulas, *pivots, *boxes])
    return formulas + pivots + boxes + closed


def _seen_headers(sheet: SheetSnapshot, tables: list[Table]) -> list[SeenHeader]:
    return [
        SeenHeader(sheet.name, t.header_row, t.first_col, tuple(t.headers[c] for c in sorted(t.headers)))
        for t in tables
    ]


def _unnamed_amount(table: Table) -> bool:
    """The amount is missing but a column whose header means nothing holds numbers: the
    amount is probably there under a name Pointage does not know (`Dotation 2024`), so
    the table is not surely understood and no F004 is raised."""
    if "amount" not in table.missing:
        return False
    rows = [r.index for r in table.rows][:200]
    unnamed = [c for c in table.headers if c not in table.meanings]
    return any(_mostly_numbers(table.sheet, rows, c) for c in unnamed)


def _first_header_like_row(sheet: SheetSnapshot) -> list[SeenHeader]:
    """The row a person would take for the sheet's header (texts only, two at least),
    to say what was seen on a sheet where no table was recognised."""
    for index in range(sheet.origin_row, min(sheet.row_count, sheet.origin_row + HEADER_SEARCH_ROWS)):
        cells = sheet.row(index)
        if _looks_like_header(cells):
            filled = [(c, str(v).strip()) for c, v in enumerate(cells, sheet.origin_col) if not is_blank(v)]
            if len(filled) < 2:
                continue
            return [SeenHeader(sheet.name, index, filled[0][0], tuple(text for _, text in filled))]
    return []


@dataclass(slots=True)
class _Header:
    """A header row read, and what the passes of `_finish` decide from the rows under
    it (the amount column, the kind, the roles) before the table is built. Detection's
    own working record: a `Table` is made from it once, never changed after."""

    sheet: SheetSnapshot
    kind: TableKind
    header_row: int
    first_col: int
    last_col: int
    roles: dict[str, int]
    headers: dict[int, str]
    missing: list[str]
    header_rows: list[int]
    score: int
    meanings: dict[int, str]
    extra_money: list[str]
    year_columns: list[int]
    # Its header repeats the header of the table just above (a sub-table of that one).
    repeats_header_above: bool = False


def _find_by_headers(sheet: SheetSnapshot, claimed: set[int]) -> list[Table]:
    """The tables of the sheet found by their header rows, outside the rows `claimed`
    (Excel Tables')."""
    return _HeaderScan(sheet, claimed).tables()


@dataclass(slots=True)
class _TotalSearch:
    """How far the body of the table being read was searched for a total label, and
    whether one was found: each row is looked at once per table."""

    searched: int = 0
    found: bool = False

    def has_total(self, header: _Header, body: list[int]) -> bool:
        """Whether a total row was already read in the body (labels only)."""
        sheet = header.sheet
        left = header.first_col - sheet.origin_col
        for index in body[self.searched :]:
            if self.found:
                break
            cells = sheet.row(index)[max(left, 0) : header.last_col - sheet.origin_col + 1]
            self.found = any(isinstance(v, str) and is_total_label(v.strip()) for v in cells)
        self.searched = len(body)
        return self.found


class _HeaderScan:
    """The walk down a sheet, row by row, that reads its tables by their header rows:
    the table being read (`current`) and its body, where the current block of rows
    started (a header is looked for in its first HEADER_SEARCH_ROWS rows), the blank
    rows just passed, and the search of its body for a total."""

    def __init__(self, sheet: SheetSnapshot, claimed: set[int]) -> None:
        self.sheet, self.claimed = sheet, claimed
        self.found: list[Table] = []
        self.current: _Header | None = None
        self.body: list[int] = []
        self.block_start = sheet.origin_row
        self.blank_run = 0
        self.blank_run_before = False
        self.total_search = _TotalSearch()
        self.numbers = _TypedNumbers(sheet)

    def tables(self) -> list[Table]:
        sheet = self.sheet
        values, top = sheet.values, sheet.origin_row
        lines_end = -1  # the rows before it are lines already added to `body`
        for index in range(sheet.origin_row, sheet.row_count):
            if index < lines_end:
                continue
            if self.claimed and index in self.claimed:
                self._close()
                self.block_start, self.blank_run = index + 1, 0
                continue
            cells = values[index - top]
            if self.current is not None and self.body and not self.blank_run:
                if not self.claimed:
                    # The usual rows: lines of the table, as long as they hold a typed number in
                    # its amount column (no header, not blank, no title after a blank row).
                    lines_end = self.numbers.run_end(self.current.roles.get("amount"), index)
                    if lines_end > index:
                        self.body.extend(range(index, lines_end))
                        continue
                if not _NUMBER_TYPES.isdisjoint(map(type, cells)):
                    self.body.append(index)  # one more line of the table (a typed number elsewhere)
                    continue
            if is_blank_row(cells):
                self._blank(index)
                continue
            self.blank_run_before, self.blank_run = self.blank_run > 0, 0
            if self._may_be_header(index, cells) and self._is_header(cells):
                self._header(index, cells)
            elif self.current is not None:
                self._line_or_title(index, cells)
        self._close()
        return self.found

    def _close(self) -> None:
        """The table being read ends (its body is read, side-by-side tables apart)."""
        if self.current is not None:
            self.found.extend(_finish_side_by_side(self.current, self.body))
            self.current = None

    def _blank(self, index: int) -> None:
        self.blank_run += 1
        if self.blank_run >= BLANK_RUN_ENDS_TABLE:
            self._close()
            self.block_start = index + 1

    def _may_be_header(self, index: int, cells: list[object]) -> bool:
        """A row where a header may stand: inside a table, or near its block's start;
        without a number (most rows: one C call), or with years (typed as numbers) at
        a table's start or after a blank row, never between two lines of one."""
        if self.current is None and index - self.block_start >= HEADER_SEARCH_ROWS:
            return False
        if _NUMBER_TYPES.isdisjoint(map(type, cells)):
            return True
        opens = self.current is None or not self.body or self.blank_run_before
        return opens and _numbers_may_be_years(cells) and bool(year_axis(cells))

    def _is_header(self, cells: list[object]) -> bool:
        """A header row that starts a table: the first, or one that repeats or completes
        the current table's header, or (after a blank row) a header of its own."""
        current, body = self.current, self.body
        if not _looks_like_header(cells) or not is_header_row(
            cells, repeated=current is not None and bool(body)
        ):
            return False
        if current is None or _repeats_header(current, cells):
            return True
        return (not body and _completes_header(current, cells)) or (self.blank_run_before and bool(body))

    def _header(self, index: int, cells: list[object]) -> None:
        current = self.current
        if current is not None and not self.body:
            # A header on two rows (`Etat des lieux de l'existant` above
            # `Cible`), or repeated after a page break: one table.
            self.current = _new_table(
                self.sheet,
                current.header_row,
                header_rows=[*current.header_rows, index],
                repeats_header_above=current.repeats_header_above,
            )
            return
        repeats = current is not None and _repeats_header(current, cells)
        self._close()
        self.current = _new_table(self.sheet, index, repeats_header_above=repeats)
        self.body = []
        self.total_search = _TotalSearch()

    def _line_or_title(self, index: int, cells: list[object]) -> None:
        current = self.current
        assert current is not None
        if (
            self.blank_run_before
            and _is_title_row(cells)
            and self.total_search.has_total(current, self.body)
            and not _data_follows(current, index)
        ):
            # The title of the next block (`Coût supplémentaire`) ends this table.
            self._close()
            self.block_start = index
            return
        self.body.append(index)


_NUMBER_TYPES = frozenset({int, float})


class _TypedNumbers:
    """Which rows of a sheet hold a typed number in a column, one byte a row, read at
    C speed once per column asked."""

    def __init__(self, sheet: SheetSnapshot) -> None:
        self.sheet = sheet
        self._flags: dict[int, bytes] = {}

    def run_end(self, col: int | None, index: int) -> int:
        """The first row from `index` on whose cell in `col` holds no typed number
        (`index` itself when it holds none, or when `col` is not in every row)."""
        sheet = self.sheet
        c = -1 if col is None else col - sheet.origin_col
        if not 0 <= c < sheet.width:
            return index
        flags = self._flags.get(c)
        if flags is None:
            types = map(type, map(itemgetter(c), sheet.values))
            flags = self._flags[c] = bytes(map(_NUMBER_TYPES.__contains__, types))
        end = flags.find(0, index - sheet.origin_row)
        return sheet.row_count if end < 0 else sheet.origin_row + end


def _numbers_may_be_years(cells: list[object]) -> bool:
    """Every number of the row falls between the years a header may name: the cheap
    test that spares most rows of data `year_axis` (their first amount ends it)."""
    low, high = YEARS
    for value in cells:
        kind = value.__class__
        if (kind is int or kind is float) and not low <= value <= high:  # type: ignore[operator]
            return False
    return True


def _repeats_header(table: _Header, cells: list[object]) -> bool:
    """Inside a table, a header row starts a sub-table only when, in at least two
    columns, it shares a word with the table's header (`CODE | STRUCTURE | Nature |
    Montant` again after a title row, or `NOM STRUCTURE | MONTANT ACCORDE`), not
    whenever a row of text happens to hold two words of the lexicon."""
    shared = 0
    for col, header in table.headers.items():
        i = col - table.sheet.origin_col
        value = cells[i] if 0 <= i < len(cells) else None
        if isinstance(value, str) and set(header_words(value)) & set(header_words(header)):
            shared += 1
    return shared >= 2


def _completes_header(table: _Header, cells: list[object]) -> bool:
    """A second header row names what the first leaves open (`Ressources existantes`
    under `Etat des lieux de l'existant`, `Débit | Crédit` under `Soldes`); a first row
    of data typed as text (`Association sportive` | `Subvention exceptionnelle`) says
    again, column by column, what the header says: it is data."""
    sheet = table.sheet
    if table.header_rows and table.header_rows[-1] + 1 in sheet.hidden_rows:
        return True  # a hidden header row (a pivot's field names)
    upper = _stacked_headers(sheet, table.header_rows or [table.header_row])
    merged = {
        c
        for _, c1, _, c2 in sheet.merged_starting(table.header_row, table.header_row)
        for c in range(c1, c2 + 1)
    }
    for col, meaning in table.meanings.items():
        i = col - sheet.origin_col
        value = cells[i] if 0 <= i < len(cells) else None
        right = upper[i + 1] if i + 1 < len(upper) else None
        # Under a group title (merged, or followed by empty cells), a sub-header may
        # say the same thing (`Ressources existantes` under `Etat des lieux de
        # l'existant`); under a column's own name, the same meaning again is data.
        if col in merged or is_blank(right):
            continue
        if meaning in KIND_MEANINGS and header_meaning(value) == meaning:
            return False
    return True


def _looks_like_header(cells: list[object]) -> bool:
    """A header row has no number (but the years of a time axis), and at least two
    cells short enough to be headers: a cheap test before any text is normalised. Among rows without a number,
    it never refuses a row that `is_header_row` accepts (a property test checks it)."""
    texts = 0
    axis: list[int] | None = None
    for i, value in enumerate(cells):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # A number is data, unless it is a year of a time axis (`2023 | 2024`).
            axis = year_axis(cells) if axis is None else axis
            if i not in axis:
                return False
            texts += 1
        elif isinstance(value, str) and 0 < len(value) <= MAX_HEADER_TEXT:
            texts += 1
    return texts >= 2


def _new_table(
    sheet: SheetSnapshot,
    header_row: int,
    first_col: int | None = None,
    last_col: int | None = None,
    header_rows: list[int] | None = None,
    repeats_header_above: bool = False,
) -> _Header:
    header_rows = header_rows or [header_row]
    cells = _stacked_headers(sheet, header_rows)
    first, last = _header_bounds(sheet, cells, header_rows, first_col, last_col)
    in_table = [
        cells[c - sheet.origin_col] if first <= c <= last else None
        for c in range(sheet.origin_col, sheet.origin_col + len(cells))
    ]
    reading = read_header(in_table, sheet.origin_col)
    roles = dict(reading.roles)
    meanings = reading.meanings or {}
    missing = list(reading.missing)
    years = [sheet.origin_col + i for i in year_axis(in_table)]
    if years and reading.kind.has_totals:
        # Under a time axis, the amounts of each year: the last is the amount when no
        # header names one, the others are checked beside it.
        added = _year_roles(reading.kind, roles, years)
        roles.update(added)
        if "amount" in added:
            missing = [m for m in missing if m != "amount"]
    headers = dict(reading.headers)
    for col in years:
        headers[col] = str(int(float(headers[col])))  # `2024`, not `2024.0`
    for col, meaning in sorted(meanings.items()):
        if meaning in MONEY_MEANINGS and col not in roles.values():
            roles[extra_role(col)] = col
    extra = [role for role in roles if role.startswith("extra:")]
    return _Header(
        sheet=sheet,
        kind=reading.kind,
        header_row=header_row,
        first_col=first,
        last_col=last,
        roles=roles,
        headers=headers,
        missing=missing,
        header_rows=header_rows,
        score=reading.score,
        meanings=meanings,
        extra_money=extra if reading.kind.has_totals else [],
        year_columns=years,
        repeats_header_above=repeats_header_above,
    )


def _header_bounds(
    sheet: SheetSnapshot,
    cells: list[object],
    header_rows: list[int],
    first_col: int | None,
    last_col: int | None,
) -> tuple[int, int]:
    """The first and last columns of the table: those given, else the first and last
    the header names (a hidden header row still bounds the table: a pivot's
    `Étiquettes de lignes`)."""
    if first_col is not None and last_col is not None:
        return first_col, last_col
    columns = [sheet.origin_col + i for i, v in enumerate(cells) if not is_blank(v)]
    columns += [
        c for r in header_rows for c, v in enumerate(sheet.row(r), sheet.origin_col) if not is_blank(v)
    ]
    columns.sort()
    return (columns[0] if first_col is None else first_col), (columns[-1] if last_col is None else last_col)


def _year_roles(kind: TableKind, roles: dict[str, int], years: list[int]) -> dict[str, int]:
    """The roles a time axis adds: the last year is the amount when no header names
    one, the other years are extra money columns."""
    added: dict[str, int] = {}
    if "amount" in kind.roles and "amount" not in roles:
        added["amount"] = years[-1]
    for col in years:
        if col not in roles.values() and col not in added.values():
            added[extra_role(col)] = col
    return added


# Sub-headers that say which side of a group they are, not what the column holds.
_SUB_HEADERS = frozenset({"debit", "credit", None})


def _stacked_headers(sheet: SheetSnapshot, header_rows: list[int]) -> list[object]:
    """One header per column: the lowest filled cell of the header rows, hidden rows
    aside (a pivot table's hidden `Somme de Montant colonne 1` is not what people read)."""
    width = max(len(sheet.row(r)) for r in header_rows)
    cells: list[object] = [None] * width
    shown = [r for r in header_rows if r not in sheet.hidden_rows] or header_rows
    groups: dict[int, str] = {}  # column -> the group title merged above it
    for row in shown:
        for i in range(width):
            value = sheet.value(row, sheet.origin_col + i)
            if not is_blank(value):
                cells[i] = value
        for r1, c1, _r2, c2 in sheet.merged_starting(row, row):
            title = sheet.value(r1, c1)
            if c2 > c1 and isinstance(title, str) and header_meaning(title) in KIND_MEANINGS:
                for col in range(c1, c2 + 1):
                    groups[col - sheet.origin_col] = title.strip()
    for i, title in groups.items():
        # `Soldes` merged over `Débit | Crédit`: the columns are `Soldes Débit`…
        sub = cells[i] if 0 <= i < width else None
        if isinstance(sub, str) and sub.strip() != title and header_meaning(sub) in _SUB_HEADERS:
            cells[i] = f"{title} {sub.strip()}"
    return cells


def _is_title_row(cells: list[object]) -> bool:
    filled = [v for v in cells if not is_blank(v)]
    return len(filled) == 1 and isinstance(filled[0], str) and not is_total_label(filled[0].strip())


def _data_follows(table: _Header, title: int) -> bool:
    """Whether the first filled row after a title holds an amount where the table has
    its amount: the rows go on under a section title (`Culture`), the table with them."""
    col = table.roles.get("amount")
    sheet = table.sheet
    for index in range(title + 1, min(title + 4, sheet.row_count)):
        if is_blank_row(sheet.row(index)):
            continue
        return col is not None and isinstance(sheet.value(index, col), (int, float))
    return False


# Two tables side by side (`Coût humain` in A:E, `Coût matériel` in I:L, on the same
# rows) are apart by at least this many empty header columns.
SIDE_BY_SIDE_GAP = 2


def _finish_side_by_side(table: _Header, body: list[int]) -> list[Table]:
    groups = _column_groups(table, body)
    if len(groups) < 2:
        return [_finish(table, body)]
    parts = []
    for first, last in groups:
        part = _new_table(table.sheet, table.header_row, first, last, table.header_rows)
        finished = _finish(part, [r for r in body if not _blank_between(table.sheet, r, first, last)])
        if finished.rows:
            parts.append(finished)
    if len(parts) < 2 or any(p.missing for p in parts):
        return [_finish(table, body)]  # spacer columns inside one table, not two tables
    return parts


def _column_groups(table: _Header, body: list[int]) -> list[tuple[int, int]]:
    """Runs of header columns apart by SIDE_BY_SIDE_GAP empty ones (empty in the header,
    merged header cells counting as filled, and empty in the body), each naming at least
    two columns, or the whole table."""
    sheet = table.sheet
    filled = set(table.headers)
    for row in table.header_rows or [table.header_row]:
        for _, c1, _, c2 in sheet.merged_starting(row, row):
            filled.update(range(c1, c2 + 1))
    if not _has_gap(sorted(filled)):
        return [(table.first_col, table.last_col)]  # the usual table: no body to scan
    for index in body:
        for col in range(table.first_col, table.last_col + 1):
            if col not in filled and not is_blank(sheet.value(index, col)):
                filled.add(col)
    columns = sorted(c for c in filled if table.first_col <= c <= table.last_col)
    groups: list[list[int]] = []
    for col in columns:
        if groups and col - groups[-1][-1] <= SIDE_BY_SIDE_GAP:
            groups[-1].append(col)
        else:
            groups.append([col])
    if len(groups) < 2 or any(len(g) < 2 for g in groups):
        return [(table.first_col, table.last_col)]
    return [(g[0], g[-1]) for g in groups]


def _has_gap(columns: list[int]) -> bool:
    return any(b - a > SIDE_BY_SIDE_GAP for a, b in pairwise(columns))


def _blank_between(sheet: SheetSnapshot, row: int, first: int, last: int) -> bool:
    return all(is_blank(sheet.value(row, c)) for c in range(first, last + 1))


def _finish(header: _Header, body: list[int]) -> Table:
    """The table under `header`: its kind and columns decided from its rows (a time
    axis over an outline, the amount column that holds numbers, quantities that are
    text), its rows sorted, then a répartition without a total read as a list."""
    if header.year_columns and header.kind.has_totals and _is_outline(header, body):
        _read_as_outline(header)
    _choose_amount_by_values(header, body)
    _drop_quantities_of_text(header, body)
    rows = _without_trailing_zero_rows(header, classify_rows(header, body))
    if header.kind is REPARTITION and rows and not any(r.kind == TOTAL for r in rows):
        _read_as_list(header, body)
    return Table(
        sheet=header.sheet,
        kind=header.kind,
        header_row=header.header_row,
        first_col=header.first_col,
        last_col=header.last_col,
        last_row=rows[-1].index if rows else header.header_row,
        roles=header.roles,
        headers=header.headers,
        missing=header.missing,
        rows=rows,
        header_rows=header.header_rows,
        score=header.score,
        meanings=header.meanings,
        extra_money=header.extra_money,
        repeats_header_above=header.repeats_header_above,
        year_columns=header.year_columns,
    )


def _read_as_list(header: _Header, body: list[int]) -> None:
    """No total row: a list of grants, where each row stands alone (its other money
    columns are not totalled)."""
    header.kind = LISTE
    header.roles = {role: col for role, col in header.roles.items() if role not in header.extra_money}
    header.extra_money = []
    if header.missing == ["label"] and _mostly_numbers(header.sheet, body[:200], header.roles["amount"]):
        # A list is defined by its amounts: each row stands alone, checked only for
        # its form (a row pasted twice, a number typed as text); no beneficiary is
        # needed to say that, and none is accused of missing.
        header.missing = []


def _is_outline(table: _Header, body: list[int]) -> bool:
    """Rows whose first text stands in the first text column head rows whose first text
    stands further right (`Fonctionnement` over `  | Personnel`, `  | Charges`): two
    levels at least, each on two rows at least, the upper one first."""
    firsts = []
    for index in body:
        cells = table.sheet.row(index)
        first = next(
            (
                c
                for c, v in enumerate(cells, table.sheet.origin_col)
                if table.first_col <= c <= table.last_col and isinstance(v, str) and v.strip()
            ),
            None,
        )
        if first is not None and not is_total_label(str(table.sheet.value(index, first)).strip()):
            firsts.append(first)
    if not firsts:
        return False
    upper = min(firsts)
    lower = [c for c in firsts if c > upper]
    return firsts[0] == upper and firsts.count(upper) >= 2 and len(lower) >= 2


def _read_as_outline(table: _Header) -> None:
    """A time axis over an outline (subtotals above their lines, as a budget by chapter
    and article): every year's column is summed by the outline's reading
    (`analysis/outline.py`), which says when it does not understand it."""
    amount = table.roles.pop("amount", None)
    if amount is not None:
        table.roles[extra_role(amount)] = amount
        table.extra_money.append(extra_role(amount))
    table.extra_money.sort(key=lambda role: table.roles[role])
    if "label" not in table.roles and "description" in table.roles:
        # An outline's lines are named by their wording (`Intitulé`): its label.
        table.roles["label"] = table.roles.pop("description")
    table.kind = EXECUTION
    table.missing = []


def _without_trailing_zero_rows(header: _Header, rows: list[Row]) -> list[Row]:
    """Rows at the end of a table that hold nothing but zeros (`= C91*D91` copied down an
    empty range of an Excel Table) are not rows a person reads: the table ends above."""
    sheet, first, last = header.sheet, header.first_col, header.last_col
    end = len(rows)
    while end:
        values = [sheet.value(rows[end - 1].index, c) for c in range(first, last + 1)]
        if any(v is not None and v != 0 for v in values) or any(isinstance(v, bool) for v in values):
            break
        end -= 1
    return rows[:end]


def _held_by_another(row: int, table: Table, spans: list[tuple[int, int, int]]) -> bool:
    """Whether another table holds `row` (tables follow each other down a sheet: only
    the few that start just above it can)."""
    end = bisect_right(spans, (row, float("inf"), 0))
    return any(first <= row <= last and key != id(table) for first, last, key in spans[max(0, end - 4) : end])


def _with_group_rows(sheet: SheetSnapshot, table: Table, spans: list[tuple[int, int, int]]) -> list[int]:
    """The header rows, with the group rows right above them: `Informations relatives
    au bénéficiaire` merged over its sub-headers, or a row of column numbers. A row
    above is a group row when it holds at least two cells within the table's columns
    and nothing that is a sentence (a title is one cell)."""
    rows = list(table.header_rows)
    for _ in range(2):
        above = rows[0] - 1
        if above < sheet.origin_row or _held_by_another(above, table, spans):
            break
        cells = [
            v
            for c, v in enumerate(sheet.row(above), sheet.origin_col)
            if table.first_col <= c <= table.last_col and not is_blank(v)
        ]
        outside = [
            v
            for c, v in enumerate(sheet.row(above), sheet.origin_col)
            if not table.first_col <= c <= table.last_col and not is_blank(v)
        ]
        if len(cells) < 2 or outside:
            break
        if not all(_is_group_cell(v) for v in cells):
            break
        rows.insert(0, above)
    return rows


def _is_group_cell(value: object) -> bool:
    """A group title (short text) or a column number (`1`, `2`…), not an amount."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value) and value == int(value) and 0 < value < 1000
    return isinstance(value, str) and len(value) <= 80


def _choose_amount_by_values(table: _Header, body: list[int]) -> None:
    """Of several columns that may be the amount (the last wins: `MONTANT RETENU` after
    `MONTANT PROPOSÉ`), the last one that holds numbers: `Aide d'État notifiée` filled
    with `Ne rien indiquer` is not the amount `Montant total de la subvention` is."""
    wanted = table.kind.roles.get("amount")
    if not wanted or "amount" not in table.roles or not body:
        return
    sample = body[:200]
    # Among the columns of the meaning chosen (`Montant de la subvention` before `Coût
    # total du projet`), never from one meaning to another.
    chosen_meaning = table.meanings.get(table.roles["amount"])
    candidates = [c for c, m in sorted(table.meanings.items()) if m == chosen_meaning]
    if len(candidates) < 2:
        return
    numeric = [c for c in candidates if _mostly_numbers(table.sheet, sample, c)]
    chosen = numeric[-1] if numeric else None
    totalled = _filled_on_totals(table, body, numeric)
    if chosen is not None and not totalled[chosen] and any(totalled.values()):
        # The totals say which column the table adds up: `Montant` filled (`=SUM(E2:E34)`)
        # on every `Total` row, `Montant demandé` beside it empty there.
        chosen = max(numeric, key=lambda c: (totalled[c], c))
    if chosen is None or chosen == table.roles["amount"]:
        return
    old = table.roles["amount"]
    for role, col in list(table.roles.items()):
        if col == chosen:
            del table.roles[role]
            if role in table.extra_money:
                table.extra_money.remove(role)
    table.roles["amount"] = chosen
    if table.kind.has_totals and old not in table.roles.values():
        table.roles[extra_role(old)] = old
        table.extra_money.append(extra_role(old))


def _filled_on_totals(table: _Header, body: list[int], columns: list[int]) -> dict[int, int]:
    """For each column, how many total rows of the body (a total label in the row, or a
    SUM of the rows above in that column) hold a number in it."""
    sheet = table.sheet
    counts = dict.fromkeys(columns, 0)
    if not columns:
        return counts
    left = table.first_col - sheet.origin_col
    for index in body:
        cells = sheet.row(index)[max(left, 0) : table.last_col - sheet.origin_col + 1]
        labelled = any(isinstance(v, str) and is_total_label(v.strip()) for v in cells)
        for col in columns:
            if (labelled or (index, col) in sheet.sums) and isinstance(sheet.value(index, col), (int, float)):
                counts[col] += 1
    return counts


def _drop_quantities_of_text(table: _Header, body: list[int]) -> None:
    """A quantity column that holds text (`Place` of `Place Carnot`, `Durée` of `3 ans`
    on every row) is not a column of numbers: it fills no quantity role."""
    sample = body[:200]
    for role in table.kind.quantities:
        col = table.roles.get(role)
        if col is None:
            continue
        filled = [v for r in sample if not is_blank(v := table.sheet.value(r, col))]
        texts = [v for v in filled if isinstance(v, str)]
        if (
            filled
            and not _mostly_numbers(table.sheet, sample, col)
            and len(texts) == len(filled)
            and any(map(_letters, texts))
        ):
            del table.roles[role]


def _letters(text: str) -> bool:
    """Words, not a number badly typed (`O,5`, `12,5,3` stay F002's)."""
    return sum(ch.isalpha() for ch in text) >= 3


def _mostly_numbers(sheet: SheetSnapshot, rows: list[int], col: int) -> bool:
    filled = [v for r in rows if not is_blank(v := sheet.value(r, col))]
    numbers = sum(1 for v in filled if isinstance(parse_number(v), Number))
    return bool(filled) and numbers * 2 >= len(filled)
