"""How sure the reading of a table is: what rules and the engine ask of a table
without knowing detection's scores."""

from __future__ import annotations

from pointage.tables.detection import SURE_SCORE
from pointage.tables.table import Table


def surely_of_its_kind(table: Table) -> bool:
    """Enough of its headers name its kind's columns that the table is surely of its
    kind: a required column missing is then an error (F004), and the workbook is not
    « nothing recognised » even when the table cannot be checked."""
    return table.score >= SURE_SCORE
