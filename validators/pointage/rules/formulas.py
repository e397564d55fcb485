"""T004, T005 — what a total's own formula adds, against its block
(`analysis/formula_evidence.py` reads the formulas); F012 — formulas that compute each
other (`analysis/formula_cycles.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.formula_cycles import Cycle, workbook_cycles
from pointage.analysis.formula_evidence import FormulaEvidence, formula_evidence
from pointage.base.addresses import a1
from pointage.base.formatting import as_json, count, show, show_difference
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import Rule, rule

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.reading.snapshot import SheetSnapshot

T004 = rule(
    "T004",
    Severity.ERREUR,
    summary="La formule d'un total laisse de côté des lignes chiffrées de son bloc, y ajoute un "
    "nombre écrit dans la formule, ou additionne une cellule vide à côté du total qu'elle "
    "devait compter (l'avertissement d'Excel « la formule omet des cellules adjacentes », par bloc).",
    message="{label} : la formule du total (={formula}) {what} ; sans cela le total serait "
    "{expected_text} au lieu de {found_text} (écart {difference}).",
    example="`=SUM(F7:F18)+150` : 150 est ajouté aux lignes du bloc ; `=D19+D20+D21+D22+D23+D24+D26` "
    "saute la ligne 25.",
)


@T004
def check_total_formulas(ctx: CheckContext) -> Iterator[Finding]:
    for evidence in ctx.shared(formula_evidence):
        if evidence.changes_amount:
            yield _finding(T004, evidence, _changes(evidence))


T005 = rule(
    "T005",
    Severity.AVERTISSEMENT,
    summary="La formule d'un total saute des lignes de son bloc vides aujourd'hui : un montant "
    "saisi plus tard n'y serait pas compté.",
    message="{label} : la formule du total (={formula}) saute {what}, vide ou à zéro aujourd'hui : "
    "un nombre saisi plus tard n'y serait pas compté.",
    example="`=D19+D20+D21+D22+D23+D24+D26`, la ligne 25 du bloc étant vide.",
)


@T005
def check_skipped_empty_lines(ctx: CheckContext) -> Iterator[Finding]:
    for evidence in ctx.shared(formula_evidence):
        if not evidence.changes_amount:
            yield T005.finding(
                evidence.sheet,
                evidence.cell,
                cells=[*(o.cell for o in evidence.omitted), evidence.cell],
                label=evidence.label,
                formula=evidence.formula,
                what=_cells_of_lines([o.cell for o in evidence.omitted]),
            )


def explained_totals(ctx: CheckContext) -> dict[str, Decimal]:
    """`sheet!cell` -> what T004 found wrong with the formula of that total, for T001 and
    T002: a total whose formula's slip explains its whole difference is said once (by
    T001/T002 when T004 is not run)."""
    if ctx.rule_codes is not None and "T004" not in ctx.rule_codes:
        return {}
    return {f"{e.sheet}!{e.cell}": e.effect for e in ctx.shared(formula_evidence) if e.changes_amount}


def _finding(rule_: Rule, evidence: FormulaEvidence, what: str) -> Finding:
    found = evidence.value
    expected = found - evidence.effect
    money = evidence.money
    involved = [
        *(o.cell for o in evidence.omitted if o.value),
        *(cell for beside in evidence.beside for cell in beside[:2]),
        evidence.cell,
    ]
    return rule_.finding(
        evidence.sheet,
        evidence.cell,
        cells=involved,
        expected=as_json(expected, money),
        found=as_json(found, money),
        money=money,
        label=evidence.label,
        formula=evidence.formula,
        what=what,
        expected_text=show(expected, money),
        found_text=show(found, money),
        difference=show_difference(found, expected, money),
    )


def _changes(evidence: FormulaEvidence) -> str:
    money = evidence.money
    said = []
    lines = [(o.cell, o.value) for o in evidence.omitted if o.value]
    if lines:
        shown = _and([f"{cell} ({show(value, money)})" for cell, value in lines])
        said.append(f"ne compte pas {'la ligne' if len(lines) == 1 else 'les lignes'} {shown} de son bloc")
    for constant in evidence.constants:
        verb = "ajoute" if constant > 0 else "retranche"
        said.append(f"{verb} le nombre {show(abs(constant), False)} écrit dans la formule")
    for empty, total, value in evidence.beside:
        said.append(f"additionne {empty}, vide, au lieu du total {total} ({show(value, money)}) juste à côté")
    return _and(said)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _cells_of_lines(cells: list[str]) -> str:
    return f"la ligne {cells[0]}" if len(cells) == 1 else "les lignes " + _and(cells)


F012 = rule(
    "F012",
    Severity.AVERTISSEMENT,
    summary="Des formules se calculent l'une par l'autre, ou une formule compte sa propre cellule "
    "(un total qui s'additionne lui-même) : une référence circulaire, que l'avertissement "
    "« Références circulaires » d'Excel signale ; la valeur affichée n'est pas un résultat fiable. "
    "Une constatation par référence circulaire, avec toutes ses cellules.",
    message="Référence circulaire, que signale l'avertissement « Références circulaires » "
    "d'Excel : {what} ; {consequence}.",
    example="Un total dont la plage a été tirée une ligne trop loin (`=SUM(C2:C10)` écrit en C10) ; "
    "le total d'un bloc qui ajoute le total général, lequel ajoute ce total de bloc.",
)

# Cells (with their formula) named in F012's message; all of them are in its `cells`.
_CYCLE_SHOWN = 6


@F012
def check_circular_references(ctx: CheckContext) -> Iterator[Finding]:
    sheets = {sheet.name: sheet for sheet in ctx.workbook.sheets}
    for cycle in workbook_cycles(ctx.workbook):
        yield _cycle_finding(cycle, sheets)


def _cycle_finding(cycle: Cycle, sheets: dict[str, SheetSnapshot]) -> Finding:
    first_sheet = cycle.cells[0][0]
    cells = [a1(r, c) if name == first_sheet else f"{name}!{a1(r, c)}" for name, r, c in cycle.cells]
    shown = [
        f"{cell} (={sheets[name].formula((r, c))})"
        for cell, (name, r, c) in zip(cells[:_CYCLE_SHOWN], cycle.cells)
    ]
    listed = (
        _and(shown)
        if len(cells) <= _CYCLE_SHOWN
        else ", ".join(shown) + f" et {count(len(cells) - _CYCLE_SHOWN, 'autre')}"
    )
    several = f"les {len(cells)} formules de" if len(cells) > 2 else "les formules de"
    if len(cells) == 1:
        what = f"la formule de {listed} compte sa propre cellule"
    elif cycle.own_cell:
        what = f"{several} {listed} comptent chacune leur propre cellule"
    elif len(cells) == 2:
        what = f"{several} {listed} se calculent l'une par l'autre"
    else:
        what = f"{several} {listed} se calculent les unes par les autres"
    consequence = (
        "sa valeur affichée n'est pas un résultat fiable"
        if len(cells) == 1
        else "leurs valeurs affichées ne sont pas des résultats fiables"
    )
    return F012.finding(first_sheet, cells[0], cells=cells, what=what, consequence=consequence)
