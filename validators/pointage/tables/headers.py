"""How a header row is read: which table kind it opens, which column has which role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pointage.base.text import key
from pointage.tables.kinds import KINDS, TableKind


def _index(kind: TableKind) -> dict[str, str]:
    return {key(name): role for role, names in kind.roles.items() for name in names}


_INDEXES = {kind.name: _index(kind) for kind in KINDS}
_ALL_KEYS = frozenset(k for index in _INDEXES.values() for k in index)


# Plan de financement headers carry explanations: `Cible (besoins en ETP et volumes
# financiers) sur 6 mois` is CIBLE.
_EXPLANATION = re.compile(r"\([^)]*\)")
_PERIOD_SUFFIX = re.compile(r"\bsur\s+\d+\s+mois\s*$", re.IGNORECASE)


# Longer than this, a cell is a note, never a header (a header may explain itself in
# parentheses: `Cible (besoins en ETP et volumes financiers) sur 6 mois`).
MAX_HEADER_TEXT = 200


def header_key(value: object) -> str | None:
    """The key under which a header cell is known, or None (numbers, long text)."""
    if not isinstance(value, str) or len(value) > MAX_HEADER_TEXT:
        return None
    if len(value) <= 80:
        known = _known(key(value))
        if known is not None:
            return known
    if "(" not in value and "mois" not in value.lower():
        return None
    bare = _PERIOD_SUFFIX.sub("", _EXPLANATION.sub(" ", value)).strip()
    return _known(key(bare)) if bare and len(bare) <= 80 else None


def _known(k: str) -> str | None:
    if k in _ALL_KEYS:
        return k
    # Plural/singular tolerance: `STRUCTURES`, `TERRITOIRES`, `PLACE`.
    if k.endswith("S") and k[:-1] in _ALL_KEYS:
        return k[:-1]
    if k + "S" in _ALL_KEYS:
        return k + "S"
    return None


def is_header_row(cells: list[object]) -> bool:
    matches = 0
    for value in cells:
        if header_key(value) is not None:
            matches += 1
            if matches >= 2:
                return True
    return False


@dataclass
class HeaderReading:
    kind: TableKind
    roles: dict[str, int]  # role -> absolute column
    headers: dict[int, str]  # absolute column -> header text as written
    missing: list[str]


def read_header(cells: list[object], origin_col: int) -> HeaderReading:
    """Choose the table kind with the most matching headers and map its roles."""
    headers = {
        origin_col + i: str(v).strip() for i, v in enumerate(cells) if v is not None and str(v).strip() != ""
    }
    best: HeaderReading | None = None
    best_score = -1
    for kind in KINDS:
        index = _INDEXES[kind.name]
        roles: dict[str, int] = {}
        score = 0
        for col, text in headers.items():
            k = header_key(text)
            role = index.get(k) if k else None
            if role is None:
                continue
            score += 1
            if role not in roles or role in kind.last_wins:
                roles[role] = col
        missing = [r for r in kind.required if r not in roles]
        if kind.one_of and not any(r in roles for r in kind.one_of):
            missing.append("/".join(kind.one_of))
        if score > best_score:
            best, best_score = HeaderReading(kind, roles, headers, missing), score
    assert best is not None
    return best
