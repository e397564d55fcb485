"""Every rule family: importing this module registers every rule (`all_rules` does,
on first use; the package itself imports nothing, so that the engine can load while
calamine reads a file and the rules come later, in parallel)."""

from pointage.rules import (  # noqa: F401
    amounts,
    articles,
    budget,
    budget_identities,
    deliberation,
    form,
    formulas,
    identities,
    internal,
    plan,
    scdl,
    totals,
)
