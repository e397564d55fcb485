"""F — the form of the input: numbers as text, formulas, merged and hidden cells."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pointage.base.addresses import a1, range_a1
from pointage.base.formatting import as_json, format_money, show
from pointage.base.numbers import NotANumber, Number, all_typed_numbers, is_typed_number
from pointage.base.text import label_key, words_of_all
from pointage.report.findings import Severity
from pointage.rules.registry import rule
from pointage.tables.table import DETAIL, NOTE, TOTAL


@dataclass
class NumericCell:
    sheet: str
    cell: str
    raw: object
    parsed: Number | NotANumber | None
    column: str
    money: bool


def numeric_cells(ctx) -> list[NumericCell]:
    """The cells read as numbers that were not typed as numbers (text, dates, booleans):
    the only ones F001, F002 and F009 can speak of. Computed once per check."""
    return ctx.shared(_all_typed_numeric_cells)


def _all_typed_numeric_cells(ctx) -> list[NumericCell]:
    return list(_typed_numeric_cells(ctx))


def _typed_numeric_cells(ctx) -> Iterator[NumericCell]:
    for table in ctx.tables:
        if not table.usable:
            continue
        money_roles = set(table.kind.money)
        for role in table.kind.numeric:
            if not table.has(role):
                continue
            column = table.column(role)
            if all_typed_numbers(column):
                continue  # only typed numbers and empty cells: nothing to say
            for row, raw in zip(table.rows, column):
                if row.kind == NOTE or is_typed_number(raw):
                    continue
                yield NumericCell(
                    table.sheet_name,
                    table.address(row, role),
                    raw,
                    table.number(row, role),
                    table.header_text(role),
                    role in money_roles,
                )
        if table.has("description"):
            # A total under the description column may be `3 354` or `43 places`:
            # only the numbers typed as text are worth an info; no F002 on text.
            for row, raw in zip(table.rows, table.column("description")):
                if (
                    row.kind == TOTAL
                    and not is_typed_number(raw)
                    and isinstance(table.number(row, "description"), Number)
                ):
                    yield NumericCell(
                        table.sheet_name,
                        table.address(row, "description"),
                        raw,
                        table.number(row, "description"),
                        table.header_text("description"),
                        False,
                    )
    settings = [*ctx.parametres.cells, *(ctx.bareme.cells if ctx.bareme else [])]
    for item in settings:
        if not is_typed_number(item.raw):
            yield NumericCell(item.sheet, item.cell, item.raw, item.parsed, "valeur", True)


F001 = rule(
    "F001",
    Severity.INFO,
    summary="Un nombre saisi comme texte a été lu (`29 275,00 €`).",
    message="« {raw} » est du texte ; lu comme le nombre {value}.",
    example="Seed 000 : les montants collés depuis le PDF, `29 275,00 €`.",
)


@F001
def check_text_numbers(ctx):
    for item in numeric_cells(ctx):
        if isinstance(item.parsed, Number) and item.parsed.from_text:
            yield _number_read(F001, item)


def _number_read(rule_, item: NumericCell):
    """F001 or F009: a text read as a number, and what it was read as."""
    return rule_.finding(
        item.sheet,
        item.cell,
        found=as_json(item.parsed.value, item.money),
        money=item.money,
        raw=str(item.raw).strip(),
        value=show(item.parsed.value, item.money),
    )


F002 = rule(
    "F002",
    Severity.ERREUR,
    summary="Une cellule d'une colonne chiffrée n'est pas un nombre (`O,5`, `12,5,3`, `n.c.`).",
    message="« {raw} » n'est pas un nombre (colonne « {column} ») : la cellule n'est pas comptée.",
    example="`O,5` (la lettre O) ou `12,5,3` dans une colonne de montants.",
)


@F002
def check_not_numbers(ctx):
    for item in numeric_cells(ctx):
        if isinstance(item.parsed, NotANumber):
            yield F002.finding(item.sheet, item.cell, raw=item.parsed.text, column=item.column)


F003 = rule(
    "F003",
    Severity.ERREUR,
    summary="Une cellule de formule n'a pas de valeur calculée (classeur jamais recalculé) : "
    "elle n'est jamais lue comme 0.",
    message="Formule sans valeur calculée{where} : ouvrez le classeur dans Excel et "
    "enregistrez-le pour que la valeur soit calculée.",
    example="Un classeur produit par un programme et jamais ouvert dans Excel.",
)


@F003
def check_formulas_without_value(ctx):
    areas = _checked_areas(ctx)
    for sheet in ctx.workbook.sheets:
        for row, col in sorted(sheet.formulas_without_value):
            if any(
                name == sheet.name and r1 <= row <= r2 and c1 <= col <= c2 for name, r1, c1, r2, c2 in areas
            ):
                header = next(
                    (
                        t.headers.get(col)
                        for t in ctx.tables
                        if t.sheet_name == sheet.name and t.header_row < row <= t.last_row
                    ),
                    None,
                )
                yield F003.finding(
                    sheet.name, a1(row, col), where=f" (colonne « {header} »)" if header else ""
                )


def _checked_areas(ctx) -> list[tuple[str, int, int, int, int]]:
    from pointage.base.addresses import parse_range

    areas = [(t.sheet_name, t.header_row, t.first_col, t.last_row, t.last_col) for t in ctx.tables]
    for sheet, ref in (
        (ctx.parametres.sheet, ctx.parametres.range),
        (ctx.bareme.sheet if ctx.bareme else None, ctx.bareme.range if ctx.bareme else None),
    ):
        if sheet and ref:
            areas.append((sheet, *parse_range(ref)))
    return areas


F004 = rule(
    "F004",
    Severity.ERREUR,
    summary="Une colonne obligatoire d'un tableau reconnu manque (le message liste les en-têtes trouvés).",
    message="Tableau {kind} sans colonne {missing} : en-têtes trouvés : {found_headers}.",
    example="Un tableau `MONTANT RETENU | TERRITOIRE` sans colonne STRUCTURE.",
)


@F004
def check_required_columns(ctx):
    for table in ctx.tables:
        if table.usable:
            continue
        missing = [table.kind.column_name(m) for m in table.missing]
        yield F004.finding(
            table.sheet_name,
            a1(table.header_row, table.first_col),
            cells=[a1(table.header_row, c) for c in sorted(table.headers)],
            kind=table.kind.title,
            missing=", ".join(missing),
            found_headers=", ".join(f"« {h} »" for _, h in sorted(table.headers.items())),
        )


F005 = rule(
    "F005",
    Severity.AVERTISSEMENT,
    summary="Des cellules fusionnées sont dans le corps d'un tableau.",
    message="Cellules fusionnées {range} dans le tableau : une seule cellule porte la "
    "valeur, les autres sont lues vides.",
    example="Une colonne OPÉRATION fusionnée sur toutes les lignes d'un bloc.",
)


@F005
def check_merged(ctx):
    for table in ctx.tables:
        for r1, c1, r2, c2 in table.sheet.merged:
            if r2 <= table.header_row or r1 > table.last_row:
                continue
            if c2 < table.first_col or c1 > table.last_col:
                continue
            yield F005.finding(
                table.sheet_name,
                a1(r1, c1),
                cells=[a1(r1, c1), a1(r2, c2)],
                range=range_a1(r1, c1, r2, c2),
            )


F006 = rule(
    "F006",
    Severity.AVERTISSEMENT,
    summary="Des lignes ou des colonnes masquées sont dans un tableau (elles sont comptées ; "
    "l'équipe peut ne pas les voir).",
    message="{what} masquée{s} dans le tableau : {where} (comptée{s} dans les contrôles).",
    example="Une ligne de détail masquée qui entre dans le TOTAL sans être visible.",
)


@F006
def check_hidden(ctx):
    for table in ctx.tables:
        rows = [r for r in sorted(table.sheet.hidden_rows) if table.header_row <= r <= table.last_row]
        for first, last in _runs(rows):
            several = last > first
            yield F006.finding(
                table.sheet_name,
                a1(first, table.first_col),
                cells=[a1(first, table.first_col), a1(last, table.first_col)],
                what="Lignes" if several else "Ligne",
                s="s" if several else "",
                where=f"{first + 1} à {last + 1}" if several else str(first + 1),
            )
        cols = [c for c in sorted(table.sheet.hidden_cols) if table.first_col <= c <= table.last_col]
        for first, last in _runs(cols):
            several = last > first
            first_cell, last_cell = a1(table.header_row, first), a1(table.header_row, last)
            yield F006.finding(
                table.sheet_name,
                first_cell,
                cells=[first_cell, last_cell],
                what="Colonnes" if several else "Colonne",
                s="s" if several else "",
                where=f"{first_cell[: -len(str(table.header_row + 1))]} à "
                f"{last_cell[: -len(str(table.header_row + 1))]}"
                if several
                else first_cell[: -len(str(table.header_row + 1))],
            )


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


F007 = rule(
    "F007",
    Severity.ERREUR,
    summary="Un montant négatif dans une répartition.",
    message="{structure} : montant négatif {found_text}.",
    example="`(1 200,00)` ou `-1 200,00` dans la colonne MONTANT RETENU.",
)


@F007
def check_negative(ctx):
    for table in ctx.repartitions:
        for row, value in zip(table.rows, table.exact_column("amount")):
            if value is None or isinstance(value, NotANumber) or value >= 0:
                continue
            amount = table.number_value(row, "amount")
            if amount is not None and amount.cents < 0:
                yield F007.finding(
                    table.sheet_name,
                    table.address(row, "amount"),
                    expected=None,
                    found=as_json(amount.value, True),
                    money=True,
                    structure=(row.label or "Ligne de total")
                    if row.kind == TOTAL
                    else (table.text(row, "label") or "Ligne sans structure"),
                    found_text=format_money(amount.cents),
                )


F008 = rule(
    "F008",
    Severity.AVERTISSEMENT,
    summary="Une ligne collée deux fois : deux lignes d'un même bloc avec la même "
    "structure, le même territoire et la même description.",
    message="{structure} : ligne identique à la ligne {first_row} (même structure, "
    "territoire et description) : collée deux fois ?",
    example="Seed 001 ✔ : SAMPS dans deux territoires et deux projets ADEFI différents ne "
    "sont pas des doublons.",
)


@F008
def check_duplicates(ctx):
    for table in ctx.repartitions:
        seen: dict[tuple[str, str, str], int] = {}
        labels = [str(v).strip() if v is not None else "" for v in table.column("label")]
        signatures = zip(
            words_of_all(labels),
            _label_keys(table.column("territory")),
            _label_keys(table.column("description")),
        )
        for row, label_text, signature in zip(table.rows, labels, signatures):
            if row.kind != DETAIL:
                if row.kind == TOTAL:
                    seen.clear()  # a new block starts
                continue
            if not label_text:
                continue
            first = seen.setdefault(signature, row.index)
            if first != row.index:
                yield F008.finding(
                    table.sheet_name,
                    table.address(row, "label"),
                    cells=[table.address(first, "label"), table.address(row, "label")],
                    structure=label_text,
                    first_row=first + 1,
                )


def _label_keys(values: list[object]) -> list[str]:
    """`label_key` of each value; territories and descriptions repeat, so each
    distinct value is normalised once."""
    keys = {value: label_key(str(value).strip()) if value is not None else "" for value in set(values)}
    return list(map(keys.__getitem__, values))


F009 = rule(
    "F009",
    Severity.AVERTISSEMENT,
    summary="Groupement de chiffres anormal dans un nombre écrit en texte (`11 9885,36 €`).",
    message="« {raw} » : groupement des chiffres anormal ; lu comme {value}, à vérifier.",
    example="`11 9885,36 €` : faute de frappe probable dans un montant collé.",
)


@F009
def check_grouping(ctx):
    for item in numeric_cells(ctx):
        if isinstance(item.parsed, Number) and item.parsed.abnormal_grouping:
            yield _number_read(F009, item)
