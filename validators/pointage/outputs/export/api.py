"""Export of checked tables: what the command line and the Excel add-in call.

    ctx, report = check_snapshot_with_context(snapshot)
    number = table_at(ctx, "Annexe 1", row, col)          # the table under the selection
    data = export_table(ctx, report, "Annexe 1", number, "docx", False,
                        "classeur.xlsx", sha256, datetime.now())

A table with erreur findings is refused (`ExportRefused`) unless `force` is true;
then the document says `TABLEAU NON VÉRIFIÉ — n erreurs` in red above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pointage.analysis.context import CheckContext
from pointage.outputs.export.content import Block, exported_table
from pointage.outputs.export.layout import page_layout
from pointage.outputs.export.selection import (
    ExportError,
    choose_tables,
    sheet_tables,
    table_at,
    table_findings,
)
from pointage.outputs.export.texts import errors, refusal, stamp, unchecked_warning
from pointage.report.findings import Finding
from pointage.report.model import FileReport

FORMATS = ("docx", "html")

__all__ = ["FORMATS", "ExportError", "ExportRefused", "export_table", "table_at"]


class ExportRefused(ExportError):
    """The table has erreur findings; str() is the French refusal with their list."""

    def __init__(self, message: str, findings: Sequence[Finding]):
        super().__init__(message)
        self.findings = list(findings)


def export_table(
    ctx: CheckContext,
    report: FileReport,
    sheet: str,
    table: int | None,
    fmt: str,
    force: bool,
    workbook_name: str,
    sha256: str,
    now: datetime,
) -> bytes:
    """The .docx, or UTF-8 HTML, of table `table` (1-based) of `sheet`, or of all its tables.

    Raises ExportError (French message) for an unknown sheet, table or format, and
    ExportRefused when an exported table has erreurs and `force` is false.
    """
    if fmt not in FORMATS:
        raise ExportError(f"format « {fmt} » inconnu (formats : {', '.join(FORMATS)}).")
    chosen = choose_tables(ctx, sheet, table)
    numbers = {id(t): n for n, t in enumerate(sheet_tables(ctx, sheet), start=1)}
    found = [table_findings(t, report.findings) for t in chosen]
    refused = [(numbers[id(t)], t.range, errors(f)) for t, f in zip(chosen, found) if errors(f)]
    if refused and not force:
        raise ExportRefused(refusal(sheet, refused), [f for _, _, e in refused for f in e])

    blocks = [
        Block(
            exported_table(t),
            stamp(f, workbook_name, sha256, now),
            unchecked_warning(len(errors(f))) if errors(f) else None,
        )
        for t, f in zip(chosen, found)
    ]
    page = page_layout([b.table for b in blocks])
    title = f"{sheet} — {workbook_name}"
    if fmt == "docx":
        from pointage.outputs.export.docx_writer import render_docx

        return render_docx(blocks, page, title, now)
    from pointage.outputs.export.html_writer import render_html

    return render_html(blocks, page, title).encode("utf-8")
