"""The columns a table shows to be summed, beyond its kind's amount and counts.

A column is totalled on its own evidence (issue 24, principle 2):
- its header names money (`Montant HT`, `Montant TVA`, `Montant TTC`: the table's
  `extra_money`);
- a total row of the table holds a `SUM` of that column's rows above it (`=SUM(D4:D13)`
  under `Nombre d'enfants`);
- a total row that sums its columns (two `SUM` formulas at least, and most of its
  numbers such formulas) holds a number in it: the one typed over its formula
  (`Total général | =SUM(C25:C33) | 1 501 019,64 | =SUM(E25:E33)`) is read as the
  total the row says it is.

Never a column whose header says it is not a sum (a rate, a unit price, a date, an
identifier…), nor the table's label column: a total row's `Taux de couverture` is a
ratio, its `Prix unitaire` a price. A `Solde` is summed only on a formula's word: the
total row of a journal carries its running balance.
"""

from __future__ import annotations

from dataclasses import dataclass

from pointage.base.addresses import column_letter
from pointage.base.numbers import is_typed_number
from pointage.tables.headers import header_meaning
from pointage.tables.lexicon import MONEY_MEANINGS
from pointage.tables.table import TOTAL, Table, extra_role

# Meanings whose column is never a sum, whatever its total row holds.
NEVER_SUMMED = frozenset(
    {
        "rate",
        "unit_cost",
        "date",
        "identifier",
        "address",
        "grantor",
        "status",
        "reminder",
        "code",
        "imputation",
        "reference",
        "article",
        "months",
        "value",
    }
)
# Meanings whose total row may carry the last line's value rather than a sum (a
# running `Solde`): summed only where a formula says so.
CARRIED = frozenset({"balance"})
# Meanings of counts, compared exactly and written without €.
COUNTS = frozenset({"quantity", "places", "portfolios", "months", "value"})
# The kind's own columns, walked as they always were (`block_totals.analyse_totals`).
KIND_WALKED = ("amount", "places", "portfolios")
# A row of sums: at least this many `SUM` formulas of their own column…
MIN_SUMS_IN_ROW = 2


@dataclass(frozen=True, slots=True)
class SummedColumn:
    col: int
    role: str  # key of the column's totals in `TotalsAnalysis.levels`
    header: str
    # Compared in cents and written in euros; False for counts; None when the header
    # does not say (`Jours dév`, `Charges`): money unless every number is whole.
    money: bool | None
    evidence: str  # "en-tête", "formule", "ligne de sommes" (for notes)


def summed_columns(table: Table) -> list[SummedColumn]:
    """The columns of `table`, beyond its kind's walked roles, that its headers or its
    total rows show to be summed, left to right."""
    walked = {table.roles[r] for r in (*KIND_WALKED, *table.kind.money) if r in table.roles}
    label = table.roles.get("label")
    totals = [table.rows[p].index for p in table.non_detail_positions() if table.rows[p].kind == TOTAL]
    if not totals:
        return []
    by_formula = {
        col
        for row in totals
        for col in range(table.first_col, table.last_col + 1)
        if _sums_own_lines(table, row, col)
    }
    sum_rows = [row for row in totals if _is_row_of_sums(table, row)]
    found = []
    for col in range(table.first_col, table.last_col + 1):
        # A table its formulas showed has headers but no meanings read.
        meaning = table.meanings.get(col) or header_meaning(table.headers.get(col))
        if col in walked or col == label or meaning in NEVER_SUMMED:
            continue
        column = _summed_column(table, col, meaning, by_formula, sum_rows)
        if column is not None:
            found.append(column)
    return found


def _summed_column(
    table: Table, col: int, meaning: str | None, by_formula: set[int], sum_rows: list[int]
) -> SummedColumn | None:
    """The column as summed, on the first evidence it gives (its header, a formula of
    its own, a row of sums holding a number in it); None when it gives none."""
    if extra_role(col) in table.extra_money and meaning not in CARRIED:
        evidence, role = "en-tête", extra_role(col)
    elif col in by_formula:
        evidence, role = "formule", f"somme:{col}"
    elif meaning not in CARRIED and any(_is_number(table.sheet.value(row, col)) for row in sum_rows):
        evidence, role = "ligne de sommes", f"somme:{col}"
    else:
        return None
    header = " ".join(table.headers.get(col, "").split()) or f"colonne {column_letter(col)}"
    money = True if meaning in MONEY_MEANINGS else False if meaning in COUNTS else None
    return SummedColumn(col, role, header, money, evidence)


def _sums_own_lines(table: Table, row: int, col: int) -> bool:
    """`SUM` of this column's rows above, inside the table (not a range of the header)."""
    rows = table.sheet.sums.get((row, col))
    return rows is not None and rows[0] > table.header_row


def _is_row_of_sums(table: Table, row: int) -> bool:
    """A total row whose numbers are mostly `SUM`s of their own column (two at least)."""
    sums = numbers = 0
    for col in range(table.first_col, table.last_col + 1):
        if _sums_own_lines(table, row, col):
            sums += 1
            numbers += 1
        elif _is_number(table.sheet.value(row, col)):
            numbers += 1
    return sums >= MIN_SUMS_IN_ROW and sums * 2 >= numbers


def _is_number(value: object) -> bool:
    return value is not None and is_typed_number(value)
