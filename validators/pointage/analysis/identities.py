"""Identities between the numeric columns of a table, row by row.

Named ones come from the meaning of the headers (`Disponible = Budget − Engagé`,
`Coût total = Coût horaire × Nombre d'heures`, a balance's `Solde débit − Solde crédit
= Débits − Crédits`); others are inferred when they hold on
nearly every row of a table (`Montant TTC = Montant HT + Montant TVA`). Each row that
breaks one is a finding (I001 named, I002 inferred).

An identity that breaks on many rows was misread, not broken: a named one that fails
on more than a fifth of its rows is dropped and the table says so
(more than a fifth of its rows, and more than two rows).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import combinations, islice

from pointage.analysis.row_totals import TAX, WORDS, row_totals
from pointage.base.addresses import column_letter
from pointage.base.numbers import cell_cents, money_equal, to_cents
from pointage.base.text import is_blank
from pointage.tables.lexicon import solde_side
from pointage.tables.table import DETAIL, TOTAL, Row, Table

# (result, [(sign, role)…]) or (result, "×", a, b): the identities the headers name.
_NAMED_SUMS: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = (
    ("available", ((1, "budget"), (-1, "engaged"))),
    ("balance", ((1, "available"), (-1, "proposal"))),
    ("engaged", ((1, "realised"), (1, "pending"))),
)
_NAMED_PRODUCTS = (("amount", "unit_cost", "quantity"),)

MIN_ROWS = 10  # an identity is inferred from at least this many rows…
MIN_SHARE = Decimal("0.95")  # …holding on at least this share of them,
MIN_NON_ZERO = Decimal("0.3")  # …each term non-zero on this share (`x = x + 0` is no identity)
MAX_NAMED_FAILURES = Decimal("0.2")
MAX_NAMED_BREACHES = 2  # …and on more rows than this (one typo in a three-row table is a typo)
SAMPLE = 200  # rows an inferred identity is first tried on
# Beyond this many numeric columns (a table of yearly amounts), no identity is guessed:
# the triples to try grow as the cube of the columns.
MAX_INFERRED_COLUMNS = 14
# Columns of numbers that are not quantities: never terms of an identity.
_NOT_AMOUNTS = frozenset({"identifier", "date", "address", "grantor", "code"})


@dataclass
class Identity:
    result: int  # column of the result
    terms: tuple[tuple[int, int], ...]  # (sign, column) for a sum; two columns for a product
    product: bool
    named: bool
    text: str  # `Disponible = Budget − Engagé`, headers as written
    # More columns on the result's side, signed (`Solde débit − Solde crédit = …`): the
    # finding stands on `result`, the first of them.
    left: tuple[tuple[int, int], ...] = ()
    # A balance's, checked on its lines only: a statement's running `Solde` (the one
    # above + Crédit − Débit) looks like one, and holds on its first row only.
    balance: bool = False
    # Stated by the workbook (a calculated column, a pivot's grand-total column): an
    # empty term is 0, as in the formula, and a line is checked when its result is a
    # number and one term at least; its total rows are the totals' (T rules), not
    # checked twice.
    blank_zero: bool = False
    # Its terms were read from words or formulas around the result, not from a meaning
    # (`Total_Conso_m3 = S1_Conso_m3 + S2_Conso_m3`): broken on more than a fifth of its
    # rows, however few, it was misread.
    guessed: bool = False
    # A row total (`SUM(C25:H25)`, `Total_X = S1_X + S2_X`): read exactly, a blank term
    # adding nothing, as Excel's SUM does.
    row_total: bool = False

    @property
    def columns(self) -> list[int]:
        return [self.result, *(c for _, c in self.left), *(c for _, c in self.terms)]

    @property
    def lines_only(self) -> bool:
        """Checked on the lines only: its total rows are another's to check (a
        balance's are its outline's, a stated sum's the totals')."""
        return self.balance or self.blank_zero

    @property
    def doubtful(self) -> bool:
        """Read from evidence that may mislead (terms guessed from words or formulas, a
        balance's columns paired in order): broken on more than a fifth of its rows,
        however few, it was misread."""
        return self.balance or self.guessed


@dataclass
class Breach:
    identity: Identity
    row: Row
    found: int  # cents
    expected: int  # cents


@dataclass
class IdentityAnalysis:
    identities: list[Identity] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # French, for the report


def analyse_identities(table: Table, tolerance_cents: int = 0) -> IdentityAnalysis:
    analysis = IdentityAnalysis()
    notes = any(table.rows[p].kind not in (DETAIL, TOTAL) for p in table.non_detail_positions())
    rows = [r for r in table.rows if r.kind in (DETAIL, TOTAL)] if notes else list(table.rows)
    if not rows:
        return analysis
    values = _LazyColumns(table, rows, _numeric_columns(table, rows))
    named = _named(table, values)
    for identity in named:
        breaches = _breaches(identity, rows, values, tolerance_cents)
        checked = _checked_rows(identity, values)
        # Broken on more than a fifth of its lines, it is misread when it breaks on more
        # than a typo's few, or however few when its reading is doubtful (a short
        # statement's running solde, newest first or one a day, looks like a balance).
        share_tells = len(breaches) > MAX_NAMED_BREACHES or identity.doubtful
        misread = share_tells and Decimal(len(breaches)) / checked > MAX_NAMED_FAILURES
        # A row total its formulas show, broken on most of its rows however few: its
        # range holds a column not read as a term (a year, a code).
        misread = misread or (identity.row_total and len(breaches) * 2 > checked)
        if identity.balance and _running(identity, breaches, values):
            # A statement's running solde, not the solde of each line.
            analysis.dropped.append(
                f"{identity.text} : le solde est cumulé de ligne en ligne (un relevé), non vérifiée"
            )
            continue
        if misread or any(_explained(b, values) for b in breaches):
            # Misread, not broken: a column the identity forgets (`DM`, `Réservé`)
            # accounts for the gap, or too many rows break it.
            analysis.dropped.append(
                f"{identity.text} : ne tient pas sur {len(breaches)} lignes sur {checked}, "
                "colonnes sans doute mal comprises, non vérifiée"
            )
            continue
        analysis.identities.append(identity)
        analysis.breaches.extend(breaches)
    taken = {frozenset(i.columns) for i in named}
    for identity in _inferred(table, rows, values, named, taken, tolerance_cents):
        analysis.identities.append(identity)
        analysis.breaches.extend(_breaches(identity, rows, values, tolerance_cents))
    analysis.breaches.sort(key=lambda b: (b.row.index, b.identity.result))
    return analysis


class _LazyColumns:
    """The numeric columns of a table: `values[col]` is a column in cents (None where no
    number), read on first use, so that a big table whose identities fail on the sample
    never reads its whole columns; `col in values` and iteration give the columns."""

    def __init__(self, table: Table, rows: list[Row], columns: list[int]) -> None:
        self.table, self.rows, self.columns = table, rows, columns
        self._cents: dict[int, list[int | None]] = {}
        self._samples: dict[int, list[int | None]] = {}
        self._raw: dict[int, list[Decimal | None]] = {}

    @cached_property
    def positions(self) -> dict[int, int]:
        """Row -> its position in the columns (asked of the breaches only)."""
        return {r.index: p for p, r in enumerate(self.rows)}

    def __contains__(self, col: object) -> bool:
        return col in self.columns

    def __iter__(self) -> Iterator[int]:
        return iter(self.columns)

    def __getitem__(self, col: int) -> list[int | None]:
        found = self._cents.get(col)
        if found is None:
            found = self._cents[col] = _cents(self.table, self.rows, col)
        return found

    def raw(self, col: int) -> list[Decimal | None]:
        """Column values as exact decimals (a unit price of 1,659 € is not rounded)."""
        found = self._raw.get(col)
        if found is None:
            found = self._raw[col] = [
                _decimal(v) for v in self.table.sheet.column([r.index for r in self.rows], col)
            ]
        return found

    def sample(self, col: int) -> list[int | None]:
        if col in self._cents:
            return self._cents[col][:SAMPLE]
        found = self._samples.get(col)
        if found is None:
            found = self._samples[col] = _cents(self.table, self.rows[:SAMPLE], col)
        return found


def _explained(breach: Breach, values: _LazyColumns) -> bool:
    """The gap of a breach equals another numeric cell of its row (or the result is the
    opposite of the computation): the identity leaves a column out, or has its sign."""
    gap = breach.found - breach.expected
    if breach.found == -breach.expected and gap:
        return True
    used = set(breach.identity.columns)
    position = values.positions[breach.row.index]
    for col in values:
        if col in used:
            continue
        value = values[col][position]
        if value and abs(value) == abs(gap):
            return True
    return False


def _running(identity: Identity, breaches: list[Breach], values: _LazyColumns) -> bool:
    """A statement's running solde: every line that breaks the balance carries on the
    solde of the line above, but its first, whose solde carries on the opening one (not
    on the sheet)."""
    carried = [b for b in breaches if _carried_on(b, values)]
    if not carried:
        return False
    first = next((row for _, row in _checked(identity, values)), None)
    return all(b in carried or b.row is first for b in breaches)


def _carried_on(breach: Breach, values: _LazyColumns) -> bool:
    """The row's result is the row above's plus (or minus: a statement of the bank's side)
    the row's computation: a running solde."""
    position = values.positions[breach.row.index]
    carried = _result_at(breach.identity, values, position - 1) if position else None
    return carried is not None and breach.found - carried in (breach.expected, -breach.expected)


def _numeric_columns(table: Table, rows: list[Row]) -> list[int]:
    """Columns holding numbers on most filled detail rows of a sample (a total row
    holds its label there)."""
    found = []
    indexes = list(islice((r.index for r in rows if r.kind == DETAIL), SAMPLE))
    for col in range(table.first_col, table.last_col + 1):
        if table.meanings.get(col) in _NOT_AMOUNTS:
            continue
        cells = [v for v in table.sheet.column(indexes, col) if not is_blank(v)]
        numbers = sum(1 for v in cells if isinstance(v, (int, float)) and not isinstance(v, bool))
        if cells and numbers * 10 >= len(cells) * 8:
            found.append(col)
    return found


def _cents(table: Table, rows: list[Row], col: int) -> list[int | None]:
    return [cell_cents(v) for v in table.sheet.column([r.index for r in rows], col)]


def _decimal(value: object) -> Decimal | None:
    if value.__class__ is int:
        return Decimal(value)
    if value.__class__ is float and abs(value) < 1e13:
        return Decimal(repr(value))
    return None


def _named(table: Table, values: _LazyColumns) -> list[Identity]:
    """The identities the workbook states or the headers name: the sums it computes on
    each row, the named sums (`Disponible = Budget − Engagé`), an `Écart`, a balance,
    the row totals, the named products."""
    found = [
        Identity(result, terms, False, True, _sum_text(table, result, terms), blank_zero=True)
        for result, terms in table.row_sums
    ]
    found += _named_sums(table, values)
    gap = _gap(table, values)
    if gap is not None:
        found.append(gap)
    balance = _balance(table, values)
    if balance is not None:
        found.append(balance)
    results = {i.result for i in found}
    for result, summed, how in row_totals(table, list(values), results):
        signed = tuple((1, col) for col in summed)
        text = _total_text(table, result, summed)
        found.append(Identity(result, signed, False, how != TAX, text, guessed=how == WORDS, row_total=True))
    for product, a, b in _NAMED_PRODUCTS:
        cols = _present_columns(table, values, (product, a, b))
        if cols is not None:
            found.append(
                Identity(cols[0], ((1, cols[1]), (1, cols[2])), True, True, _product_text(table, *cols))
            )
    return found


def _present_columns(table: Table, values: _LazyColumns, roles: Sequence[str]) -> list[int] | None:
    """The numeric columns of these roles, None when one is missing or not numeric."""
    cols = [table.roles.get(role) for role in roles]
    found = [col for col in cols if col is not None and col in values]
    return found if len(found) == len(cols) else None


def _named_sums(table: Table, values: _LazyColumns) -> list[Identity]:
    found = []
    for result_role, term_roles in _NAMED_SUMS:
        if result_role == "balance" and not table.kind.is_execution:
            continue
        cols = _present_columns(table, values, [result_role, *(role for _, role in term_roles)])
        if cols is None:
            continue
        signed = tuple((sign, col) for (sign, _), col in zip(term_roles, cols[1:]))
        found.append(Identity(cols[0], signed, False, True, _sum_text(table, cols[0], signed)))
    return found


def _gap(table: Table, values: _LazyColumns) -> Identity | None:
    """`Écart` is written either way (Réalisé − Prévu, or Prévu − Réalisé): the sign
    the rows follow is the one checked."""
    against = _present_columns(table, values, ["engaged"]) or _present_columns(table, values, ["realised"])
    cols = _present_columns(table, values, ["gap", "budget"])
    if cols is None or against is None:
        return None
    (gap, budget), spent = cols, against[0]
    ways = [
        Identity(gap, signed, False, True, _sum_text(table, gap, signed))
        for signed in (((1, spent), (-1, budget)), ((1, budget), (-1, spent)))
    ]
    return min(ways, key=lambda way: len(_breaches(way, values.rows, values, 0)))


def _balance(table: Table, values: _LazyColumns) -> Identity | None:
    """A balance: `Solde débit − Solde crédit = Débits − Crédits`, on its lines (its
    totals are the outline's). Its débit and crédit columns pair up in order; the soldes
    are the débits less the crédits of every pair (cumuls antérieurs + période), or of
    one pair (the cumul, beside the période's movements): the reading that fewest lines
    break (every pair when as few). With one solde column, `Solde = Débits − Crédits`
    in the direction its rows follow (a revenue account's solde is often written
    créditeur). Columns of two years break it on most lines: misread, dropped with a
    note. Checked on fewer than two lines (a statement whose lines fill either Débit or
    Crédit), it is not one."""
    debits, credits, soldes = (
        [c for c in values if table.meanings.get(c) == meaning] for meaning in ("debit", "credit", "balance")
    )
    if not debits or len(debits) != len(credits) or not 1 <= len(soldes) <= 2:
        return None
    pairs = [list(zip(debits, credits))] + (
        [[pair] for pair in zip(debits, credits)] if len(debits) > 1 else []
    )
    if len(soldes) == 2:
        sides = {solde_side(table.headers.get(c, "")): c for c in soldes}
        if set(sides) != {"debit", "credit"}:
            return None
        left = ((-1, sides["credit"]),)
        ways = [_balance_of(table, sides["debit"], chosen, left, owed=False) for chosen in pairs]
    else:
        ways = [_balance_of(table, soldes[0], chosen, (), owed) for chosen in pairs for owed in (False, True)]
    best = min(ways, key=lambda way: len(_breaches(way, values.rows, values, 0)))  # the first of equals
    return best if _checked_rows(best, values) >= 2 else None


def _balance_of(
    table: Table, result: int, pairs: list[tuple[int, int]], left: tuple[tuple[int, int], ...], owed: bool
) -> Identity:
    """`Solde = Débits − Crédits` of these pairs (Crédits − Débits when `owed`)."""
    first, second = (1, -1) if not owed else (-1, 1)
    terms = tuple((first, d) for d, _ in pairs) + tuple((second, c) for _, c in pairs)
    if owed:
        terms = terms[len(pairs) :] + terms[: len(pairs)]
    return Identity(result, terms, False, True, _sum_text(table, result, terms, left), left, balance=True)


def _inferred(
    table: Table,
    rows: list[Row],
    values: _LazyColumns,
    named: list[Identity],
    taken: set[frozenset[int]],
    tolerance: int,
) -> list[Identity]:
    found: list[Identity] = []
    columns = list(values)
    if len(rows) < MIN_ROWS or not 3 <= len(columns) <= MAX_INFERRED_COLUMNS:
        return found
    used: set[int] = {i.result for i in named}  # a column the headers define is not redefined
    for x in columns:
        for y, z in combinations([c for c in columns if c != x], 2):
            if frozenset((x, y, z)) in taken or x in used or (y in used and z in used):
                continue
            for product in (False, True):
                if _holds(values, x, y, z, product, tolerance):
                    taken.add(frozenset((x, y, z)))
                    identity = _present(table, x, y, z, product)
                    if identity.result not in used:
                        found.append(identity)
                        used.add(identity.result)
                    break
    return found


def _holds(values: _LazyColumns, x: int, y: int, z: int, product: bool, tolerance: int) -> bool:
    """x = y + z (or y × z) on at least MIN_SHARE of at least MIN_ROWS rows, with each
    term non-zero often enough; tried on a sample first, then on every row."""
    if product:  # the terms of a product are read exactly (a unit price of 1,659 €)
        ys, zs = values.raw(y), values.raw(z)
        if _flag(ys) or _flag(zs):
            # × a column of 0 and 1 only (`Nombre PJ`: paid or not yet) is no product:
            # the result is the other term or nothing, which nothing infers.
            return False
        if not _holds_on(values.sample(x), ys[:SAMPLE], zs[:SAMPLE], True, tolerance):
            return False
        return len(values.rows) <= SAMPLE or _holds_on(values[x], ys, zs, True, tolerance)
    if not _holds_on(values.sample(x), values.sample(y), values.sample(z), product, tolerance):
        return False
    return len(values.rows) <= SAMPLE or _holds_on(values[x], values[y], values[z], product, tolerance)


def _flag(column: list) -> bool:
    """Whether a column holds no number but 0 and 1."""
    return all(v is None or v in (0, 1) for v in column)


def _holds_on(xs: list, ys: list, zs: list, product: bool, tolerance: int) -> bool:
    rows = holding = 0
    non_zero = [0, 0, 0]
    for x, y, z in zip(xs, ys, zs):
        if x is None or y is None or z is None:
            continue
        rows += 1
        expected = to_cents(y * z) if product else y + z
        if money_equal(x, expected, tolerance):
            holding += 1
        non_zero[0] += x != 0
        non_zero[1] += y != 0
        non_zero[2] += z != 0
    if rows < MIN_ROWS or holding < MIN_SHARE * rows:
        return False
    return all(n >= MIN_NON_ZERO * rows for n in non_zero)


def _present(table: Table, x: int, y: int, z: int, product: bool) -> Identity:
    """`Montant TTC = Montant HT + Montant TVA`, written with the rightmost column as
    the result (results are written right of what they are made of)."""
    if product or x > max(y, z):
        terms = ((1, y), (1, z))
        return Identity(
            x, terms, product, False, _product_text(table, x, y, z) if product else _sum_text(table, x, terms)
        )
    # x = y + z with z rightmost: z = x − y.
    result, other = (z, y) if z > y else (y, z)
    terms = ((1, x), (-1, other))
    return Identity(result, terms, False, False, _sum_text(table, result, terms))


def _header(table: Table, col: int, twins: frozenset[str] = frozenset()) -> str:
    """The column's header; with its letter when another column of the identity has the
    same one (a balance's `Débit (D) + Débit (F)`: cumuls antérieurs and période)."""
    text = " ".join(table.headers.get(col, "").split())
    if not text:
        return f"colonne {col + 1}"
    return f"{text} ({column_letter(col)})" if text in twins else text


def _sum_text(
    table: Table, result: int, terms: tuple[tuple[int, int], ...], left: tuple[tuple[int, int], ...] = ()
) -> str:
    cols = [result, *(c for _, c in left), *(c for _, c in terms)]
    names = [" ".join(table.headers.get(c, "").split()) for c in cols]
    twins = frozenset(n for n in names if names.count(n) > 1)

    def signed(pairs: tuple[tuple[int, int], ...], text: str) -> str:
        for sign, col in pairs:
            text += (" + " if sign > 0 else " − ") + _header(table, col, twins)
        return text

    right = signed(terms[1:], _header(table, terms[0][1], twins))
    return f"{signed(left, _header(table, result, twins))} = {right}"


def _total_text(table: Table, result: int, terms: list[int]) -> str:
    """`Total_Conso_m3 = S1_Conso_m3 + S2_Conso_m3`; over many columns, the first two
    and the last (`TOTAL = Montant + Charges + … + Gaz`)."""
    if len(terms) <= 4 and all(table.headers.get(col) for col in (result, *terms)):
        return _sum_text(table, result, tuple((1, col) for col in terms))
    first, second, last = (_named_column(table, col) for col in (terms[0], terms[1], terms[-1]))
    return f"{_named_column(table, result)} = {first} + {second} + … + {last} ({len(terms)} colonnes)"


def _named_column(table: Table, col: int) -> str:
    return " ".join(table.headers.get(col, "").split()) or f"colonne {column_letter(col)}"


def _product_text(table: Table, result: int, a: int, b: int) -> str:
    return f"{_header(table, result)} = {_header(table, a)} × {_header(table, b)}"


def _checked(identity: Identity, values: _LazyColumns) -> Iterator[tuple[int, Row]]:
    """(position, row) of each row the identity is checked on: every cell of it a
    number, and not a total of a balance (its totals are the outline's)."""
    for position, (row, cells) in enumerate(zip(values.rows, zip(*(values[c] for c in identity.columns)))):
        if identity.row_total or identity.blank_zero:
            # An empty cell among the terms adds nothing, as in Excel's SUM; a stated
            # sum's total rows are the totals' (T rules), a row total's are checked
            # when all its terms are filled.
            terms = cells[1:]
            if (
                cells[0] is not None
                and any(v is not None for v in terms)
                and (row.kind != TOTAL or (identity.row_total and None not in terms))
            ):
                yield position, row
        elif None not in cells and not (identity.lines_only and row.kind == TOTAL):
            yield position, row


def _checked_rows(identity: Identity, values: _LazyColumns) -> int:
    return sum(1 for _ in _checked(identity, values))


def _result_at(identity: Identity, values: _LazyColumns, position: int) -> int | None:
    """The result side of a row: its result, with the `left` columns (`Solde débit −
    Solde crédit`); None when a cell of it is not a number."""
    total = 0
    for sign, col in [(1, identity.result), *identity.left]:
        value = values[col][position]
        if value is None:
            return None
        total += sign * value
    return total


def _row_total_breach(
    identity: Identity, row: Row, values: _LazyColumns, position: int, tolerance: int
) -> Breach | None:
    """A row total against its terms read exactly (3 474,885 + 7 072,09 is 10 546,975:
    rounded term by term, a cent would be lost); a blank term adds nothing, as in SUM,
    but on a total row, which leaves the columns it does not total empty."""
    x = values.raw(identity.result)[position]
    parts = [(sign, values.raw(col)[position]) for sign, col in identity.terms]
    if x is None or all(v is None for _, v in parts):
        return None
    if row.kind == TOTAL and any(v is None for _, v in parts):
        return None  # a total row leaves a column it does not total empty: not a zero
    expected = sum((sign * v for sign, v in parts if v is not None), Decimal(0))
    if abs(x - expected) * 100 < 1 + tolerance:
        return None
    return Breach(identity, row, to_cents(x), to_cents(expected))


def _breaches(identity: Identity, rows: list[Row], values: _LazyColumns, tolerance: int) -> list[Breach]:
    """The rows where the identity does not hold, beyond `tolerance` cents."""
    found = []
    # The terms of a product are read exactly, the product rounded to the cent.
    exact = [values.raw(col) for _, col in identity.terms] if identity.product else []
    cents = [] if identity.product else [(sign, values[col]) for sign, col in identity.terms]
    for position, row in enumerate(rows):
        if identity.lines_only and row.kind == TOTAL:
            continue  # a balance's totals are its outline's, a stated sum's the totals'
        if identity.row_total:
            breach = _row_total_breach(identity, row, values, position, tolerance)
        else:
            x = _result_at(identity, values, position)
            expected = (
                _product_at(exact, position) if identity.product else _sum_at(identity, cents, position)
            )
            breach = (
                None
                if x is None or expected is None or money_equal(x, expected, tolerance)
                else Breach(identity, row, x, expected)
            )
        if breach is not None:
            found.append(breach)
    return found


def _product_at(columns: list[list[Decimal | None]], position: int) -> int | None:
    """The product of the row's two terms in cents, None when one is not a number."""
    a, b = (column[position] for column in columns)
    return None if a is None or b is None else to_cents(a * b)


def _sum_at(identity: Identity, columns: list[tuple[int, list[int | None]]], position: int) -> int | None:
    """The signed sum of the row's terms (cents), None when one is not a number; of a
    stated sum, an empty term is 0 when one term at least is filled."""
    cells = [(sign, column[position]) for sign, column in columns]
    filled = [(sign, v) for sign, v in cells if v is not None]
    if len(filled) < len(cells) and not (identity.blank_zero and filled):
        return None
    return sum(sign * v for sign, v in filled)
