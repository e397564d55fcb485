"""The one place where a rule is defined: code, severity, message, doc, check.

Modelled on ruff/pylint: the catalogue (docs/regles.md) is generated from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pointage.report.findings import Finding, Severity

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

Check = Callable[["CheckContext"], Iterable[Finding]]

FAMILIES = {
    "T": "Totaux (répartition, plan de financement)",
    "M": "Montants recalculés au barème (répartition)",
    "B": "Tableau budgétaire (imputation)",
    "P": "Plan de financement",
    "I": "Identités entre colonnes (exécution budgétaire, coûts)",
    "A": "Articles de la délibération et chiffres clés",
    "D": "Texte de la délibération (document Word) rapproché des annexes",
    "F": "Forme des données",
    "S": "Publication SCDL des subventions (données ouvertes)",
    "E": "Lecture du classeur",
    "X": "Fonctionnement de Pointage",
}


# A message that opens with the words of the sheet (`{label} : le total…`): when they
# end with their own colon (`Total :`), it is said once, never `Total : : le total`.
_OPENING_FIELD = re.compile(r"^\{(\w+)\} : ")


def _without_own_colon(message: str, fields: dict[str, object]) -> dict[str, object]:
    opening = _OPENING_FIELD.match(message)
    words = fields.get(opening.group(1)) if opening else None
    if not isinstance(words, str) or not words.rstrip().endswith(":"):
        return fields
    return {**fields, opening.group(1): words.rstrip(" \u00a0\u202f:") or words}


@dataclass(eq=False)  # a rule is itself: hashable, compared by identity
class Rule:
    code: str
    severity: Severity
    summary: str  # what the rule checks, one French sentence
    message: str  # French template, str.format fields
    example: str  # from the seeds (regles.md)
    check: Check | None = field(default=None, repr=False)
    # Run once every other rule has run: it reads their findings (`ctx.earlier_findings`).
    after_others: bool = False

    @property
    def family(self) -> str:
        return self.code[0]

    def __call__(self, check: Check) -> Check:
        """Use the rule as a decorator on its check function."""
        self.check = check
        return check

    def finding(
        self,
        sheet: str | None,
        cell: str | None,
        cells: Iterable[str] = (),
        expected: str | None = None,
        found: str | None = None,
        money: bool = False,
        technical: str | None = None,
        document: str | None = None,
        paragraph: str | None = None,
        **fields: object,
    ) -> Finding:
        involved = tuple(dict.fromkeys([*cells] or ([cell] if cell else [])))
        return Finding(
            code=self.code,
            severity=self.severity,
            sheet=sheet,
            cell=cell,
            cells=involved,
            message=self.message.format(**_without_own_colon(self.message, fields)),
            expected=expected,
            found=found,
            money=money,
            detail=technical,
            document=document,
            paragraph=paragraph,
        )


_RULES: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, summary: str, message: str, example: str, after_others: bool = False
) -> Rule:
    if code in _RULES:
        raise ValueError(f"rule {code} defined twice")
    defined = Rule(code, severity, summary, message, example, after_others=after_others)
    _RULES[code] = defined
    return defined


def all_rules() -> list[Rule]:
    import pointage.rules.families  # noqa: F401  (registers every family)

    return [_RULES[code] for code in sorted(_RULES)]


def get_rule(code: str) -> Rule:
    all_rules()
    return _RULES[code]
