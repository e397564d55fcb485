"""Column names of each table kind (classeur.md), and how a header row is read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pointage.base.text import key


@dataclass(frozen=True)
class TableKind:
    name: str
    roles: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    # At least one of these roles must be present (délibération: Dépense or Recette).
    one_of: tuple[str, ...] = ()
    # Roles read as numbers; money roles are compared in cents.
    money: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    # Roles where the last matching column wins (classeur.md: the amount).
    last_wins: tuple[str, ...] = ()
    # False for lists where every row stands alone (articles, key figures): no TOTAL rows.
    has_totals: bool = True

    @property
    def numeric(self) -> tuple[str, ...]:
        return self.money + self.quantities


REPARTITION = TableKind(
    name="repartition",
    roles={
        "label": ("STRUCTURE", "BÉNÉFICIAIRE", "ORGANISME", "PORTEUR"),
        "amount": ("MONTANT RETENU", "MONTANT PROPOSÉ", "MONTANT", "MONTANT ACCORDÉ", "COÛT", "SUBVENTION"),
        "operation": ("OPÉRATION", "DISPOSITIF", "THÉMATIQUE"),
        "territory": ("TERRITOIRE(S)", "TERRITOIRE"),
        "description": (
            "PLACES D'ACCOMPAGNEMENT",
            "DESCRIPTION",
            "DESCRIPTION ACTION / COMPLÉMENT D'INFORMATION",
            "OBJET",
        ),
        "places": ("PLACES", "NOMBRE DE PLACES", "NB PLACES"),
        "portfolios": ("PORTEFEUILLES", "NB PORTEFEUILLES", "NOMBRE DE PORTEFEUILLES"),
        "months": ("DURÉE (MOIS)", "DURÉE", "NB MOIS"),
        "code": ("CODE OPÉRATION",),
        "retained": ("DOSSIER RETENU",),
        "comment": ("COMMENTAIRE", "AVENANT/CONVENTION"),
    },
    required=("label", "amount"),
    money=("amount",),
    quantities=("places", "portfolios", "months"),
    last_wins=("amount",),
)

IMPUTATION = TableKind(
    name="imputation",
    roles={
        "code": ("CODE OPÉRATION",),
        "imputation": ("IMPUTATION BUDGÉTAIRE", "IMPUTATION"),
        "label": ("LIBELLÉ OPÉRATION", "LIBELLÉ"),
        "section": ("SECTION",),
        "ae": ("AE €", "AE", "AUTORISATION D'ENGAGEMENT"),
        "available": ("DISPONIBLE €", "DISPONIBLE"),
        "proposal": ("PROPOSITION €", "PROPOSITION"),
        "expense": ("DÉPENSE €", "DÉPENSE"),
        "revenue": ("RECETTE €", "RECETTE"),
        "balance": ("SOLDE €", "SOLDE"),
    },
    required=("code", "imputation", "label"),
    one_of=("proposal", "expense", "revenue"),
    money=("ae", "available", "proposal", "expense", "revenue", "balance"),
)

PLAN = TableKind(
    name="plan",
    roles={
        "label": ("NATURE DE DÉPENSES", "OBJET DE LA DÉPENSE", "PRÉCISIONS SUR L'ACTION / OBJET"),
        "existing": ("RESSOURCES EXISTANTES", "EXISTANT"),
        "target": ("CIBLE",),
        "delta": ("DELTA", "DELTA ENTRE LA CIBLE ET L'EXISTANT"),
        "amount": ("MONTANT DELTA", "MONTANT"),
    },
    required=("label", "amount"),
    money=("amount",),
    last_wins=("amount",),
)

ARTICLES = TableKind(
    name="articles",
    roles={
        "article": ("ARTICLE",),
        "object": ("OBJET",),
        "amount": ("MONTANT",),
        "reference": ("RÉFÉRENCE",),
    },
    required=("amount", "reference"),
    money=("amount",),
    has_totals=False,
)

KEY_FIGURES = TableKind(
    name="chiffres_cles",
    roles={
        "label": ("LIBELLÉ",),
        "value": ("VALEUR",),
        "components": ("COMPOSANTES",),
    },
    required=("value", "components"),
    quantities=("value",),
    has_totals=False,
)

# On a tie of matching headers, the first kind wins.
KINDS = (REPARTITION, IMPUTATION, PLAN, ARTICLES, KEY_FIGURES)

# French names of roles, for messages about missing columns.
ROLE_NAMES = {
    "label": "STRUCTURE",
    "amount": "MONTANT",
    "code": "CODE OPÉRATION",
    "imputation": "IMPUTATION BUDGÉTAIRE",
    "proposal": "PROPOSITION",
    "expense": "DÉPENSE",
    "revenue": "RECETTE",
    "reference": "RÉFÉRENCE",
    "value": "VALEUR",
    "components": "COMPOSANTES",
}
IMPUTATION_ROLE_NAMES = {**ROLE_NAMES, "label": "LIBELLÉ OPÉRATION"}


def _index(kind: TableKind) -> dict[str, str]:
    return {key(name): role for role, names in kind.roles.items() for name in names}


_INDEXES = {kind.name: _index(kind) for kind in KINDS}
_ALL_KEYS = frozenset(k for index in _INDEXES.values() for k in index)


# Plan de financement headers carry explanations: `Cible (besoins en ETP et volumes
# financiers) sur 6 mois` is CIBLE.
_EXPLANATION = re.compile(r"\([^)]*\)")
_PERIOD_SUFFIX = re.compile(r"\bsur\s+\d+\s+mois\s*$", re.IGNORECASE)


def header_key(value: object) -> str | None:
    """The key under which a header cell is known, or None (numbers, long text)."""
    if not isinstance(value, str) or len(value) > 200:
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
        origin_col + i: str(v).strip()
        for i, v in enumerate(cells)
        if v is not None and str(v).strip() != ""
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
