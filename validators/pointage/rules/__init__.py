"""Rule families; importing this package registers every rule."""

from pointage.rules import amounts, articles, budget, form, internal, plan, totals  # noqa: F401
