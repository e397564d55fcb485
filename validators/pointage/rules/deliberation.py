"""D — the délibération's Word text against its annexes; and the articles (A001) and key
figures (A002) the text states, checked as those of a `Délibération` sheet are.

A finding here is located in the document (`document`, `paragraph`), and names in
`cells` the workbook cells it was compared with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.quoted_figures import (
    CODE_OPERATION,
    IMPUTATION_TEXT,
    Article,
    Period,
    Quote,
    StatedSum,
    UnitCost,
    articles,
    count_quotes,
    money_columns,
    money_quotes,
    periods,
    sentence_around,
    stated_sums,
    unit_costs,
)
from pointage.analysis.references import Resolution, resolve_reference
from pointage.analysis.workbook_figures import HeldFigure, workbook_figures
from pointage.base.addresses import sheet_reference
from pointage.base.formatting import as_json, format_money, money_json, show
from pointage.base.numbers import parse_number_text, to_cents
from pointage.base.text import label_key, unit_key_of
from pointage.report.findings import Finding, Severity
from pointage.rules.articles import A001, A002, reference_disagreement, sum_disagreement
from pointage.rules.registry import rule
from pointage.tables.table import DETAIL

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext
    from pointage.reading.deliberation import Passage
    from pointage.tables.settings import Bareme

D001 = rule(
    "D001",
    Severity.AVERTISSEMENT,
    summary="Un montant (en euros) ou un nombre de places que cite le texte de la délibération "
    "(document Word, option `--deliberation`) ne se retrouve nulle part dans le classeur : ni "
    "dans une cellule, ni dans les composantes d'un chiffre clé ; dans une ligne de tableau qui "
    "cite un code opération, parmi les montants de ce code. Le message dit ce qui a été cherché. "
    "Les montants écrits en lettres ne sont pas lus.",
    message="{figure} cité (« {sentence} ») : {looked}.",
    example="Seed 000 ✔ : « pour un montant total de 464 570 € » se retrouve dans le total de "
    "l'annexe 1 et la Dépense de C02-446A05.",
    after_others=True,
)

D002 = rule(
    "D002",
    Severity.ERREUR,
    summary="Le texte de la délibération reprend un chiffre du classeur que Pointage signale "
    "comme faux (une erreur d'une autre règle sur cette cellule) : le texte est à corriger "
    "avec le classeur.",
    message="{figure} cité (« {sentence} ») reprend {address}, en erreur : [{code}] {message}",
    example="Seed 003 ✘ : le plan de financement cite `3030 places` de delta, la valeur de "
    "'Annexe 2'!F26 où cible 1 030 − existant 700 = 330.",
    after_others=True,
)


@dataclass
class _Review:
    """What the document's articles and key figures already account for."""

    references: list[tuple[Article, Quote, str, Resolution]] = field(default_factory=list)
    tied: set[tuple[Passage, int]] = field(default_factory=set)  # quotes A001/A002 check
    stated: list[StatedSum] = field(default_factory=list)  # the key figures stated as sums


def _review(ctx: CheckContext) -> _Review:
    review = _Review()
    document = ctx.document
    if document is None:
        return review
    passages = list(document.passages)
    sheet = ctx.articles[0].sheet_name if ctx.articles else ""
    for article in articles(passages, ctx.units):
        quote = article.amount
        reference = " + ".join(article.codes) or _sheet_reference(article, ctx)
        if quote is None or not reference:
            continue
        resolution = resolve_reference(reference, ctx, sheet)
        if resolution.unresolved:
            continue  # looked up as any other figure (D001 says what was looked for)
        review.references.append((article, quote, reference, resolution))
        review.tied.add(_key(quote))
    review.stated = stated_sums(passages)
    for stated in review.stated:
        review.tied.update(_key(q) for q in (stated.figure, *stated.parts))
    return review


def _key(quote: Quote) -> tuple[Passage, int]:
    return quote.passage, quote.start


def _sheet_reference(article: Article, ctx: CheckContext) -> str:
    """The RÉFÉRENCE of the same article in a `Délibération`/`Articles` sheet."""
    for table in ctx.articles:
        for row in table.rows:
            label = table.text(row, "article")
            if row.kind == DETAIL and label and _article_number(label) == article.number:
                return table.text(row, "reference")
    return ""


def _article_number(label: str) -> int | None:
    digits = "".join(ch if ch.isdigit() else " " for ch in label).split()
    return int(digits[0]) if digits else None


def document_articles(ctx: CheckContext) -> Iterator[Finding]:
    """A001 over the document's articles: the amount of an article against what its
    reference designates (the code opérations it quotes, else the RÉFÉRENCE of the same
    article in the workbook)."""
    document = ctx.document
    if document is None:
        return
    for article, quote, reference, resolution in ctx.shared(_review).references:
        cents = to_cents(quote.value)
        disagreement = reference_disagreement(cents, reference, resolution, ctx, f" (« {quote.sentence} »)")
        if disagreement is None:
            continue
        expected, problem = disagreement
        yield A001.finding(
            None,
            None,
            cells=resolution.cells,
            expected=money_json(expected),
            found=money_json(cents),
            money=True,
            article=article.label,
            problem=problem,
            document=document.name,
            paragraph=quote.passage.place,
        )


def document_key_figures(ctx: CheckContext) -> Iterator[Finding]:
    """A002 over the document: `8 661 … dont 1 313, 2 081 et 5 548`."""
    document = ctx.document
    if document is None:
        return
    for stated in ctx.shared(_review).stated:
        parts = [p.value for p in stated.parts]
        disagreement = sum_disagreement(stated.figure.value, parts)
        if disagreement is None:
            continue
        expected, problem = disagreement
        yield A002.finding(
            None,
            None,
            expected=as_json(expected, money=False),
            found=as_json(stated.figure.value, money=False),
            label=f"« {stated.figure.sentence} »",
            problem=problem,
            document=document.name,
            paragraph=stated.figure.passage.place,
        )


@dataclass
class _Lookup:
    """A quoted figure and the workbook cells that hold it, or what was looked in."""

    quote: Quote
    held: list[HeldFigure]
    looked: str  # French: where it was looked for, when nothing holds it
    looked_in: list[str]  # the cells it was looked in, when they are few (a code's line)
    context: str  # the sentence, or the table's row (`C02-446A05 | … | 464 570,00`)


def _lookups(ctx: CheckContext) -> list[_Lookup]:
    document = ctx.document
    if document is None:
        return []
    figures = ctx.shared(workbook_figures)
    tied = ctx.shared(_review).tied
    passages = list(document.passages)
    columns = money_columns(passages)
    table_rows = ctx.shared(_table_rows)
    codes_of_rows, rows = table_rows.codes, table_rows.texts
    components = ", et dans les composantes des chiffres clés" if ctx.key_figures else ""
    known = {label_key(line.code) for line in ctx.budget_lines if line.code}
    lookups = []
    for passage in passages:
        in_money_column = (passage.table, passage.column) in columns and passage.row != 1
        quotes = money_quotes(passage, in_money_column) + count_quotes(passage, ctx.units)
        codes = codes_of_rows.get((passage.table, passage.row), []) if passage.table else []
        codes = [c for c in codes if label_key(c) in known]
        for quote in quotes:
            if _key(quote) in tied:
                continue
            unit = quote.unit_key if not quote.money else None
            held = figures.holding(quote.value, unit)
            looked_in: list[str] = []
            if codes:
                lines = _code_cells(ctx, codes)
                held = [h for h in held if (h.sheet, h.cell) in lines]
                looked_in = [sheet_reference(s, c) for s, c in lines]
                looked = (
                    f"aucun montant de {' ni de '.join(codes)} ne vaut {_shown(quote)} "
                    f"(cherché dans {', '.join(looked_in)})"
                )
            else:
                looked = (
                    f"aucune cellule du classeur ne vaut {_shown(quote)} (cherché dans "
                    f"{_sheets(figures.sheets)}{components})"
                )
            context = rows[(passage.table, passage.row)] if passage.table else quote.sentence
            lookups.append(_Lookup(quote, held, looked, looked_in, context))
    return lookups


@dataclass(frozen=True)
class _TableRows:
    """The rows of the document's tables: the code opérations each quotes, and each as it
    reads (D001/D002 and D003 read both)."""

    codes: dict[tuple[int | None, int | None], list[str]]
    texts: dict[tuple[int | None, int | None], str]


def _table_rows(ctx: CheckContext) -> _TableRows:
    passages = list(ctx.document.passages) if ctx.document is not None else []
    return _TableRows(_row_codes(passages), _row_texts(passages))


def _row_codes(passages: list[Passage]) -> dict[tuple[int | None, int | None], list[str]]:
    """The code opérations quoted in each row of the document's tables."""
    codes: dict[tuple[int | None, int | None], list[str]] = {}
    for passage in passages:
        if passage.table is not None:
            codes.setdefault((passage.table, passage.row), []).extend(CODE_OPERATION.findall(passage.text))
    return codes


def _row_texts(passages: list[Passage]) -> dict[tuple[int | None, int | None], str]:
    """Each row of the document's tables as it reads: `C02-446A05 | 6568/93446 | …`."""
    cells: dict[tuple[int | None, int | None], list[str]] = {}
    for passage in passages:
        if passage.table is not None:
            cells.setdefault((passage.table, passage.row), []).append(passage.text)
    return {row: " | ".join(texts) for row, texts in cells.items()}


def _code_cells(ctx: CheckContext, codes: list[str]) -> list[tuple[str, str]]:
    """The money cells of the budget lines of `codes` (AE, Disponible, Dépense…)."""
    wanted = {label_key(c) for c in codes}
    cells = []
    for line in ctx.budget_lines:
        if not line.code or label_key(line.code) not in wanted:
            continue
        for role in line.table.kind.money:
            if line.table.has(role) and line.table.number_value(line.row, role) is not None:
                cells.append((line.table.sheet_name, line.address(role)))
    return cells


def _shown(quote: Quote) -> str:
    if quote.money:
        return format_money(to_cents(quote.value))
    return f"{show(quote.value, money=False)} {quote.unit}"


def _sheets(names: list[str]) -> str:
    if not names:
        return "aucune feuille"
    quoted = [f"« {n} »" for n in names]
    return "la feuille " + quoted[0] if len(quoted) == 1 else "les feuilles " + ", ".join(quoted)


@D001
def check_unmatched_figures(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    if document is None:
        return
    for lookup in ctx.shared(_lookups):
        if lookup.held:
            continue
        yield D001.finding(
            None,
            None,
            cells=lookup.looked_in,
            figure=f"« {lookup.quote.written} »",
            sentence=lookup.context,
            looked=lookup.looked,
            document=document.name,
            paragraph=lookup.quote.passage.place,
        )


@D002
def check_figures_found_wrong(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    if document is None:
        return
    wrong = {(f.sheet, f.cell): f for f in ctx.earlier_findings if f.severity == Severity.ERREUR and f.cell}
    for lookup in ctx.shared(_lookups):
        flagged = [(h, wrong[(h.sheet, h.cell)]) for h in lookup.held if (h.sheet, h.cell) in wrong]
        if not flagged or len(flagged) < len(lookup.held):
            continue  # some cell holds it that no rule doubts: the text may quote that one
        held, finding = flagged[0]
        yield D002.finding(
            None,
            None,
            cells=[held.address],
            expected=finding.expected,
            found=finding.found,
            money=finding.money,
            figure=f"« {lookup.quote.written} »",
            sentence=lookup.context,
            address=held.address,
            code=finding.code,
            message=finding.message,
            document=document.name,
            paragraph=lookup.quote.passage.place,
        )


D003 = rule(
    "D003",
    Severity.AVERTISSEMENT,
    summary="L'imputation que le texte de la délibération cite à côté d'un code opération (dans "
    "la même ligne de tableau ou le même paragraphe) diffère de celle du tableau budgétaire du "
    "classeur pour ce code.",
    message="{code} : imputation « {quoted} » citée (« {context} ») ; le classeur donne {known}.",
    example="Seed 000 ✔ : article 3, `C02-446A05 | 6568//93446`, l'imputation du tableau budgétaire "
    "du classeur (mal formée des deux côtés : B007 le dit du classeur).",
)


@D003
def check_quoted_imputations(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    if document is None:
        return
    passages = list(document.passages)
    table_rows = ctx.shared(_table_rows)
    row_codes, rows = table_rows.codes, table_rows.texts
    known = _imputations_by_code(ctx)
    for passage in passages:
        quoted = IMPUTATION_TEXT.findall(passage.text)
        if not quoted:
            continue
        if passage.table is not None:
            codes, context = (
                row_codes.get((passage.table, passage.row), []),
                rows[(passage.table, passage.row)],
            )
        else:
            codes, context = CODE_OPERATION.findall(passage.text), passage.text
        codes = list(dict.fromkeys(c for c in codes if label_key(c) in known))
        if len(codes) != 1:
            continue  # no code, or several: which imputation goes with which is not said
        lines = known[label_key(codes[0])]
        for imputation in quoted:
            if any(_same_imputation(imputation, text) for text, _ in lines):
                continue
            yield D003.finding(
                None,
                None,
                cells=[address for _, address in lines],
                code=codes[0],
                quoted=imputation,
                context=sentence_around(context, context.find(imputation)),
                known=" ; ".join(f"« {text} » ({address})" for text, address in lines),
                document=document.name,
                paragraph=passage.place,
            )


def _imputations_by_code(ctx: CheckContext) -> dict[str, list[tuple[str, str]]]:
    """Code opération (its key) -> the imputations its budget lines give, and where."""
    known: dict[str, list[tuple[str, str]]] = {}
    for line in ctx.budget_lines:
        text = line.table.text(line.row, "imputation")
        if line.code and text:
            address = sheet_reference(line.table.sheet_name, line.address("imputation"))
            known.setdefault(label_key(line.code), []).append((text, address))
    return known


def _same_imputation(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


D004 = rule(
    "D004",
    Severity.AVERTISSEMENT,
    summary="Un coût unitaire que cite le texte de la délibération (`160 euros pour un an`, "
    "`80 € pour 6 mois`, dit d'une unité du Barème) diffère du coût annuel du Barème ramené à "
    "la durée citée ; ou la période citée (`pour la période du 1er janvier au 31 décembre "
    "2024`) diffère de la durée par défaut ou de l'exercice de la feuille Paramètres, avec "
    "lesquels M001 recalcule les montants.",
    message="{what} cité (« {sentence} ») : {problem}.",
    example="Seed 000 ✔ : « un coût de la place d'accompagnement à 160 euros pour un an, soit "
    "80 € pour 6 mois » ; le Barème donne 160 € par place et par an.",
)


@D004
def check_rates_and_periods(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    if document is None:
        return
    for passage in document.passages:
        if ctx.bareme is not None:
            for cost in unit_costs(passage, ctx.bareme.units):
                yield from _rate_disagreement(ctx, ctx.bareme, cost, document.name)
        if ctx.parametres.sheet is not None:
            for period in periods(passage):
                yield from _period_disagreement(ctx, period, document.name)


def _rate_disagreement(ctx: CheckContext, bareme: Bareme, cost: UnitCost, name: str) -> Iterator[Finding]:
    rate = bareme.general.get(unit_key_of(cost.unit))
    if rate is None:
        return
    expected = to_cents(rate.annual_cost * cost.months / 12)
    found = to_cents(cost.quote.value)
    if ctx.money_equal(found, expected):
        return
    where = sheet_reference(bareme.sheet, rate.cell)
    yield D004.finding(
        None,
        None,
        cells=[where],
        expected=money_json(expected),
        found=money_json(found),
        money=True,
        what=f"« {cost.quote.written} »",
        sentence=cost.quote.sentence,
        problem=f"le Barème donne {format_money(to_cents(rate.annual_cost))} par {cost.unit} et par an ({where})"
        + (
            ""
            if cost.months == 12
            else f", soit {format_money(expected)} pour {show(cost.months, money=False)} mois"
        ),
        document=name,
        paragraph=cost.quote.passage.place,
    )


def _period_disagreement(ctx: CheckContext, period: Period, name: str) -> Iterator[Finding]:
    problems = []
    if Decimal(period.months) != ctx.default_months:
        problems.append(
            f"{period.months} mois, quand la durée par défaut de la feuille « {ctx.parametres.sheet} » "
            f"est {show(ctx.default_months, money=False)} mois"
        )
    exercice = ctx.parametres.exercice
    year = parse_number_text(exercice) if exercice else None  # `2024`, or `2024.0` as calamine reads it
    if year is not None and year.value != period.year:
        problems.append(
            f"l'année {period.year}, quand l'exercice de la feuille « {ctx.parametres.sheet} » est "
            f"{int(year.value)}"
        )
    if not problems:
        return
    yield D004.finding(
        None,
        None,
        what=f"« {period.written} »",
        sentence=sentence_around(period.passage.text, period.start),
        problem=" ; ".join(problems),
        document=name,
        paragraph=period.passage.place,
    )
