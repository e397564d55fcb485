"""`pointage exporter`: check a workbook, export one sheet's tables for the report.

Exit codes: 0 written; 1 refused (the table has erreurs; the list is printed);
2 unreadable workbook, bad arguments, or an output that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from pointage.base import exit_codes
from pointage.base.addresses import sheet_named
from pointage.base.console import printable, printable_lines
from pointage.base.errors import os_reason, reading_failure
from pointage.base.files import WriteFailed, write_atomically
from pointage.base.fingerprint import sha256_of
from pointage.base.formatting import count
from pointage.outputs.export.api import ExportRefused, export
from pointage.outputs.export.selection import ExportError, choose_tables, table_findings
from pointage.outputs.export.targets import check_output, default_output
from pointage.outputs.export.texts import errors

# What marks a table exported despite its erreurs: the document says it; a CSV cannot.
_UNCHECKED_MARK = {
    False: "le document portera « TABLEAU NON VÉRIFIÉ » en rouge",
    True: "le CSV SCDL ne pourra pas le signaler : ne le publiez pas avant correction",
}


def run_exporter(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        return _export(args)
    except ExportRefused as exc:  # it quotes the findings, and so cell text
        print(f"pointage : {printable_lines(str(exc))}", file=sys.stderr)
        print(
            "Corrigez le classeur, ou ajoutez --malgre-erreurs pour exporter quand même "
            f"({_UNCHECKED_MARK[args.format == 'scdl']}).",
            file=sys.stderr,
        )
        return exit_codes.ERREUR
    except (ExportError, WriteFailed) as exc:
        print(f"pointage : {printable_lines(str(exc))}", file=sys.stderr)
        return exit_codes.USAGE
    except OSError as exc:  # the system refused something else than reading or writing a file
        print(f"pointage : opération refusée par le système : {os_reason(exc)}.", file=sys.stderr)
        return exit_codes.USAGE
    except Exception as exc:  # never a traceback for the staff, nor a library's English
        from pointage.engine.check import technical

        print(
            "pointage : erreur interne de Pointage pendant l'export (à signaler à l'équipe Pointage, "
            "avec le détail technique que donne --details).",
            file=sys.stderr,
        )
        if args.details:
            print(f"détail technique : {technical(exc)}", file=sys.stderr)
        return exit_codes.USAGE


def _export(args: argparse.Namespace) -> int:
    from pointage.base.errors import UnreadableWorkbook
    from pointage.engine.check import check_snapshot_with_context
    from pointage.reading.workbook import read_workbook

    workbook = Path(args.fichier)
    if not workbook.is_file():
        raise ExportError(f"« {workbook} » : fichier introuvable.")
    try:
        sha256 = sha256_of(workbook)
        snapshot = read_workbook(workbook)
    except UnreadableWorkbook as exc:
        raise ExportError(f"« {workbook} » illisible : {exc}") from exc
    except OSError as exc:
        raise ExportError(f"« {workbook} » illisible : {reading_failure(workbook, exc)}") from exc
    ctx, report = check_snapshot_with_context(snapshot, None, str(workbook))
    if ctx is None:
        raise ExportError(f"« {workbook} » : {report.findings[0].message}")

    # `--feuille feuil1` is the sheet Excel calls `Feuil1`: from here on, its own name.
    sheet = sheet_named(args.feuille, [s.name for s in ctx.workbook.sheets]) or args.feuille
    tables = choose_tables(ctx, sheet, args.tableau)
    several = len(choose_tables(ctx, sheet, None)) > 1
    target = (
        Path(args.sortie)
        if args.sortie
        else default_output(workbook, sheet, args.format, args.tableau if several else None)
    )
    if args.format == "scdl":
        from pointage.outputs.scdl.api import export_scdl

        exported = export_scdl(
            ctx, report, sheet, args.tableau, args.malgre_erreurs, args.scdl, workbook.name
        )
    else:
        exported = export(
            ctx,
            report,
            sheet,
            args.tableau,
            args.format,
            args.malgre_erreurs,
            workbook.name,
            sha256,
            datetime.now(),
            mention=not args.sans_mention,
        )
    # --malgre-erreurs exports a table with erreurs; replacing a file is --remplacer.
    check_output(workbook, target, args.format, args.remplacer)
    write_atomically(target, exported.data)

    described = "le tableau" if len(tables) == 1 else f"les {len(tables)} tableaux"
    ranges = ", ".join(t.range for t in tables)
    print(printable(f"Export écrit : {target} ({described} {ranges} de la feuille « {sheet} »)."))
    for note in exported.notes:  # said here too: --sans-mention leaves them out of the document
        print(printable(note))
    forced = sum(len(errors(table_findings(t, report.findings))) for t in tables)
    if forced:
        print(
            f"Attention : exporté malgré {count(forced, 'erreur')} ; "
            + (
                "le CSV ne peut pas le dire : ne le publiez pas avant correction."
                if args.format == "scdl"
                else "le document porte « TABLEAU NON VÉRIFIÉ » en rouge."
            ),
            file=sys.stderr,
        )
    return exit_codes.OK
