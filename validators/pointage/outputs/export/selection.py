"""Which tables are exported, and which findings belong to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pointage.analysis.context import CheckContext
from pointage.outputs.export.texts import errors, refusal
from pointage.report.findings import Finding
from pointage.report.model import FileReport
from pointage.tables.table import Table


class ExportError(Exception):
    """The export cannot be done as asked; the message is French, for the user."""


class ExportRefused(ExportError):
    """The table has erreur findings; str() is the French refusal with their list."""

    def __init__(self, message: str, findings: Sequence[Finding]):
        super().__init__(message)
        self.findings = list(findings)


def refuse_erreurs(
    ctx: CheckContext, report: FileReport, sheet: str, chosen: Sequence[Table], force: bool
) -> list[list[Finding]]:
    """The findings of each chosen table; ExportRefused when some have erreurs and
    `force` is false (every export refuses a table with erreurs the same way)."""
    numbers = {id(t): n for n, t in enumerate(sheet_tables(ctx, sheet), start=1)}
    found = [table_findings(t, report.findings) for t in chosen]
    refused = [(numbers[id(t)], t.range, errors(f)) for t, f in zip(chosen, found) if errors(f)]
    if refused and not force:
        raise ExportRefused(refusal(sheet, refused), [f for _, _, e in refused for f in e])
    return found


def sheet_tables(ctx: CheckContext, sheet: str) -> list[Table]:
    """The recognised tables of `sheet`, top to bottom (numbered from 1 for the user)."""
    return [t for t in ctx.tables if t.sheet_name == sheet]


def contains(table: Table, row: int, col: int) -> bool:
    """Whether the 0-based cell (`row`, `col`) lies in the table's range."""
    return table.header_row <= row <= table.last_row and table.first_col <= col <= table.last_col


def table_at(ctx: CheckContext, sheet: str, row: int, col: int) -> int | None:
    """1-based number, in its sheet, of the table holding the 0-based cell; None if none."""
    for number, table in enumerate(sheet_tables(ctx, sheet), start=1):
        if contains(table, row, col):
            return number
    return None


def choose_tables(ctx: CheckContext, sheet: str, number: int | None) -> list[Table]:
    """Table `number` of `sheet` (1-based), or all its tables when `number` is None."""
    names = [s.name for s in ctx.workbook.sheets]
    if sheet not in names:
        raise ExportError(
            f"la feuille « {sheet} » n'existe pas (feuilles du classeur : "
            + ", ".join(f"« {n} »" for n in names)
            + ")."
        )
    tables = sheet_tables(ctx, sheet)
    if not tables:
        raise ExportError(
            f"la feuille « {sheet} » ne contient aucun tableau d'annexe reconnu "
            "(il faut une ligne d'en-têtes comme STRUCTURE | MONTANT RETENU)."
        )
    if number is None:
        return tables
    if not 1 <= number <= len(tables):
        found = "un seul tableau" if len(tables) == 1 else f"{len(tables)} tableaux"
        raise ExportError(
            f"la feuille « {sheet} » a {found} ({', '.join(t.range for t in tables)}) : "
            f"pas de tableau n° {number}."
        )
    return [tables[number - 1]]


def table_findings(table: Table, findings: Iterable[Finding]) -> list[Finding]:
    """Findings whose cell lies in the table (same sheet, inside its range)."""
    mine = []
    for finding in findings:
        if finding.sheet != table.sheet_name or not finding.cell:
            continue
        row, col = finding.position()
        if row >= 0 and contains(table, row, col):
            mine.append(finding)
    return mine
