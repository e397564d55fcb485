"""Rule families; importing this package registers every rule."""

from pointage.rules import amounts, budget, form, internal, totals  # noqa: F401
