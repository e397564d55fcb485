"""`pointage exporter … --format scdl`: a checked grant table as an SCDL CSV.

    exported = export_scdl(ctx, report, "Annexe 1", None, False, ["idAttribuant=…"], "cp.xlsx")

Refused as the Word export is when the table has erreurs (`ExportRefused`, unless
`force`); an `ExportError` lists the fields nothing gives, or every line and field
the schema refuses. The CSV is UTF-8, comma-separated, one line per grant.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from pointage.analysis.context import CheckContext
from pointage.base.addresses import sheet_reference
from pointage.base.formatting import count
from pointage.outputs.export.api import Exported
from pointage.outputs.export.selection import ExportError, choose_tables, refuse_erreurs
from pointage.outputs.scdl.grants import Grants, MissingValues, given_values, row_address, table_grants
from pointage.outputs.scdl.validation import ERREUR, Problem, row_problems
from pointage.report.model import FileReport
from pointage.tables.scdl_schema import schema_version
from pointage.tables.settings import is_parametres_sheet
from pointage.tables.table import Table


def export_scdl(
    ctx: CheckContext,
    report: FileReport,
    sheet: str,
    table: int | None,
    force: bool,
    options: Sequence[str],
    workbook_name: str,
) -> Exported:
    chosen = choose_tables(ctx, sheet, table)
    refuse_erreurs(ctx, report, sheet, chosen, force)
    parametres = next((s for s in ctx.workbook.sheets if is_parametres_sheet(s.name)), None)
    try:
        given = given_values(options, parametres)
        every = [(t, table_grants(t, given, workbook_name, ctx.parametres.exercice)) for t in chosen]
    except MissingValues as exc:
        raise ExportError(str(exc)) from None
    header = every[0][1].header
    lines = [line for _, grants in every for line in grants.lines]
    if not lines:
        raise ExportError(f"la feuille « {sheet} » n'a aucune ligne de subvention à exporter.")
    problems = row_problems(lines)
    where = _origins(every)
    refused = [p for p in problems if p.severity == ERREUR]
    if refused:
        raise ExportError(_invalid(refused, where))
    notes = [n for _, grants in every for n in grants.notes]
    notes.extend(_warnings([p for p in problems if p not in refused], where))
    return Exported(_csv(header, lines), tuple(dict.fromkeys(notes)))


def _origins(every: Sequence[tuple[Table, Grants]]) -> dict[int, str]:
    """CSV line -> the cell of its beneficiary, as Excel writes it."""
    where: dict[int, str] = {}
    line = 2
    for table, grants in every:
        for row in grants.rows:
            where[line] = sheet_reference(table.sheet.name, row_address(table, row))
            line += 1
    return where


def _warnings(problems: Sequence[Problem], where: dict[int, str]) -> list[str]:
    """One note per field and message, with its lines: a table without SIRET says it
    once, not on each of its 40 lines."""
    lines: dict[tuple[str, str], list[int]] = {}
    for problem in problems:
        lines.setdefault((problem.field, problem.message), []).append(problem.line)
    notes = []
    for (field, message), found in lines.items():
        cells = ", ".join(where.get(n, "?") for n in found[:3]) + (", …" if len(found) > 3 else "")
        notes.append(
            f"Avertissement : champ « {field} », {count(len(found), 'ligne')} ({cells}) : {message}."
        )
    return notes


def _invalid(problems: Sequence[Problem], where: dict[int, str]) -> str:
    lines = [
        f"Export SCDL refusé : {count(len(problems), 'valeur')} que le schéma SCDL subventions "
        f"{schema_version()} refuse :"
    ]
    lines.extend(f"  {p} (ligne du classeur : {where.get(p.line, '?')})" for p in problems)
    return "\n".join(lines)


def _csv(header: Sequence[str], lines: Sequence[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(lines)
    return out.getvalue().encode("utf-8")
