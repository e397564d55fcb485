"""The kinds of annex table (classeur.md): their column roles, the meanings of header
(`lexicon.LEXICON`) that fill each role, and the French names under which messages
speak of them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableKind:
    name: str
    # role -> the meanings that fill it, best first (`label` of a répartition is its
    # beneficiary, else a libellé).
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
    # Fewer numeric roles than this and the table is not this kind (execution tables:
    # `Budget | Exécuté` alone is a list of amounts, not a budget-execution table).
    min_numeric_roles: int = 0
    # A table with none of these roles is not this kind, whatever else it has: a
    # régie's `Date | Libellé | Recettes | Dépenses | Solde` is no délibération's
    # budget table without a CODE OPÉRATION or an IMPUTATION.
    identified_by: tuple[str, ...] = ()
    # French, for messages: the table (`Tableau de répartition`), a role in a sentence
    # (`Disponible`, `cible`), and the column a missing required role asks for (F004).
    title: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    column_names: dict[str, str] = field(default_factory=dict)

    def column_name(self, role: str) -> str:
        """What F004 asks for when `role` (or `a/b/c`, one of several) is missing."""
        return self.column_names.get(role, role)

    # What the rest of the code asks of a kind, by property: its name is said here only.
    @property
    def is_list(self) -> bool:
        """A répartition without any total row (only the form of its rows is checked)."""
        return self.name == "liste"

    @property
    def is_repartition(self) -> bool:
        return self.name == "repartition"

    @property
    def is_allocation(self) -> bool:
        """A répartition, with total rows or without (a list): amounts given to
        beneficiaries, recomputed at the Barème, repeated rows looked for."""
        return self.name in ("repartition", "liste")

    @property
    def is_execution(self) -> bool:
        """A budget-execution outline: subtotals above their lines."""
        return self.name == "execution"

    @property
    def is_imputation(self) -> bool:
        """A budget table (délibération or rapport): totals named by their label only."""
        return self.name == "imputation"

    @property
    def is_plan(self) -> bool:
        return self.name == "plan"

    @property
    def is_articles(self) -> bool:
        return self.name == "articles"

    @property
    def is_key_figures(self) -> bool:
        return self.name == "chiffres_cles"

    @property
    def totals_checked(self) -> bool:
        """Its TOTAL rows are checked against their lines (T rules): répartitions, budget
        tables (AE, Disponible, Proposition, Solde… on a TOTAL row), plans and
        budget-execution outlines."""
        return self.name in ("repartition", "imputation", "plan", "execution")

    @property
    def totals_by_label_only(self) -> bool:
        """A total row is known by its label alone (a budget table's « Total », a plan's
        « Total des dépenses », an outline's), never by a bare number below the lines."""
        return self.name in ("imputation", "plan", "execution")

    @property
    def rows_bound_by_identities(self) -> bool:
        """Its columns may be bound row by row (I rules), and an Excel Table's calculated
        columns of it are checked so (a budget table has its own, B001-B003)."""
        return self.name in ("repartition", "liste", "plan", "execution")

    @property
    def numeric(self) -> tuple[str, ...]:
        return self.money + self.quantities

    @property
    def meanings(self) -> frozenset[str]:
        return frozenset(m for meanings in self.roles.values() for m in meanings)


REPARTITION = TableKind(
    name="repartition",
    roles={
        "label": ("beneficiary", "party", "libelle"),
        # `Montant engagé` of a list of grants is what each beneficiary was granted.
        "amount": ("amount", "plan_amount", "cost", "realised", "budget", "engaged"),
        "operation": ("operation",),
        "territory": ("territory",),
        "description": ("description",),
        "places": ("places",),
        "portfolios": ("portfolios",),
        "months": ("months",),
        "code": ("code",),
        "retained": ("retained",),
        "comment": ("comment",),
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

# A répartition without any total row: a list of grants or of amounts, where only the
# form of each row can be checked (duplicates, numbers typed as text).
LISTE = TableKind(
    name="liste",
    roles=REPARTITION.roles,
    required=REPARTITION.required,
    money=REPARTITION.money,
    quantities=REPARTITION.quantities,
    last_wins=REPARTITION.last_wins,
    has_totals=False,
    title="en liste",
    column_names=REPARTITION.column_names,
)

IMPUTATION = TableKind(
    name="imputation",
    roles={
        "code": ("code",),
        "imputation": ("imputation",),
        "label": ("libelle",),
        "section": ("section",),
        "ae": ("ae",),
        "available": ("available",),
        "proposal": ("proposal",),
        "expense": ("expense",),
        "revenue": ("revenue",),
        "balance": ("balance",),
    },
    required=("code", "imputation", "label"),
    one_of=("proposal", "expense", "revenue"),
    identified_by=("code", "imputation"),
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
        "label": ("plan_label", "libelle"),
        "existing": ("existing",),
        "target": ("target",),
        "delta": ("delta",),
        "unit_cost": ("unit_cost",),
        "quantity": ("quantity",),
        "amount": ("plan_amount", "amount", "cost"),
    },
    required=("amount",),
    money=("amount",),
    last_wins=("amount",),
    title="de plan de financement",
    labels={
        "existing": "existant",
        "target": "cible",
        "delta": "delta",
        "unit_cost": "coût unitaire",
        "quantity": "quantité",
    },
    column_names={
        "label": "NATURE DE DÉPENSES (ou OBJET DE LA DÉPENSE, PRÉCISIONS SUR L'ACTION / OBJET)",
        "amount": "MONTANT DELTA (ou MONTANT)",
    },
)

# A budget-execution table (situation des dépenses engagées, balance, compte
# administratif): numeric columns bound by identities, without the CODE OPÉRATION |
# IMPUTATION | LIBELLÉ of the deliberations' budget table.
EXECUTION = TableKind(
    name="execution",
    roles={
        "label": ("libelle", "beneficiary", "party", "description"),
        "budget": ("budget", "ae"),
        "engaged": ("engaged",),
        "available": ("available",),
        "realised": ("realised",),
        "pending": ("pending",),
        "proposal": ("proposal", "expense"),
        "balance": ("balance",),
        "remaining": ("remaining",),
        "gap": ("gap",),
        "debit": ("debit",),
        "credit": ("credit",),
    },
    required=(),
    money=(
        "budget",
        "engaged",
        "available",
        "realised",
        "pending",
        "proposal",
        "balance",
        "remaining",
        "gap",
        "debit",
        "credit",
    ),
    last_wins=("budget",),  # `BP | DM | Crédits ouverts`: what is open is the last
    min_numeric_roles=3,
    title="d'exécution budgétaire",
    labels={
        "budget": "Budget",
        "engaged": "Engagé",
        "available": "Disponible",
        "realised": "Réalisé",
        "pending": "En cours",
        "proposal": "Proposition",
        "balance": "Solde",
        "remaining": "Reste",
        "gap": "Écart",
        "debit": "Débit",
        "credit": "Crédit",
    },
)

ARTICLES = TableKind(
    name="articles",
    roles={
        "article": ("article",),
        "object": ("description",),
        "amount": ("amount",),
        "reference": ("reference",),
    },
    required=("amount", "reference"),
    # An open-data list's `Référence délibération` is no article: without an ARTICLE
    # column, a table is not the articles of a délibération.
    identified_by=("article",),
    money=("amount",),
    has_totals=False,
    title="des articles",
    column_names={"amount": "MONTANT", "reference": "RÉFÉRENCE"},
)

KEY_FIGURES = TableKind(
    name="chiffres_cles",
    roles={
        "label": ("libelle",),
        "value": ("value",),
        "components": ("components",),
    },
    required=("value", "components"),
    quantities=("value",),
    has_totals=False,
    title="des chiffres clés",
    column_names={"value": "VALEUR", "components": "COMPOSANTES"},
)

# On a tie of matching headers, the first kind wins.
KINDS = (REPARTITION, IMPUTATION, PLAN, ARTICLES, KEY_FIGURES, EXECUTION)
