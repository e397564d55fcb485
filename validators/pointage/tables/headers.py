"""How a header row is read: which table kind it opens, which column has which role."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from pointage.base.numbers import Number, parse_number
from pointage.tables.kinds import KINDS, TableKind
from pointage.tables.lexicon import meaning_of

# Longer than this, a cell is a note, never a header (a header may explain itself in
# parentheses: `Cible (besoins en ETP et volumes financiers) sur 6 mois`).
MAX_HEADER_TEXT = 200

KIND_MEANINGS = frozenset().union(*(kind.meanings for kind in KINDS))


def header_meaning(value: object) -> str | None:
    """What a header cell means (`lexicon.LEXICON`), or None (numbers, long text)."""
    if not isinstance(value, str) or len(value) > MAX_HEADER_TEXT:
        return None
    return meaning_of(value)


def year_axis(cells: list[object]) -> list[int]:
    """Positions of the cells that name years from left to right (`2022 | 2023 | 2024`,
    typed as numbers or as text): a time axis, two years at least, each the year after
    the one before. [] when the row has none: one year alone (`2018 | 348`) is data, and
    so are two amounts that happen to fall between 1950 and 2100 (`1980 | 2050`)."""
    found = []
    for i, value in enumerate(cells):
        kind = value.__class__
        if kind is int or kind is float:
            number = cast(float, value)
            if YEARS[0] <= number <= YEARS[1] and number == int(number):
                found.append((i, int(number)))
        elif (
            kind is str
            and len(text := cast(str, value).strip()) == 4
            and text.isdigit()
            and YEARS[0] <= int(text) <= YEARS[1]
        ):
            found.append((i, int(text)))
    if len(found) < 2 or any(b[1] != a[1] + 1 for a, b in pairwise(found)):
        return []
    return [i for i, _ in found]


# The years a column header may name.
YEARS = (1950, 2100)


def is_header_row(cells: list[object], repeated: bool = False) -> bool:
    """At least two cells name columns of a table kind, and most of the row's cells
    mean something: a row of grants written as text (`Association Centre Culturel` |
    `Subvention pour la réalisation…` | `50 000 euros`) is not a header. Inside a
    table (`repeated`), a header row must mean something in every other cell at least.
    A time axis (`2023 | 2024 | 2025`) names amounts: it counts as one column of the
    kind, and each of its years as a cell that means something."""
    kind_cells = meaningful = filled = 0
    axis = year_axis(cells)
    if axis:
        kind_cells, meaningful, filled = 1, len(axis), len(axis)
    for i, value in enumerate(cells):
        if value is None or (isinstance(value, str) and not value.strip()) or (axis and i in axis):
            continue
        if isinstance(value, str) and (value.strip().isdigit() or _is_text_number(value)):
            return False  # `2018`, `348`, `50 000 euros`: a row of data typed as text
        filled += 1
        meaning = header_meaning(value)
        if meaning is None:
            continue
        meaningful += 1
        if meaning in KIND_MEANINGS:
            kind_cells += 1
    if kind_cells < 2:
        return False
    return meaningful * 2 >= filled if repeated else meaningful * 5 >= filled * 2


def _is_text_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and isinstance(parse_number(text), Number)


@dataclass
class HeaderReading:
    kind: TableKind
    roles: dict[str, int]  # role -> absolute column
    headers: dict[int, str]  # absolute column -> header text as written
    missing: list[str]
    # How many roles of the kind the headers fill: below 3 the kind is a guess.
    score: int = 0
    meanings: dict[int, str] | None = None  # absolute column -> meaning


def read_header(cells: list[object], origin_col: int) -> HeaderReading:
    """Choose the table kind with the most matching headers and map its roles."""
    headers = {
        origin_col + i: str(v).strip() for i, v in enumerate(cells) if v is not None and str(v).strip() != ""
    }
    meanings = {col: m for col, text in headers.items() if (m := header_meaning(text)) is not None}
    best: HeaderReading | None = None
    for kind in KINDS:
        used = kind.meanings
        if best is not None and sum(1 for m in meanings.values() if m in used) <= best.score:
            continue
        roles = _roles(kind, meanings)
        score = len(roles)  # distinct roles: three `Proposition …` columns are one role
        if (best is not None and score <= best.score) or not _may_be(kind, roles):
            continue
        best = HeaderReading(kind, roles, headers, _missing(kind, roles), score, meanings)
    assert best is not None
    return best


def _may_be(kind: TableKind, roles: dict[str, int]) -> bool:
    """The roles found are enough columns of numbers for the kind, and one of those that
    identify it, if it has such."""
    if sum(1 for r in roles if r in kind.numeric) < kind.min_numeric_roles:
        return False
    return not kind.identified_by or any(r in roles for r in kind.identified_by)


def _missing(kind: TableKind, roles: dict[str, int]) -> list[str]:
    """The roles the kind requires that no column fills (`a/b` for one of several)."""
    missing = [r for r in kind.required if r not in roles]
    if kind.one_of and not any(r in roles for r in kind.one_of):
        missing.append("/".join(kind.one_of))
    return missing


def _roles(kind: TableKind, meanings: dict[int, str]) -> dict[str, int]:
    """Each role's column: the columns of its first meaning present (the last of them for
    `last_wins` roles, else the first), a column never serving two roles."""
    roles: dict[str, int] = {}
    taken: set[int] = set()
    for role, wanted in kind.roles.items():
        for meaning in wanted:
            columns = [c for c, m in sorted(meanings.items()) if m == meaning and c not in taken]
            if columns:
                roles[role] = columns[-1] if role in kind.last_wins else columns[0]
                taken.add(roles[role])
                break
    return roles
