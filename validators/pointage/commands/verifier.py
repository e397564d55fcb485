"""`pointage verifier`: check workbooks and folders, print the report, write the
annotated copies. Exit codes: 0 no erreur, 1 erreur, 2 unreadable file or bad command, 3 no table
recognised in any file (nothing checked)."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pointage.base import exit_codes
from pointage.base.console import printable, write_json
from pointage.base.errors import lock_file_reason, reading_failure
from pointage.reading.suffixes import FORMATS_READ, WORKBOOK_SUFFIXES
from pointage.rules.registry import all_rules

if TYPE_CHECKING:
    from pointage.reading.deliberation import DeliberationText
    from pointage.report.model import FileReport, Report


def _codes(parser: argparse.ArgumentParser, text: str, option: str) -> list[str]:
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    known = [r.code for r in all_rules()]
    for code in codes:
        if not any(k.startswith(code) for k in known):
            parser.error(f"{option} : code « {code} » inconnu (codes : {', '.join(known)})")
    return codes


# Files of the system, never the user's documents: Windows' and macOS's folder files.
_SYSTEM_FILES = ("thumbs.db", "desktop.ini")
# Excel's owner file beside an open workbook (`~$annexe.xlsx`): never checked, listed.
_LOCK_PREFIX = "~$"


def workbook_paths(
    arguments: list[str],
) -> tuple[list[tuple[Path, str]], list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files to check (path, path as shown), the arguments that name nothing, the
    files that are not workbooks (path, why), which are said, not checked (a folder's
    PDF, an Excel lock file a shell pattern picked), and Pointage's own annotated copies
    met in the folders (path, the name of the workbook each is the copy of), said and
    not checked either: a folder checked again never checks the copies of its first run."""
    from pointage.base.errors import UnreadableWorkbook
    from pointage.reading.formats import sniff

    found: list[tuple[Path, str]] = []
    missing: list[str] = []
    skipped: list[tuple[str, str]] = []
    copies: list[tuple[str, str]] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or child.name.startswith(".") or child.name.lower() in _SYSTEM_FILES:
                    continue
                if _is_excel_lock(child):
                    skipped.append((str(child), lock_file_reason(child)))
                    continue
                if child.suffix.lower() in WORKBOOK_SUFFIXES:
                    _found_or_copy(child, found, copies)  # unreadable, it is `illisible`
                    continue
                try:
                    sniff(child)  # a workbook whatever its name (`export`, `.dat`)
                except UnreadableWorkbook as exc:
                    skipped.append((str(child), str(exc)))
                except OSError as exc:
                    skipped.append((str(child), reading_failure(child, exc)))
                else:
                    _found_or_copy(child, found, copies)
        elif path.is_file() and _is_excel_lock(path):  # `pointage verifier *.xlsx`
            skipped.append((argument, lock_file_reason(path)))
        elif path.exists():
            found.append((path, argument))
        else:
            missing.append(argument)
    return found, missing, skipped, copies


def _is_excel_lock(path: Path) -> bool:
    """Excel's owner file: its name, and a content that is no workbook (a file someone
    named `~$budget.xlsx` that is a workbook is checked)."""
    from pointage.base.errors import UnreadableWorkbook
    from pointage.reading.formats import sniff

    if not path.name.startswith(_LOCK_PREFIX):
        return False
    try:
        sniff(path)
    except (UnreadableWorkbook, OSError):
        return True
    return False


def _found_or_copy(child: Path, found: list[tuple[Path, str]], copies: list[tuple[str, str]]) -> None:
    """A workbook of a folder: to check, or Pointage's own copy (known by its mark)."""
    from pointage.reading.pointage_copies import copy_of

    original = copy_of(child)
    if original is None:
        found.append((child, str(child)))
    else:
        copies.append((str(child), original))


def run_verifier(
    parser: argparse.ArgumentParser, args: argparse.Namespace, retain: list[object] | None = None
) -> int:
    from pointage.engine.check import unreadable_report
    from pointage.report.model import Report

    if not args.fichiers:
        parser.error("indiquez au moins un classeur ou un dossier à vérifier")
    select, ignore = _codes(parser, args.choisir, "--choisir"), _codes(parser, args.ignorer, "--ignorer")
    files, missing, skipped, copies_met = workbook_paths(args.fichiers)
    if args.sortie and not args.annoter:
        parser.error("--sortie ne s'emploie qu'avec --annoter")
    if args.sortie and len(files) + len(missing) != 1:
        parser.error("--sortie ne s'emploie qu'avec un seul classeur")
    document = _deliberation(parser, args, files, missing)
    report = Report(skipped=skipped, pointage_copies=copies_met)
    for argument in missing:
        report.files.append(unreadable_report(argument, "fichier ou dossier introuvable."))
    notices: list[str] = named_copies(args.fichiers)
    checked = _check(args, files, skipped, document, select, ignore, retain)
    if args.annoter:
        # The command runs without the cycle collector (pointage.cli.run); an openpyxl
        # workbook is full of cycles, and a folder annotated in one process would keep
        # every one of them.
        gc.enable()
    copies_failed = False
    copies: dict[Path, Path] = {}  # copy -> the workbook it is the copy of, this run
    for (path, _shown), file_report in zip(files, checked):
        report.files.append(file_report)
        if args.annoter:
            ok, lines = _annotate_once(path, file_report, args, copies)
            notices.extend(lines)
            copies_failed = copies_failed or not ok
    if not report.files:
        return nothing_to_check(report)
    _print_report(report, notices, args)
    return exit_codes.USAGE if copies_failed else report.exit_code


def _check(
    args: argparse.Namespace,
    files: list[tuple[Path, str]],
    skipped: list[tuple[str, str]],
    document: DeliberationText | None,
    select: list[str],
    ignore: list[str],
    retain: list[object] | None,
) -> list[FileReport]:
    """The reports of `files`, in their order: each workbook that has its deliberation
    (`--deliberation`, or a Word document paired in its folder) checked against it, the
    others as a batch. A document paired leaves `skipped` (the report's list): it is
    checked, not skipped."""
    from pointage.engine.batch import ProgressBar, check_files

    # A progress bar only for a person at a terminal: never in JSON, never piped.
    show_progress = args.format == "texte" and len(files) > 1 and sys.stdout.isatty() and sys.stderr.isatty()
    # One workbook's objects at most are retained: a batch frees each as it goes.
    keep = retain if len(files) == 1 and not args.annoter else None
    documents = {files[0][0]: document} if document is not None and files else {}
    if document is None:
        documents, still_skipped = _paired_in_folders(args.fichiers, files, skipped)
        skipped[:] = still_skipped
    if not documents:
        return check_files(files, select, ignore, ProgressBar() if show_progress else None, retain=keep)
    from pointage.engine.check import check_path, select_rules

    alone = [f for f in files if f[0] not in documents]
    batch = iter(check_files(alone, select, ignore, None, retain=keep) if alone else [])
    rules = select_rules(select, ignore)
    return [
        check_path(path, rules, shown, keep, document=documents[path]) if path in documents else next(batch)
        for path, shown in files
    ]


def _annotate_once(
    path: Path, file_report: FileReport, args: argparse.Namespace, copies: dict[Path, Path]
) -> tuple[bool, list[str]]:
    """The annotated copy of one checked workbook, unless another workbook of this run
    already has that copy's name (`annexe.xls` and `annexe.xlsx` side by side): then
    neither is overwritten by the other, and the user is told to rename one. `copies`
    (copy -> its workbook) grows with each copy this run writes; (success, lines for the
    user)."""
    from pointage.outputs.annotated_copy import copy_path

    output = Path(args.sortie) if args.sortie else None
    target = copy_path(path, output).resolve()
    if target in copies:
        return False, [
            f"Copie annotée non écrite pour {path} : sa copie ({target.name}) serait celle de "
            f"{copies[target]} ; renommez l'un des deux classeurs."
        ]
    copies[target] = path
    return annotate(path, file_report, output, args.remplacer)


def _print_report(report: Report, notices: list[str], args: argparse.Namespace) -> None:
    """The report on stdout, in the format asked; the notices after it, on stderr in
    JSON mode so that stdout stays one JSON document."""
    from pointage.outputs.json_report import render_json
    from pointage.outputs.text_report import render_text

    if args.format == "json":
        write_json(render_json(report))
    else:
        sys.stdout.write(render_text(report, args.details))
    for line in notices:
        print(printable(line), file=sys.stderr if args.format == "json" else sys.stdout)


def _paired_in_folders(
    arguments: list[str], files: list[tuple[Path, str]], skipped: list[tuple[str, str]]
) -> tuple[dict[Path, DeliberationText], list[tuple[str, str]]]:
    """The Word documents of the folders named, each with the workbook it goes with
    (commands/pairing.py); the files still skipped (a document paired is checked)."""
    folders = [Path(a) for a in arguments if Path(a).is_dir()]
    candidates = [
        Path(p)
        for p, _ in skipped
        if Path(p).suffix.lower() == ".docx" and any(f in Path(p).parents for f in folders)
    ]
    if not candidates:
        return {}, skipped
    from pointage.commands.pairing import pair_documents

    paired, left = pair_documents([path for path, _ in files], candidates)
    used = set(candidates) - set(left)
    return paired, [(p, why) for p, why in skipped if Path(p) not in used]


def _deliberation(
    parser: argparse.ArgumentParser, args: argparse.Namespace, files: list, missing: list
) -> DeliberationText | None:
    """The Word text given with `--deliberation`, read before any check: a document that
    cannot be read stops the command (exit 2) with its French reason."""
    if not args.deliberation:
        return None
    if len(files) + len(missing) != 1:
        parser.error("--deliberation ne s'emploie qu'avec un seul classeur")
    from pointage.reading.deliberation import UnreadableDocument, read_deliberation

    try:
        return read_deliberation(args.deliberation)
    except UnreadableDocument as exc:
        print(printable(f"pointage : {args.deliberation} : {exc}"), file=sys.stderr)
    except OSError as exc:
        print(
            printable(f"pointage : {args.deliberation} : {reading_failure(Path(args.deliberation), exc)}"),
            file=sys.stderr,
        )
    sys.exit(exit_codes.USAGE)


def nothing_to_check(report: Report) -> int:
    """No workbook among the files and folders named: each file met is listed with
    what it is, and one French sentence says there is nothing to check (exit 2)."""
    from pointage.outputs.text_report import ignored_counts, skipped_lines

    said = ignored_counts(report)
    for line in skipped_lines(report):
        print(printable(line), file=sys.stderr)
    print(
        f"pointage : aucun classeur ({FORMATS_READ}) à vérifier parmi les fichiers et dossiers indiqués"
        + (" : " + " ; ".join(said) if said else "")
        + ".",
        file=sys.stderr,
    )
    return exit_codes.USAGE


def named_copies(arguments: list[str]) -> list[str]:
    """A note for each file named on the command line that is Pointage's own copy: it
    is checked as asked, and the user is told what it is."""
    from pointage.reading.pointage_copies import copy_of

    notes = []
    for argument in arguments:
        path = Path(argument)
        original = copy_of(path) if path.is_file() else None
        if original is not None:
            notes.append(
                f"Note : {argument} est une copie annotée par Pointage (copie de « {original} ») ; "
                "elle est vérifiée comme demandé, sa feuille Contrôles mise à part, mais ses couleurs "
                "et ses notes sont celles de la vérification précédente."
            )
    return notes


def annotate(path: Path, file_report: FileReport, output: Path | None, force: bool) -> tuple[bool, list[str]]:
    """Write the annotated copy of one checked file; (success, lines for the user)."""
    from pointage.base.errors import UnreadableWorkbook
    from pointage.base.files import WriteFailed
    from pointage.base.fingerprint import sha256_of
    from pointage.outputs.annotated_copy import (
        CopyRefused,
        check_copy_target,
        copy_path,
        losses,
        write_annotated_copy,
    )
    from pointage.outputs.marks import build_plan
    from pointage.outputs.values_copy import LOSSES as VALUES_COPY_LOSSES
    from pointage.outputs.values_copy import write_values_copy
    from pointage.reading.formats import XLSX, sniff
    from pointage.reading.workbook import read_workbook

    target = copy_path(path, output)
    try:
        check_copy_target(path, target, force)
        if file_report.unreadable:
            return False, [f"Copie annotée non écrite pour {path} : le classeur n'a pas pu être vérifié."]
        if file_report.nothing_recognised:
            return False, [
                f"Copie annotée non écrite pour {path} : aucun tableau reconnu, rien n'a été vérifié."
            ]
        plan = build_plan(file_report, sha256_of(path))
        if sniff(path) == XLSX:
            lost = losses(path)
            write_annotated_copy(path, target, plan)
        else:  # openpyxl cannot open it: a new .xlsx from the values read
            lost = VALUES_COPY_LOSSES
            write_values_copy(read_workbook(path), target, plan)
    except (CopyRefused, UnreadableWorkbook, WriteFailed) as exc:
        return False, [f"Copie annotée non écrite pour {path} : {exc}"]
    except OSError as exc:  # the checked workbook, read again for its copy
        return False, [f"Copie annotée non écrite pour {path} : {reading_failure(path, exc)}"]
    except Exception:  # never a traceback; the checked file is untouched anyway
        return False, [
            f"Copie annotée non écrite pour {path} : erreur interne de Pointage à l'écriture de "
            "la copie (à signaler à l'équipe Pointage ; le classeur vérifié n'a pas été modifié)."
        ]
    lines = [f"Copie annotée écrite : {target} (le classeur vérifié n'a pas été modifié)."]
    if lost:
        lines.append("Attention, la copie annotée ne garde pas : " + " ; ".join(lost) + ".")
    return True, lines
