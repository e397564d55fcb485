"""The imputations of the budget tables, in their parts: `6568/93446` is nature `6568`,
`93` (fonctionnement; `90` investissement) and fonction `446`, as the délibérations of
the Pas-de-Calais write them (issue 29). An imputation written otherwise (`6568//93446`,
B007's; `65/6568`; a nature of class 9) is not read in parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.analysis.budget_lines import BudgetLine

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

_PARTS = re.compile(r"^([1-8]\d*)/(9[03])(\d+)$")
_SECTION_OF_PREFIX = {"93": "F", "90": "I"}


@dataclass(frozen=True)
class Imputation:
    line: BudgetLine
    text: str
    nature: str
    section: str  # F or I, as the functional chapter (93, 90) says
    function: str

    @property
    def cell(self) -> str:
        return self.line.address("imputation")

    @property
    def section_prefix(self) -> str:
        return "93" if self.section == "F" else "90"


def imputation_of(line: BudgetLine) -> Imputation | None:
    if not line.table.has("imputation"):
        return None
    text = line.table.text(line.row, "imputation")
    parts = _PARTS.match(text)
    if parts is None:
        return None
    nature, prefix, function = parts.groups()
    return Imputation(line, text, nature, _SECTION_OF_PREFIX[prefix], function)


def imputations_in(ctx: CheckContext) -> list[Imputation]:
    """Every imputation read in parts, in the order of the budget lines (`ctx.shared`)."""
    return [found for line in ctx.budget_lines if (found := imputation_of(line)) is not None]
