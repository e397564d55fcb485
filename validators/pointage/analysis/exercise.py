"""Which plan de comptes a workbook's imputations are read in: the budget year and the
norm (issue 29). The year is the Paramètres' Exercice, else the date of the séance the
workbook's text names (`Réunion du 16 septembre 2024`), else a year in the file's name
(`cp-2024-09-16-….xlsx`); the norm is the Paramètres' Norme, else M57_D."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.analysis.description import MONTHS
from pointage.base.text import words
from pointage.reading.snapshot import WorkbookSnapshot
from pointage.tables.settings import Parametres

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

DEFAULT_VARIANT = "M57_D"
# From 2024 every département keeps its accounts in M57; before, most were still in M52.
M57_FOR_ALL_FROM = 2024
VARIANTS = {"M52": "M52", "M57": "M57", "M57A": "M57_A", "M57D": "M57_D", "M57P": "M57_P"}

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# The séance a délibération or its rapport is dated by: `REUNION DU 16 SEPTEMBRE 2024`,
# `Commission permanente du 16/09/2024` (as `words` spells them: upper case, no accents).
_SITTING = re.compile(
    r"\b(?:REUNION|SEANCE|COMMISSION PERMANENTE|CONSEIL DEPARTEMENTAL|ASSEMBLEE DEPARTEMENTALE)"
    r" DU (?:\d{1,2}(?:ER)? (?:"
    + "|".join(m.upper() for m in MONTHS)
    + r")|\d{1,2} \d{1,2}) ((?:19|20)\d\d)\b"
)
_LONGEST_SCANNED = 2000  # a text cell longer is a paragraph of the annex, not a heading
# A séance is named in a sheet's heading, above its tables: the rows below are the
# tables' lines, and reading all of them cost a 100 000-line annex a third of its check.
SITTING_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Exercise:
    year: int | None
    year_source: str  # French: where the year was read (`exercice lu en Paramètres!B4`), or ""
    variant: str | None  # the plan's variant (M57_D…), None when the Norme written is unknown
    variant_written: str | None  # the Paramètres' Norme as written, if any
    variant_cell: str | None

    @property
    def variants(self) -> tuple[str, ...]:
        """The plans an imputation may be read in. A norm written is the only one; without
        it, before 2024 a département may still be in M52: its imputations are read in
        M57_D or M52, never flagged for being of the other norm."""
        if self.variant is None:
            return ()
        if self.variant_written is None and self.year is not None and self.year < M57_FOR_ALL_FROM:
            return (self.variant, "M52")
        return (self.variant,)


def exercise_in(ctx: CheckContext) -> Exercise:
    """The workbook's exercise, read once per check (`ctx.shared`)."""
    return exercise_of(ctx.workbook, ctx.parametres)


def exercise_of(workbook: WorkbookSnapshot, parametres: Parametres) -> Exercise:
    year, source = _year_of(workbook, parametres)
    written = parametres.norme
    cell = parametres.text_cells.get("norme")
    variant = VARIANTS.get(re.sub(r"[^0-9A-Z]", "", written.upper())) if written else DEFAULT_VARIANT
    return Exercise(year, source, variant, written, f"{parametres.sheet}!{cell}" if cell else None)


def _year_of(workbook: WorkbookSnapshot, parametres: Parametres) -> tuple[int | None, str]:
    if parametres.exercice:
        year = year_in(parametres.exercice)
        if year is not None:
            return year, f"exercice lu en {parametres.sheet}!{parametres.text_cells.get('exercice', '')}"
    for sheet in workbook.sheets:
        if sheet.name in workbook.own_sheets:
            continue
        for row in sheet.values[:SITTING_SEARCH_ROWS]:
            for value in row:
                if isinstance(value, str) and 8 < len(value) <= _LONGEST_SCANNED and "du" in value.lower():
                    found = _SITTING.search(words(value))
                    if found:
                        return int(found.group(1)), f"année de la séance, feuille « {sheet.name} »"
    years = set(_YEAR.findall(workbook.name))
    if len(years) == 1:
        return int(years.pop()), "année du nom du fichier"
    return None, ""


def year_in(text: str) -> int | None:
    """`2024`, `2024.0` (a number cell read as text), `Exercice 2024` -> 2024."""
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None
