"""Rule families; importing this package registers every rule."""

from pointage.rules import (  # noqa: F401
    amounts,
    articles,
    budget,
    budget_identities,
    form,
    internal,
    plan,
    totals,
)
