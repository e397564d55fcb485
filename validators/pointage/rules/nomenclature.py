"""N — imputations read against the DGFiP's plan de comptes of the workbook's norm and
year (issue 29): the nature and the fonction exist, the nature is a real account of the
section its chapter implies, the code opération carries the imputation's fonction.

An imputation `6568/93446` is nature `6568` / `93` (fonctionnement; `90` investissement)
and fonction `446`. One written otherwise (`6568//93446` is B007's; `65/6568`) is not
read here. The plan is loaded only when a budget table holds such an imputation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pointage.analysis.context import CheckContext
from pointage.analysis.exercise import Exercise, exercise_in
from pointage.analysis.imputations import Imputation, imputations_in
from pointage.analysis.nomenclature import SECTIONS, Plan, known_years, plan_of
from pointage.base.text import key
from pointage.report.findings import Finding, Severity
from pointage.rules.budget import CODE_FORM
from pointage.rules.registry import rule

_SWITCH_OFF = {"NON", "FAUX", "NO", "FALSE", "0"}

N001 = rule(
    "N001",
    Severity.ERREUR,
    summary="La nature d'une imputation (`6568` de `6568/93446`) n'existe pas dans le plan de "
    "comptes de la norme et de l'exercice du classeur (Paramètres : Norme, M57_D par défaut ; "
    "Exercice, sinon la date de la séance, sinon l'année du nom du fichier).",
    message="Imputation « {imputation} » : la nature {nature} n'existe pas dans le plan {plan}{nearest}.",
    example="Seed 000 ✔ : `6568` (Autres participations) existe dans le plan M57_D 2024.",
)

N002 = rule(
    "N002",
    Severity.ERREUR,
    summary="La fonction d'une imputation (`446` de `6568/93446`) n'existe pas dans le plan de "
    "comptes de la norme et de l'exercice du classeur.",
    message="Imputation « {imputation} »{nature_text} : la fonction {function} n'existe pas dans le "
    "plan {plan}{nearest}.",
    example="Seed 002 ✔ : fonctions `428`, `444` et `446` du plan M57_D 2024.",
)

N003 = rule(
    "N003",
    Severity.AVERTISSEMENT,
    summary="La nature d'une imputation n'est pas un compte de dépense (ou de recette) réelle de "
    "la section que son chapitre fonctionnel indique (`93` fonctionnement, `90` "
    "investissement), ou n'est qu'un regroupement de comptes.",
    message="Imputation « {imputation} » : {nature} {label} {problem} ; plan {plan}.",
    example="Seed 003 ✔ : `74713/93428`, recette réelle de fonctionnement (chapitre 74).",
)

N004 = rule(
    "N004",
    Severity.AVERTISSEMENT,
    summary="La fonction de l'imputation diffère de celle que porte le code opération "
    "(`C02-446A05` porte la fonction 446 ; `6568/9358` va avec `C02-582A02`). Paramètres : "
    "« Fonction du code opération : Non » l'éteint.",
    message="Imputation « {imputation} »{described} : le code opération {code} porte la fonction "
    "{code_function}{code_function_label}.",
    example="Seed 001 ✔ : `6568/9358` et `C02-582A02`, `6568/93566` et `C02-566A05`.",
)

N005 = rule(
    "N005",
    Severity.INFO,
    summary="Les imputations n'ont pas été lues dans la nomenclature : norme inconnue, ou plan de "
    "comptes de l'exercice absent de Pointage (dit une fois par classeur, "
    "jamais remplacé par le plan d'une autre année).",
    message="Imputations non vérifiées dans la nomenclature : {reason}.",
    example="Un classeur de l'exercice 2025 : Pointage connaît les plans M57_D jusqu'à 2024.",
)


@dataclass
class Reading:
    """The imputations of a workbook, each read in the plan that accepts it best."""

    exercise: Exercise
    imputations: list[Imputation]
    plans: list[Plan]
    # (imputation, plan it was read in, the rule codes it breaks there)
    verdicts: list[tuple[Imputation, Plan, tuple[str, ...]]] = field(default_factory=list)


def _reading(ctx: CheckContext) -> Reading:
    imputations = ctx.shared(imputations_in)
    exercise = ctx.shared(exercise_in)
    if not imputations or exercise.year is None:
        return Reading(exercise, imputations, [])
    plans = [plan for variant in exercise.variants if (plan := plan_of(variant, exercise.year)) is not None]
    reading = Reading(exercise, imputations, plans)
    for imputation in imputations if plans else ():
        broken = [(_broken(imputation, plan), plan) for plan in plans]
        codes, plan = min(broken, key=lambda pair: len(pair[0]))  # the first plan on a tie
        reading.verdicts.append((imputation, plan, codes))
    return reading


def _broken(imputation: Imputation, plan: Plan) -> tuple[str, ...]:
    codes = []
    if imputation.nature not in plan.accounts:
        codes.append("N001")
    elif _section_problem(imputation, plan):
        codes.append("N003")
    if imputation.function not in plan.functions:
        codes.append("N002")
    return tuple(codes)


def _section_problem(imputation: Imputation, plan: Plan) -> str | None:
    """What is wrong with the nature for its section, in French, or None."""
    account = plan.accounts[imputation.nature]
    if plan.is_group(account.code):
        return "regroupe d'autres comptes : on impute sur l'un d'eux"
    role = imputation.line.commitment_role
    expense, revenue = account.expense_chapter, account.revenue_chapter
    if (role == "expense" and not expense) or (role == "revenue" and not revenue):
        wanted, other = ("dépense", revenue) if role == "expense" else ("recette", expense)
        other_text = (
            f" ({'recette' if role == 'expense' else 'dépense'} réelle au chapitre {other})" if other else ""
        )
        return f"n'est pas un compte de {wanted} réelle{other_text}"
    chapters = [
        c for c in {"expense": (expense,), "revenue": (revenue,)}.get(role or "", (expense, revenue)) if c
    ]
    if not chapters:
        return "n'est pas un compte de dépense ou de recette réelle (compte d'ordre)"
    sections = {plan.section_of(c) for c in chapters}
    # A chapter the plan does not place in a section says nothing against the imputation.
    if imputation.section in sections or not sections <= set(SECTIONS):
        return None
    chapter = chapters[0]
    return (
        f"relève du chapitre {chapter} (section de {SECTIONS[str(plan.section_of(chapter))]}), alors que "
        f"« {imputation.section_prefix} » impute en {SECTIONS[imputation.section]}"
    )


def _found(ctx: CheckContext, code: str) -> Iterator[tuple[Imputation, Plan]]:
    for imputation, plan, codes in ctx.shared(_reading).verdicts:
        if code in codes:
            yield imputation, plan


def _account_text(plan: Plan, code: str) -> str:
    account = plan.accounts.get(code)
    return f"{code} {account.label}" if account else code


def _function_text(plan: Plan | None, code: str) -> str:
    label = plan.functions.get(code) if plan else None
    return f"{code} {label}" if label else code


def _years_text(years: list[int]) -> str:
    """`les exercices 2015 à 2021 et 2024`: the runs of consecutive years, the holes shown."""
    if not years:
        return "aucun exercice"
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{run[0]} à {run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"
    return f"l'exercice {listed}" if len(years) == 1 else f"les exercices {listed}"


def _nearest(code_and_label: str | None) -> str:
    return f" ; code le plus proche : {code_and_label}" if code_and_label else ""


def _where(imputation: Imputation) -> tuple[str, str]:
    return imputation.line.table.sheet_name, imputation.cell


@N001
def check_natures(ctx: CheckContext) -> Iterator[Finding]:
    for imputation, plan in _found(ctx, "N001"):
        nearest = plan.nearest_account(imputation.nature)
        yield N001.finding(
            *_where(imputation),
            imputation=imputation.text,
            nature=imputation.nature,
            plan=plan.name,
            nearest=_nearest(f"{nearest.code} {nearest.label}" if nearest else None),
        )


@N002
def check_functions(ctx: CheckContext) -> Iterator[Finding]:
    for imputation, plan in _found(ctx, "N002"):
        nearest = plan.nearest_function(imputation.function)
        known = imputation.nature in plan.accounts
        yield N002.finding(
            *_where(imputation),
            imputation=imputation.text,
            nature_text=f" ({_account_text(plan, imputation.nature)})" if known else "",
            function=imputation.function,
            plan=plan.name,
            nearest=_nearest(_function_text(plan, nearest) if nearest else None),
        )


@N003
def check_sections(ctx: CheckContext) -> Iterator[Finding]:
    for imputation, plan in _found(ctx, "N003"):
        yield N003.finding(
            *_where(imputation),
            imputation=imputation.text,
            nature=imputation.nature,
            label=plan.accounts[imputation.nature].label,
            problem=_section_problem(imputation, plan),
            plan=plan.name,
        )


@N004
def check_code_functions(ctx: CheckContext) -> Iterator[Finding]:
    switch = ctx.parametres.fonction_du_code
    if switch is not None and key(switch) in _SWITCH_OFF:
        return
    reading = ctx.shared(_reading)
    plan_of_line = {id(imputation): plan for imputation, plan, _ in reading.verdicts}
    for imputation in reading.imputations:
        code = imputation.line.code
        form = CODE_FORM.match(code)
        if form is None:
            continue
        code_function = form.group(1)
        if code_function.startswith(imputation.function) or imputation.function.startswith(code_function):
            continue
        plan = plan_of_line.get(id(imputation))
        described = (
            f" ({_account_text(plan, imputation.nature)} ; fonction {_function_text(plan, imputation.function)})"
            if plan
            else f" (fonction {imputation.function})"
        )
        code_label = plan.functions.get(code_function) if plan else None
        line = imputation.line
        yield N004.finding(
            line.table.sheet_name,
            imputation.cell,
            cells=[line.address("code"), imputation.cell],
            imputation=imputation.text,
            described=described,
            code=code,
            code_function=code_function,
            code_function_label=f" ({code_label})" if code_label else "",
        )


@N005
def check_plan_known(ctx: CheckContext) -> Iterator[Finding]:
    reading = ctx.shared(_reading)
    # No year anywhere (a working extract, a test sheet): nothing is said, as for a
    # workbook without imputation; a year or a norm Pointage has no plan for is said.
    if not reading.imputations or reading.plans or reading.exercise.year is None:
        return
    exercise = reading.exercise
    if exercise.variant is None:
        reason = (
            f"norme « {exercise.variant_written} » inconnue ({exercise.variant_cell}) ; Pointage connaît "
            "M52, M57, M57_A, M57_D et M57_P"
        )
    else:
        reason = (
            f"pas de plan de comptes {exercise.variant} pour l'exercice {exercise.year} "
            f"({exercise.year_source}) ; Pointage connaît {_years_text(known_years(exercise.variant))}"
        )
    first = reading.imputations[0]
    yield N005.finding(*_where(first), reason=reason)
