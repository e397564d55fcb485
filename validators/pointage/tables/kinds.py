"""The kinds of annex table (classeur.md): their column roles, the header words that
name each role, and the French names under which messages speak of them."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    # French, for messages: the table (`Tableau de répartition`), a role in a sentence
    # (`Disponible`, `cible`), and the column a missing required role asks for (F004).
    title: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    column_names: dict[str, str] = field(default_factory=dict)

    def column_name(self, role: str) -> str:
        """What F004 asks for when `role` (or `a/b/c`, one of several) is missing."""
        return self.column_names.get(role, role)

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
    title="de répartition",
    column_names={
        "label": "STRUCTURE (ou BÉNÉFICIAIRE, ORGANISME, PORTEUR)",
        "amount": "MONTANT (ou MONTANT RETENU, MONTANT PROPOSÉ, SUBVENTION…)",
    },
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
    title="budgétaire (imputation)",
    labels={
        "ae": "AE",
        "available": "Disponible",
        "proposal": "Proposition",
        "expense": "Dépense",
        "revenue": "Recette",
        "balance": "Solde",
    },
    column_names={
        "code": "CODE OPÉRATION",
        "imputation": "IMPUTATION BUDGÉTAIRE",
        "label": "LIBELLÉ OPÉRATION",
        "proposal/expense/revenue": "PROPOSITION, DÉPENSE ou RECETTE",
    },
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
    title="de plan de financement",
    labels={"existing": "existant", "target": "cible", "delta": "delta"},
    column_names={
        "label": "NATURE DE DÉPENSES (ou OBJET DE LA DÉPENSE, PRÉCISIONS SUR L'ACTION / OBJET)",
        "amount": "MONTANT DELTA (ou MONTANT)",
    },
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
    title="des articles",
    column_names={"amount": "MONTANT", "reference": "RÉFÉRENCE"},
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
    title="des chiffres clés",
    column_names={"value": "VALEUR", "components": "COMPOSANTES"},
)

# On a tie of matching headers, the first kind wins.
KINDS = (REPARTITION, IMPUTATION, PLAN, ARTICLES, KEY_FIGURES)
