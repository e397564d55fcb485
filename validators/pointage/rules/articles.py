"""A — amounts written in the articles of the délibération, and key figures."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pointage.analysis.references import Resolution, known_references, read_components, resolve_reference
from pointage.base.formatting import as_json, format_money, money_json, show, show_difference
from pointage.base.numbers import euros, to_cents
from pointage.base.text import key
from pointage.report.findings import Severity
from pointage.rules.registry import rule
from pointage.tables.table import DETAIL

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

A001 = rule(
    "A001",
    Severity.ERREUR,
    summary="Le montant d'un article diffère de ce que désigne sa RÉFÉRENCE : la Dépense "
    "(ou Recette, sinon la Proposition) d'un code opération, le dernier total général "
    "d'une feuille, des cellules (`Annexe 5!G40`), ou la somme de plusieurs séparés par "
    "`+`. Une référence qui ne désigne rien est aussi une erreur, quand le classeur a des "
    "codes opération ou une feuille totalisée qu'elle pourrait désigner.",
    message="{article} : {problem}.",
    example="Seed 001 ✔ : article 4, `273 567 €` pour la référence `C02-582A02 + "
    "C02-582A01` = 268 567,00 + 5 000,00.",
)


@A001
def check_articles(ctx):
    codes, sheets = known_references(ctx)
    for table in ctx.articles:
        for row in table.rows:
            reference = table.text(row, "reference")
            amount = table.number_value(row, "amount")
            if row.kind != DETAIL or not reference or amount is None:
                continue
            article = table.text(row, "article") or f"Ligne {row.index + 1}"
            resolution = resolve_reference(reference, ctx, table.sheet_name)
            if resolution.unresolved:
                if not codes and not sheets:
                    # Nothing in the workbook a reference could name: the column is
                    # not one of references (the table's notes say so), no accusation.
                    continue
                if all(_names_a_sheet(part, ctx) for part in resolution.unresolved):
                    # The sheet it names is there, its total not understood: what is
                    # misread is Pointage's reading, not the article.
                    continue
                yield A001.finding(
                    table.sheet_name,
                    table.address(row, "reference"),
                    article=article,
                    problem=(
                        f"la référence « {' + '.join(resolution.unresolved)} » ne désigne "
                        f"ni un code opération ni une feuille totalisée ; codes opération "
                        f"connus : {_listed(codes)} ; feuilles : {_listed(sheets)}"
                    ),
                )
                continue
            disagreement = reference_disagreement(amount.cents, reference, resolution, ctx)
            if disagreement is None:
                continue
            expected, problem = disagreement
            yield A001.finding(
                table.sheet_name,
                table.address(row, "amount"),
                cells=[table.address(row, "amount"), *resolution.cells],
                expected=money_json(expected),
                found=money_json(amount.cents),
                money=True,
                article=article,
                problem=problem,
            )
    from pointage.rules.deliberation import document_articles  # it reuses this module's comparison

    yield from document_articles(ctx)


def reference_disagreement(
    cents: int, reference: str, resolution: Resolution, ctx: CheckContext, quoted: str = ""
) -> tuple[int, str] | None:
    """(expected cents, A001's problem) when an amount differs from what its reference
    designates: the articles of a sheet and those of the Word document say it alike."""
    expected = to_cents(resolution.value)
    if ctx.money_equal(cents, expected):
        return None
    return expected, (
        f"montant {format_money(cents)}{quoted} ; la référence « {reference} » "
        f"donne {format_money(expected)} ({' + '.join(resolution.sources)}) "
        f"(écart {show_difference(euros(cents), euros(expected), money=True)})"
    )


def _names_a_sheet(part: str, ctx) -> bool:
    wanted = key(part.strip().strip("'"))
    return any(key(sheet.name) == wanted for sheet in ctx.workbook.sheets)


def _listed(names: list[str]) -> str:
    return ", ".join(names) if names else "aucun"


A002 = rule(
    "A002",
    Severity.ERREUR,
    summary="Un chiffre clé diffère de la somme de ses composantes (nombres séparés par "
    "`+` ou `;`, ou plage de cellules), ou ses composantes ne se lisent pas comme des "
    "nombres.",
    message="{label} : {problem}.",
    example="Seed 003 ✘ : `8 661` demandeurs d'emploi, dont `1 313 + 2 081 + 5 548` = 8 942.",
)


@A002
def check_key_figures(ctx):
    for table in ctx.key_figures:
        for row in table.rows:
            text = table.text(row, "components")
            value = table.number_value(row, "value")
            if row.kind != DETAIL or not text or value is None:
                continue
            label = table.text(row, "label") or f"Ligne {row.index + 1}"
            components = read_components(text, ctx, table.sheet_name)
            if components is None:
                yield A002.finding(
                    table.sheet_name,
                    table.address(row, "components"),
                    label=label,
                    problem=f"les composantes « {text} » ne se lisent pas comme des nombres "
                    "séparés par + ou ;, ni comme une plage de cellules",
                )
                continue
            shown = f"la plage {text}" if components.cells else ""
            disagreement = sum_disagreement(value.value, components.values, shown)
            if disagreement is None:
                continue
            expected, problem = disagreement
            yield A002.finding(
                table.sheet_name,
                table.address(row, "value"),
                cells=[table.address(row, "value"), table.address(row, "components"), *components.cells],
                expected=as_json(expected, money=False),
                found=as_json(value.value, money=False),
                label=label,
                problem=problem,
            )
    from pointage.rules.deliberation import document_key_figures  # it reuses this module's comparison

    yield from document_key_figures(ctx)


def sum_disagreement(value: Decimal, parts: list[Decimal], shown: str = "") -> tuple[Decimal, str] | None:
    """(the sum, A002's problem) when a key figure differs from the sum of its parts
    (`shown`: how the parts are named, else they are listed)."""
    expected = sum(parts, Decimal(0))
    if value == expected:
        return None
    shown = shown or " + ".join(show(v, money=False) for v in parts)
    return expected, (
        f"le chiffre indiqué est {show(value, money=False)} ; {shown} donne "
        f"{show(expected, money=False)} (écart "
        f"{show_difference(value, expected, money=False)})"
    )
