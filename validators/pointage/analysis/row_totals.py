"""Columns that total others on each row, as their headers or formulas say (issue 24).

`Total_Conso_m3` beside `S1_Conso_m3` and `S2_Conso_m3`: a header `Total …` whose other
words are each of two or more columns' headers with one word more (the half-year, the
site) totals those columns, row by row. The words come from `lexicon.header_words`
(case, accents, `_` and camelCase aside). The identity is a guess from words: it is
kept only where it holds (`analysis/identities.py` drops it, with a note, when more
than a fifth of its rows break it).

A column whose cells add their row's cells left of them (`I25 = SUM(C25:H25)` on most
of its rows, one range) totals those columns on every row of the table: a row where
the total was typed over its formula is checked like the others.

`Montant TTC` beside `Montant HT` and `Montant TVA` (the same words with HT, with TVA)
is their sum on each row, read the same way.

A column named `Total` alone says nothing of which columns it adds: not read here.
"""

from __future__ import annotations

from collections.abc import Iterator

from pointage.tables.lexicon import header_words
from pointage.tables.table import Table

_TOTAL_WORDS = frozenset({"TOTAL", "GENERAL"})
MIN_TERMS = 2
# How a row total was read: from its formulas, from words its header shares with its
# terms, or as `TTC = HT + TVA` (said as an inferred identity, I002, as it always was
# from ten rows on: the headers only let it be checked on fewer).
FORMULAS, WORDS, TAX = "formules", "mots", "taxe"
# Rows whose formula shows a row total: at least this many.
MIN_ROWS_SUMMED = 2


def row_totals(table: Table, numeric: list[int], taken: set[int]) -> list[tuple[int, list[int], str]]:
    """(result column, term columns, how it was read) for each numeric column whose
    formulas add its row's cells, or whose header is `Total` and the words of two or
    more other numeric columns' headers, each with more."""
    found = _by_formulas(table, numeric, taken)
    taken = taken | {result for result, _, _ in found}
    words = {col: frozenset(header_words(table.headers.get(col, ""))) for col in numeric}
    for result in numeric:
        own = words[result]
        rest = own - _TOTAL_WORDS
        if result in taken or "TOTAL" not in own or not rest:
            continue
        terms = [
            col for col in numeric if col != result and rest < words[col] and not words[col] & _TOTAL_WORDS
        ]
        if len(terms) >= MIN_TERMS:
            found.append((result, terms, WORDS))
    taken = taken | {result for result, _, _ in found}
    found.extend(_with_tax(numeric, words, taken))
    return found


def _with_tax(
    numeric: list[int], words: dict[int, frozenset[str]], taken: set[int]
) -> Iterator[tuple[int, list[int], str]]:
    """`Montant TTC = Montant HT + Montant TVA`: the TTC column and the one column each
    whose header is the same with HT, with TVA, instead of TTC."""
    for result in numeric:
        rest = words[result] - {"TTC"}
        if result in taken or "TTC" not in words[result]:
            continue
        ht = [c for c in numeric if words[c] == rest | {"HT"}]
        tva = [c for c in numeric if words[c] == rest | {"TVA"}]
        if len(ht) == 1 and len(tva) == 1:
            yield result, [ht[0], tva[0]], TAX


def _by_formulas(table: Table, numeric: list[int], taken: set[int]) -> list[tuple[int, list[int], str]]:
    """Columns whose row SUMs (`SUM(C25:H25)`) cover one range on most rows that have one."""
    sums = table.sheet.row_sums
    if not sums:
        return []
    rows = [r.index for r in table.rows]
    found = []
    for result in numeric:
        if result in taken:
            continue
        ranges = [sums[(row, result)] for row in rows if (row, result) in sums]
        if len(ranges) < MIN_ROWS_SUMMED:
            continue
        common = max(set(ranges), key=ranges.count)
        if ranges.count(common) * 2 <= len(ranges):
            continue
        terms = [col for col in numeric if common[0] <= col <= common[1]]
        if len(terms) >= MIN_TERMS:
            found.append((result, terms, FORMULAS))
    return found
