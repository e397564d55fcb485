"""F — the form of the input: numbers as text, formulas, merged and hidden cells."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.analysis.misreadings import heading_rows
from pointage.base.addresses import a1, column_letter, parse_a1, range_a1
from pointage.base.excel_errors import ExcelError
from pointage.base.formatting import as_json, count, first_of, format_money, show
from pointage.base.numbers import (
    NotANumber,
    Number,
    all_typed_numbers,
    is_typed_number,
    none_negative,
    parse_number,
)
from pointage.base.text import is_blank
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import Rule, rule
from pointage.tables.subtables import chains
from pointage.tables.table import DETAIL, NOTE, TOTAL, Table, is_total_label

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext


@dataclass
class NumericCell:
    sheet: str
    cell: str
    raw: object
    parsed: Number | NotANumber | None
    column: str
    money: bool
    # False where no check reads the cell (see `checked_role`): a text there is no error.
    counted: bool = True


def checked_role(table: Table, role: str, has_bareme: bool) -> bool:
    """Whether a check reads the numbers of a numeric `role` (F002 speaks of a text
    there, F010 of an error value): a total sums them, or a Barème recomputes the
    amounts from them. A list has no total; a duration is summed by nothing, and
    counts where a Barème recomputes from it (`3 ans` is then worth saying)."""
    return (not table.kind.is_list and role != "months") or has_bareme


def numeric_cells(ctx: CheckContext) -> list[NumericCell]:
    """The cells read as numbers that were not typed as numbers (text, dates, booleans):
    the only ones F001, F002 and F009 can speak of. Computed once per check."""
    return ctx.shared(_all_typed_numeric_cells)


def _all_typed_numeric_cells(ctx: CheckContext) -> list[NumericCell]:
    return list(_typed_numeric_cells(ctx))


def _typed_numeric_cells(ctx: CheckContext) -> Iterator[NumericCell]:
    headings = heading_rows(ctx)
    has_bareme = ctx.bareme is not None
    for table in ctx.tables:
        if not table.usable:
            continue
        money_roles = set(table.kind.money)
        # A row of words across the number columns is a misreading, not typing slips.
        skipped = set(headings.get(id(table), ()))
        for role in table.kind.numeric:
            if not table.has(role):
                continue
            column = table.column(role)
            if all_typed_numbers(column):
                continue  # only typed numbers and empty cells: nothing to say
            for row, raw in zip(table.rows, column):
                if row.kind == NOTE or is_typed_number(raw) or row.index in skipped:
                    continue
                yield NumericCell(
                    table.sheet_name,
                    table.address(row, role),
                    raw,
                    table.number(row, role),
                    table.header_text(role),
                    role in money_roles,
                    checked_role(table, role, has_bareme),
                )
        if table.has("description"):
            # A total under the description column may be `3 354` or `43 places`:
            # only the numbers typed as text are worth an info; no F002 on text.
            descriptions = table.column("description")
            for position in table.non_detail_positions():
                row, raw = table.rows[position], descriptions[position]
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
def check_text_numbers(ctx: CheckContext) -> Iterator[Finding]:
    for item in numeric_cells(ctx):
        if isinstance(item.parsed, Number) and item.parsed.from_text:
            yield _number_read(F001, item, item.parsed)


def _number_read(rule_: Rule, item: NumericCell, number: Number) -> Finding:
    """F001 or F009: a text read as a number, and what it was read as (`number`)."""
    return rule_.finding(
        item.sheet,
        item.cell,
        found=as_json(number.value, item.money),
        money=item.money,
        raw=str(item.raw).strip(),
        value=show(number.value, item.money),
    )


F002 = rule(
    "F002",
    Severity.ERREUR,
    summary="Une cellule d'une colonne chiffrée n'est pas un nombre (`O,5`, `12,5,3`, `n.c.`).",
    message="« {raw} » n'est pas un nombre (colonne « {column} ») : la cellule n'est pas comptée.",
    example="`O,5` (la lettre O) ou `12,5,3` dans une colonne de montants.",
)


@F002
def check_not_numbers(ctx: CheckContext) -> Iterator[Finding]:
    for item in numeric_cells(ctx):
        # In a list, nothing sums a cell unless a Barème recomputes the amounts.
        if isinstance(item.raw, ExcelError):
            continue  # F010's: an error Excel shows is not a text typed in the cell
        if isinstance(item.parsed, NotANumber) and is_total_label(item.parsed.text):
            continue  # `TOTAL` written in the amount column: the row's label, not a number
        if isinstance(item.parsed, NotANumber) and item.counted:
            yield F002.finding(item.sheet, item.cell, raw=item.parsed.text, column=item.column)


F003 = rule(
    "F003",
    Severity.ERREUR,
    summary="Des formules des tableaux vérifiés n'ont pas de valeur calculée (classeur jamais "
    "recalculé) et ne sont pas de celles que Pointage calcule (SOMME, +, −, ×, ÷) : elles ne "
    "sont pas lues, jamais comme 0. Une seule constatation pour le classeur.",
    message="Classeur jamais recalculé : {uncomputed} des tableaux vérifiés sans valeur calculée, "
    "que Pointage ne sait pas calculer, {not_read} ({cells_shown}){computed} : ouvrez le "
    "classeur dans Excel et enregistrez-le pour que les valeurs soient calculées.",
    example="Un classeur produit par un programme et jamais ouvert dans Excel, dont un montant "
    "est `=IF(30>0,2400,0)`.",
)

F011 = rule(
    "F011",
    Severity.INFO,
    summary="Le classeur n'a jamais été recalculé (formules sans valeur calculée, écrites par un "
    "programme) : Pointage a calculé lui-même ses formules simples (SOMME, +, −, ×, ÷) pour "
    "vérifier les tableaux. Une seule constatation pour le classeur.",
    message="Classeur jamais recalculé : {computed} sans valeur calculée, {done} par Pointage "
    "pour la vérification ; ouvrez le classeur dans Excel et enregistrez-le pour que le fichier "
    "garde ses valeurs.",
    example="Un classeur produit par un programme et jamais ouvert dans Excel, dont les totaux "
    "sont `=SUM(C2:C4)`.",
)

# Cells named in F003's message; all of them are in its `cells`.
_SHOWN_CELLS = 5


@F003
def check_formulas_without_value(ctx: CheckContext) -> Iterator[Finding]:
    areas = _checked_areas(ctx)
    unread: list[tuple[str, int, int]] = []
    for sheet in ctx.workbook.sheets:
        for row, col in sorted(sheet.formulas_without_value - sheet.computed):
            if any(
                name == sheet.name and r1 <= row <= r2 and c1 <= col <= c2 for name, r1, c1, r2, c2 in areas
            ):
                unread.append((sheet.name, row, col))
    if not unread:
        return
    first_sheet = unread[0][0]
    cells = [a1(r, c) if name == first_sheet else f"{name}!{a1(r, c)}" for name, r, c in unread]
    computed = _computed_count(ctx)
    shown = ", ".join(cells[:_SHOWN_CELLS]) + ("…" if len(cells) > _SHOWN_CELLS else "")
    yield F003.finding(
        first_sheet,
        cells[0],
        cells=[a1(r, c) for name, r, c in unread if name == first_sheet],
        uncomputed=count(len(unread), "formule"),
        not_read="n'est pas lue" if len(unread) == 1 else "ne sont pas lues",
        cells_shown=shown,
        computed=f" ; {count(computed, 'autre formule', 'autres formules')} {_computed(computed)} par Pointage"
        if computed
        else "",
    )


@F011
def check_never_recalculated(ctx: CheckContext) -> Iterator[Finding]:
    computed = _computed_count(ctx)
    if not computed or any(True for _ in check_formulas_without_value(ctx)):
        return  # nothing computed, or F003 says it all
    yield F011.finding(None, None, computed=count(computed, "formule"), done=_computed(computed))


def _computed(n: int) -> str:
    return "calculée" if n == 1 else "calculées"


def _computed_count(ctx: CheckContext) -> int:
    return sum(len(sheet.computed) for sheet in ctx.workbook.sheets)


def _checked_areas(ctx: CheckContext) -> list[tuple[str, int, int, int, int]]:
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
def check_required_columns(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        if table.usable or not table.sure_of_kind:
            continue  # an Excel Table of unknown columns: read, said, not an error
        if table.kind.is_list or (table.kind.is_plan and not any(r in table.roles for r in PLAN_DEFINED_BY)):
            # No total makes it a répartition, no amount a list; a plan de financement
            # is one by its existing, target or delta: without them (a quote's
            # `Désignation | Quantité | Prix unitaire`) the kind is not sure enough to
            # ask for a column (the table's notes say what is missing).
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


# The columns that make a table a plan de financement (besoins, ressources, delta).
PLAN_DEFINED_BY = ("existing", "target", "delta")


F005 = rule(
    "F005",
    Severity.AVERTISSEMENT,
    summary="Des cellules fusionnées couvrent des cellules chiffrées du corps d'un tableau "
    "(un montant fusionné sur plusieurs lignes) : une seule cellule porte la valeur.",
    message="{count} dans les colonnes chiffrées du tableau ({ranges}) : une seule "
    "cellule porte la valeur, les autres sont lues vides.",
    example="Un MONTANT fusionné sur les trois lignes d'une structure. Un libellé fusionné "
    "sur plusieurs lignes, ou le libellé d'une ligne de total, est de la mise en page : "
    "il vaut pour chaque ligne qu'il couvre.",
)


@F005
def check_merged(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        if not table.usable or table.kind.is_list:
            continue
        merged = list(table.sheet.merged_starting(table.header_row + 1, table.last_row))
        if not merged:
            continue
        found = _merged_amounts(table, merged)
        if not found:
            continue
        found.sort()
        yield F005.finding(
            table.sheet_name,
            a1(found[0][0], found[0][1]),
            cells=[a1(r1, c1) for r1, c1, _, _ in found],
            count=count(len(found), "plage fusionnée", "plages fusionnées"),
            ranges=first_of([range_a1(*m) for m in found]),
        )


def _merged_amounts(table: Table, merged: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The merged ranges of the table's body (of `merged`) that hold an amount the checks
    read once: over a numeric column and a detail row, on several rows or over several
    numeric columns, and not mere layout (`_layout_merge`)."""
    numeric = {table.roles[r] for r in table.kind.numeric if r in table.roles}
    numeric.update(table.roles[r] for r in table.extra_money)
    details = {r.index for r in table.rows if r.kind == DETAIL}
    return [
        (r1, c1, r2, c2)
        for r1, c1, r2, c2 in merged
        if any(c1 <= c <= c2 for c in numeric)
        and any(r in details for r in range(r1, r2 + 1))
        and (r2 > r1 or sum(1 for c in numeric if c1 <= c <= c2) > 1)
        and not _layout_merge(table, (r1, c1, r2, c2), merged)
    ]


def _layout_merge(
    table: Table, area: tuple[int, int, int, int], merged: list[tuple[int, int, int, int]]
) -> bool:
    """A merged range no check reads as an amount: a text (a group title across the
    number columns, `Dépenses réelles`), or the amount of one record drawn on several
    rows, its name merged over the very same rows (`Association La Gerbe` and its
    50 000 € over rows 650:651, the imputation and its number one under the other)."""
    r1, c1, r2, _ = area
    value = table.sheet.value(r1, c1)
    if isinstance(value, str) and not isinstance(parse_number(value), Number):
        return True
    if _summed_by_formula(table, area):
        return True
    return r2 > r1 and any(
        (m1, m2) == (r1, r2)
        and table.first_col <= n1 <= table.last_col
        and isinstance(text := table.sheet.value(m1, n1), str)
        and not isinstance(parse_number(text), Number)
        for m1, n1, m2, _ in merged
    )


def _summed_by_formula(table: Table, area: tuple[int, int, int, int]) -> bool:
    """Whether a total row under the merged amount sums it by a SUM over its rows: the
    workbook itself then reads the merged value once, as the checks do, and the total
    shown is that reading (a typed total may have counted it on each row)."""
    r1, c1, r2, c2 = area
    sums = table.sheet.sums
    return any(
        (row.index, col) in sums and sums[(row.index, col)][0] <= r1 and r2 <= sums[(row.index, col)][1]
        for row in table.rows
        if row.kind == TOTAL and row.index > r2
        for col in range(c1, c2 + 1)
    )


F006 = rule(
    "F006",
    Severity.AVERTISSEMENT,
    summary="Des lignes ou des colonnes masquées sont dans un tableau (elles sont comptées ; "
    "l'équipe peut ne pas les voir).",
    message="{what} dans le tableau : {where} (comptées dans les contrôles).",
    example="Une ligne de détail masquée qui entre dans le TOTAL sans être visible.",
)


@F006
def check_hidden(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        if table.kind.is_list:
            continue  # nothing sums the rows of a list
        if not table.sheet.hidden_rows and not table.sheet.hidden_cols:
            continue
        body = {r.index for r in table.rows}
        rows = [r for r in sorted(table.sheet.hidden_rows) if r in body]
        # A hidden column matters where a check reads it: a column of the table's roles
        # (an export's hidden working columns beside them are nobody's concern).
        read = set(table.roles.values())
        cols = [c for c in sorted(table.sheet.hidden_cols) if c in read]
        if not rows and not cols:
            continue
        what: list[str] = []
        where: list[str] = []
        cells: list[str] = []
        if rows:
            what.append(count(len(rows), "ligne masquée", "lignes masquées"))
            where.append(("ligne " if len(rows) == 1 else "lignes ") + first_of(_row_runs(rows)))
            cells.extend(a1(first, table.first_col) for first, _ in _runs(rows))
        if cols:
            what.append(count(len(cols), "colonne masquée", "colonnes masquées"))
            where.append(("colonne " if len(cols) == 1 else "colonnes ") + first_of(_col_runs(cols)))
            cells.extend(a1(table.header_row, first) for first, _ in _runs(cols))
        yield F006.finding(
            table.sheet_name,
            cells[0],
            cells=cells,
            what=" et ".join(what).capitalize(),
            where=" ; ".join(where),
        )


def _row_runs(rows: list[int]) -> list[str]:
    return [str(a + 1) if a == b else f"{a + 1} à {b + 1}" for a, b in _runs(rows)]


def _col_runs(cols: list[int]) -> list[str]:
    letter = column_letter
    return [letter(a) if a == b else f"{letter(a)} à {letter(b)}" for a, b in _runs(cols)]


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
def check_negative(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.repartitions:
        if "label" not in table.roles or table.meanings.get(table.roles["label"]) not in (
            None,
            "beneficiary",
        ):
            # An accounting list (`Libellé tiers`): a negative entry is a reversal; a list
            # of amounts without a beneficiary says nothing of who would be owed.
            continue
        amounts = table.exact_column("amount")
        if none_negative(amounts):
            continue
        for row, value in zip(table.rows, amounts):
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
    summary="Une ligne collée deux fois : une ligne de détail identique, dans toutes ses "
    "cellules remplies (montant compris), à une ligne précédente du même bloc.",
    message="{count} identique{s}, cellule pour cellule, à une ligne précédente ({pairs}) : "
    "collée{s} deux fois ?",
    example="Seed 001 ✔ : SAMPS dans deux territoires et deux projets ADEFI différents ne "
    "sont pas des doublons.",
)


@F008
def check_duplicates(ctx: CheckContext) -> Iterator[Finding]:
    # Once per table as the officer reads it: its sub-tables' pairs together.
    for chain in chains(ctx.tables):
        pairs = [pair for table in chain for pair in _duplicate_pairs(table)]
        if not pairs:
            continue
        several = len(pairs) > 1
        yield F008.finding(
            chain[0].sheet_name,
            a1(pairs[0][0], pairs[0][2]),
            cells=[a1(r, col) for row, earlier, col in pairs for r in (earlier, row)],
            count=count(len(pairs), "ligne", "lignes"),
            s="s" if several else "",
            pairs=first_of([f"ligne {row + 1} = ligne {earlier + 1}" for row, earlier, _ in pairs], 10),
        )


def _duplicate_pairs(table: Table) -> list[tuple[int, int, int]]:
    """(row, the earlier row it repeats, the column to mark) within each block."""
    if not table.usable or not table.kind.is_allocation:
        return []
    sheet, first, last = table.sheet, table.first_col, table.last_col
    start, stop = first - sheet.origin_col, last - sheet.origin_col + 1
    col = table.roles.get("label", first)
    # Where the row's name and amount sit in its signature.
    name_at, amount_at = col - first, table.roles.get("amount", col) - first
    # Two identical rows have the same name: a block whose names all differ (the usual
    # block) holds no pair, and no row of it is read whole.
    names = None
    if first <= col <= last:
        names = (
            table.column("label")
            if "label" in table.roles
            else sheet.column([r.index for r in table.rows], col)
        )
    pairs = []
    for block in _blocks_of_details(table):
        if names is not None and _all_different(names, block):
            continue
        seen: dict[tuple, int] = {}
        for position in block:
            index = table.rows[position].index
            # Cells as they are: identical means identical, spaces included.
            signature = tuple(sheet.row(index)[start:stop])
            earlier = seen.setdefault(signature, index)
            if earlier == index:
                continue
            if _blank_at(signature, name_at) and _blank_at(signature, amount_at):
                # Without its name nor its amount, a row is no grant pasted twice: the
                # second line of a record whose cells are merged over two rows, a note
                # under a line (asked of repeated rows only: identical rows are blank in
                # the same cells).
                continue
            if sum(1 for v in signature if not is_blank(v)) >= 2:
                pairs.append((index, earlier, col))
    return pairs


def _blocks_of_details(table: Table) -> list[range | list[int]]:
    """The positions (in `table.rows`) of the detail rows of each block: a total row
    starts a new block (a range when no note row lies in it, the usual block)."""
    blocks: list[range | list[int]] = []
    start, notes = 0, set()
    for position in [*table.non_detail_positions(), len(table.rows)]:
        if position < len(table.rows) and table.rows[position].kind != TOTAL:
            notes.add(position)
            continue
        block = range(start, position)
        blocks.append([p for p in block if p not in notes] if notes else block)
        start, notes = position + 1, set()
    return blocks


def _all_different(values: list, block: range | list[int]) -> bool:
    """Whether the values at the block's positions all differ."""
    if isinstance(block, range):
        return len(set(values[block.start : block.stop])) == len(block)
    return len({values[position] for position in block}) == len(block)


def _blank_at(cells: tuple, offset: int) -> bool:
    return not 0 <= offset < len(cells) or is_blank(cells[offset])


F009 = rule(
    "F009",
    Severity.AVERTISSEMENT,
    summary="Groupement de chiffres anormal dans un nombre écrit en texte (`11 9885,36 €`).",
    message="« {raw} » : groupement des chiffres anormal ; lu comme {value}, à vérifier.",
    example="`11 9885,36 €` : faute de frappe probable dans un montant collé.",
)


@F009
def check_grouping(ctx: CheckContext) -> Iterator[Finding]:
    for item in numeric_cells(ctx):
        if isinstance(item.parsed, Number) and item.parsed.abnormal_grouping:
            yield _number_read(F009, item, item.parsed)


F010 = rule(
    "F010",
    Severity.ERREUR,
    summary="Une cellule d'un tableau affiche une erreur Excel (`#REF!`, `#DIV/0!`, `#N/A`…) : "
    "sa valeur est inconnue, jamais lue comme 0 ni comme vide, et les contrôles qui "
    "l'utilisent ne sont pas faits.",
    message="{subject} {errors} : valeur inconnue, jamais lue comme 0 ; les contrôles qui "
    "l'utilisent (total, solde, montant recalculé) n'ont pas été faits.",
    example="Une référence à une ligne supprimée (`#REF!`) dans la colonne des montants, "
    "une division par une cellule vide (`#DIV/0!`) dans la colonne Proposition.",
)


@F010
def check_error_cells(ctx: CheckContext) -> Iterator[Finding]:
    for chain in chains(ctx.tables):
        found = sorted(
            c for table in chain if table.usable for c in _table_error_cells(table, bool(ctx.bareme))
        )
        if found:
            yield _error_finding(ctx, chain[0].sheet_name, found)
    settings = [*ctx.parametres.cells, *(ctx.bareme.cells if ctx.bareme else [])]
    by_sheet: dict[str, list[tuple[int, int, ExcelError]]] = {}
    for item in settings:
        if isinstance(item.raw, ExcelError):
            by_sheet.setdefault(item.sheet, []).append((*parse_a1(item.cell), item.raw))
    for sheet, found in by_sheet.items():
        yield _error_finding(ctx, sheet, sorted(found))


def _table_error_cells(table: Table, has_bareme: bool) -> Iterator[tuple[int, int, ExcelError]]:
    """The error cells a check of the table would use: the numbers it sums or
    recomputes (as F002: in a list, only where a Barème recomputes), the descriptions
    a Barème recomputes, and every cell of a total row. A `#VALUE!` in a column that
    nothing checks (days left before a date, say) stops no check: it is not an erreur."""
    roles = [role for role in table.kind.numeric if table.has(role) and checked_role(table, role, has_bareme)]
    if has_bareme and table.has("description"):
        roles.append("description")
    known = table.sheet.error_cells
    if known is not None and not any(
        table.header_row < r <= table.last_row and table.first_col <= c <= table.last_col for r, c in known
    ):
        return  # the reader saw no error cell in the table: no column to look through
    seen = set()
    for role in roles:
        col = table.roles[role]
        for row, value in zip(table.rows, table.column(role)):
            if value.__class__ is ExcelError and row.kind != NOTE:
                seen.add((row.index, col))
                yield row.index, col, value
    sheet = table.sheet
    for row in table.rows:
        if row.kind == TOTAL:
            for col in range(table.first_col, table.last_col + 1):
                value = sheet.value(row.index, col)
                if value.__class__ is ExcelError and (row.index, col) not in seen:
                    yield row.index, col, value


def _error_finding(ctx: CheckContext, sheet: str, found: list[tuple[int, int, ExcelError]]) -> Finding:
    row, col, error = found[0]
    if len(found) == 1:
        header = _header_over(ctx, sheet, row, col)
        where = f" (colonne « {header} »)" if header else ""
        subject, listed = "La cellule affiche l'erreur Excel", f"« {error} »{where}"
    else:
        subject = f"{len(found)} cellules affichent une erreur Excel"
        listed = "(" + first_of([f"« {e} » en {a1(r, c)}" for r, c, e in found], 10) + ")"
    return F010.finding(
        sheet, a1(row, col), cells=[a1(r, c) for r, c, _ in found], subject=subject, errors=listed
    )


def _header_over(ctx: CheckContext, sheet: str, row: int, col: int) -> str | None:
    return next(
        (
            t.headers.get(col)
            for t in ctx.tables
            if t.sheet_name == sheet and t.header_row < row <= t.last_row
        ),
        None,
    )
