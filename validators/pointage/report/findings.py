"""Findings: what a rule says about cells. Collected, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pointage.base.addresses import location, parse_a1


class Severity(str, Enum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"erreur": 2, "avertissement": 1, "info": 0}[self.value]

    @property
    def meaning(self) -> str:
        """What the officer does with a finding of this severity (the text output's
        legend and the rule catalogue say it with these words)."""
        return {
            "erreur": "à corriger avant la commission ; code de sortie 1",
            "avertissement": "à regarder : une personne juge",
            "info": "pour information",
        }[self.value]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    sheet: str | None
    cell: str | None
    message: str
    cells: tuple[str, ...] = field(default=())
    expected: str | None = None  # decimal string with a dot, as in the JSON output
    found: str | None = None
    money: bool = False  # expected/found are euros (else quantities)
    # What a library or Python said of an unexpected failure: never in `message` (the
    # staff read French), shown by `--details` and in the JSON `detail` field.
    detail: str | None = None
    # A finding in the délibération's Word document: its file name, and where in it
    # (`paragraphe 12`, `tableau 1, ligne 2, colonne 5`); `sheet`/`cell` are then None
    # and `cells` the workbook cells it disagrees with.
    document: str | None = None
    paragraph: str | None = None

    def position(self) -> tuple[int, int]:
        if not self.cell:
            return (-1, -1)
        try:
            return parse_a1(self.cell)
        except ValueError:
            return (-1, -1)

    @property
    def address(self) -> str:
        """`'Annexe 1'!E7`, `Budget!B4`: what Excel users read (and type)."""
        return location(self.sheet, self.cell)
