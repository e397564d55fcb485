"""Export of checked tables: what the command line and the Excel add-in call.

    ctx, report = check_snapshot_with_context(snapshot)
    number = table_at(ctx, "Annexe 1", row, col)          # the table under the selection
    data = export_table(ctx, report, "Annexe 1", number, "docx", False,
                        "classeur.xlsx", sha256, datetime.now())

A table with erreur findings is refused (`ExportRefused`) unless `force` is true;
then the document says `TABLEAU NON VÉRIFIÉ — n erreurs` in red above it. A table
too wide for an A4 page without breaking its numbers is refused (`ExportError`).
Each table comes under its headings (the title rows above it in the sheet); under the
tables, the « Pointé le … » line and the notes, unless `mention` is false. The
workbook's fingerprint is in the document's properties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pointage.analysis.context import CheckContext
from pointage.outputs.export.content import Block, Mention, exported_table
from pointage.outputs.export.headings import table_headings
from pointage.outputs.export.layout import SMALLEST_SIZE, NoRoom, page_layout
from pointage.outputs.export.selection import (
    ExportError,
    ExportRefused,
    choose_tables,
    refuse_erreurs,
    sheet_tables,
    table_at,
)
from pointage.outputs.export.texts import (
    errors,
    fingerprinted,
    omitted_note,
    stamp,
    too_wide,
    unchecked_warning,
)
from pointage.report.model import FileReport

FORMATS = ("docx", "html")

__all__ = ["FORMATS", "ExportError", "ExportRefused", "Exported", "export", "export_table", "table_at"]


@dataclass(frozen=True)
class Exported:
    data: bytes  # the .docx, or UTF-8 HTML
    notes: tuple[str, ...]  # what the export left out (empty columns), in French


def export_table(*args, mention: bool = True) -> bytes:
    """The document alone of `export(ctx, report, sheet, table, fmt, force, workbook_name,
    sha256, now)`: the .docx, or UTF-8 HTML."""
    return export(*args, mention=mention).data


def export(
    ctx: CheckContext,
    report: FileReport,
    sheet: str,
    table: int | None,
    fmt: str,
    force: bool,
    workbook_name: str,
    sha256: str,
    now: datetime,
    *,
    mention: bool = True,
) -> Exported:
    """The document of table `table` (1-based) of `sheet`, or of all its tables, and its notes.

    Raises ExportError (French message) for an unknown sheet, table or format, or a
    table too wide for A4, and ExportRefused when an exported table has erreurs and
    `force` is false.
    """
    if fmt not in FORMATS:
        raise ExportError(f"format « {fmt} » inconnu (formats : {', '.join(FORMATS)}).")
    chosen = choose_tables(ctx, sheet, table)
    numbers = {id(t): n for n, t in enumerate(sheet_tables(ctx, sheet), start=1)}
    found = refuse_erreurs(ctx, report, sheet, chosen, force)

    blocks = [
        Block(
            exported_table(t),
            table_headings(t, ctx.tables),
            unchecked_warning(len(errors(f))) if errors(f) else None,
        )
        for t, f in zip(chosen, found)
    ]
    try:
        page = page_layout([b.table for b in blocks])
    except NoRoom as wide:
        refused_table, shown = chosen[wide.index], blocks[wide.index].table
        columns = len(shown.headers) + len(shown.omitted)
        message = too_wide(
            sheet,
            numbers[id(refused_table)],
            refused_table.range,
            columns,
            wide.columns,
            wide.fitting,
            SMALLEST_SIZE,
        )
        raise ExportError(message) from None
    notes = tuple(omitted_note(b.table.range, b.table.omitted) for b in blocks if b.table.omitted)
    line = stamp([f for table_found in found for f in table_found], workbook_name, now)
    about = Mention((line, *notes) if mention else (), fingerprinted(line, sha256), sha256)
    title = f"{sheet} — {workbook_name}"
    if fmt == "docx":
        from pointage.outputs.export.docx_writer import render_docx

        return Exported(render_docx(blocks, page, title, about, now), notes)
    from pointage.outputs.export.html_writer import render_html

    return Exported(render_html(blocks, page, title, about).encode("utf-8"), notes)
