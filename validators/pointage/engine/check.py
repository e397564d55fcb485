"""Run the rules on a workbook: snapshot -> tables -> rules -> findings."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

import pointage
from pointage.analysis.context import CheckContext
from pointage.base.addresses import a1
from pointage.base.errors import UnreadableWorkbook, reading_failure
from pointage.engine.described import describe_table, group_subtables
from pointage.reading.snapshot import ReadingGap, WorkbookSnapshot
from pointage.reading.workbook import read_workbook
from pointage.report.findings import Finding
from pointage.report.model import FileReport, TableInfo
from pointage.rules.registry import Rule, all_rules, get_rule

if TYPE_CHECKING:
    from pointage.reading.deliberation import DeliberationText


def select_rules(select: Collection[str] = (), ignore: Collection[str] = ()) -> list[Rule]:
    """Rules whose code starts with one of `select` (all when empty), minus `ignore`."""
    chosen = []
    for candidate in all_rules():
        if candidate.check is None:
            continue
        if select and not any(candidate.code.startswith(s) for s in select):
            continue
        if any(candidate.code.startswith(i) for i in ignore):
            continue
        chosen.append(candidate)
    return chosen


def check_path(
    path: str | Path,
    rules: list[Rule] | Callable[[], list[Rule]] | None = None,
    shown_path: str | None = None,
    retain: list[object] | None = None,
    document: DeliberationText | None = None,
) -> FileReport:
    """`document`: the délibération's Word text, checked with the workbook (D rules).
    `rules` may be given as a function, called once the file is read. With `retain`,
    the check's objects (snapshot, tables) are appended to it instead of being freed
    here: the command line, which ends without freeing anything, passes a list."""
    shown = shown_path if shown_path is not None else str(path)
    try:
        snapshot = read_workbook(path, while_loading=_warm_up_rules if _is_big(path) else None)
    except UnreadableWorkbook as exc:
        # What the library said, if it said anything, is the detail, not the reason.
        return unreadable_report(shown, str(exc), detail=technical(exc.__cause__) if exc.__cause__ else None)
    except OSError as exc:
        # The system's refusal (access denied, locked, file gone) is no bug of Pointage; an
        # OSError without a system error code is a library's, and unexpected.
        reason = reading_failure(Path(path), exc) if exc.errno else UNEXPECTED_READING
        return unreadable_report(shown, reason, detail=technical(exc))
    except Exception as exc:  # a reader bug must not stop a batch
        return unreadable_report(shown, UNEXPECTED_READING, detail=technical(exc))
    ctx, report = check_snapshot_with_context(
        snapshot, rules() if callable(rules) else rules, shown, document=document
    )
    if retain is not None:
        retain.append((snapshot, ctx))
    return report


# From this size on, calamine parses the file for long enough that importing the rules
# (a few hundredths of a second) is free while it runs.
WARM_UP_FROM_BYTES = 1 << 20


def _is_big(path: str | Path) -> bool:
    try:
        return Path(path).stat().st_size >= WARM_UP_FROM_BYTES
    except OSError:
        return False


def _warm_up_rules() -> None:
    """Only a head start: whatever fails here fails again, and is reported, where the
    rules are chosen; the file being read must not be reported unreadable for it."""
    with contextlib.suppress(Exception):
        all_rules()


_PACKAGE = Path(pointage.__file__).parent


_ENGINE = Path(__file__).parent


def failure_place(error: BaseException) -> str:
    """Where `error` was raised, in Pointage's own code: `rules/amounts.py, ligne 91,
    check_recomputed_amounts` (the innermost of its frames outside the engine, which
    only called the rule or the reader; else the innermost frame)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "lieu inconnu"
    ours = [
        f
        for f in frames
        if Path(f.filename).is_relative_to(_PACKAGE) and not Path(f.filename).is_relative_to(_ENGINE)
    ]
    frame = (ours or frames)[-1]
    where = Path(frame.filename)
    shown = where.relative_to(_PACKAGE).as_posix() if ours else where.name
    return f"{shown}, ligne {frame.lineno}, {frame.name}"


UNEXPECTED_READING = (
    "erreur inattendue de Pointage à la lecture du classeur (à signaler à l'équipe Pointage, "
    "avec le détail technique que donne --details)."
)
UNEXPECTED = (
    "erreur inattendue de Pointage (à signaler à l'équipe Pointage, avec le détail technique "
    "que donne --details)."
)


def technical(exc: BaseException) -> str:
    """What Python or a library said of a failure, and where: the `detail` of a finding."""
    text = f"{type(exc).__name__}: {exc}"
    tb = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    return f"{text} ({failure_place(exc)})" if tb else text


def unreadable_report(
    path: str, reason: str, gaps: Collection[ReadingGap] = (), detail: str | None = None
) -> FileReport:
    """E000, and what the reader could not read (E001), which may be why."""
    findings = [get_rule("E000").finding(None, None, reason=reason, technical=detail), *_gap_findings(gaps)]
    return FileReport(path=path, findings=findings, unreadable=True, reason=reason)


def nothing_recognised_report(path: str, reason: str, gaps: Collection[ReadingGap] = ()) -> FileReport:
    """E002: the workbook opened but holds no table Pointage understands."""
    findings = [get_rule("E002").finding(None, None, reason=reason), *_gap_findings(gaps)]
    return FileReport(path=path, findings=findings, nothing_recognised=True, reason=reason)


def _gap_findings(gaps: Collection[ReadingGap]) -> list[Finding]:
    return [get_rule("E001").finding(gap.sheet, None, what=gap.what) for gap in gaps]


def _nothing_recognised(ctx: CheckContext) -> str:
    """E002's reason for a workbook without annex table, with the header rows read."""
    reason = (
        "il faut une ligne d'en-têtes comme STRUCTURE | MONTANT RETENU, ou CODE OPÉRATION | "
        "IMPUTATION | LIBELLÉ | PROPOSITION, ou des lignes de total"
    )
    if not ctx.seen_headers:
        return reason + " ; aucune ligne d'en-têtes lue."
    shown = [
        f"{seen.sheet}!{a1(seen.row, seen.col)} ({', '.join(f'« {_one_line(h)} »' for h in seen.headers[:6])}"
        f"{'…' if len(seen.headers) > 6 else ''})"
        for seen in ctx.seen_headers[:5]
    ]
    more = f" et {len(ctx.seen_headers) - 5} autres" if len(ctx.seen_headers) > 5 else ""
    return f"{reason} ; lignes d'en-têtes lues, non reconnues : {' ; '.join(shown)}{more}."


def _one_line(header: object) -> str:
    """A header as a message quotes it: on one line (`Prévu\nCoût`: `Prévu Coût`)."""
    return " ".join(str(header).split())


def _run_rules(ctx: CheckContext, rules: list[Rule]) -> list[Finding]:
    """Each rule's findings, the rules that read the others' (`after_others`) last: the
    list is `ctx.earlier_findings` while they run. A crashing rule becomes X001, never
    a traceback."""
    findings: list[Finding] = []
    ctx.earlier_findings = findings
    for selected in sorted(rules, key=lambda r: r.after_others):
        if selected.check is None:
            continue  # a rule said by the engine or the readers (E, X), not run on tables
        try:
            findings.extend(selected.check(ctx))
        except Exception as exc:
            findings.append(
                get_rule("X001").finding(None, None, code=selected.code, technical=technical(exc))
            )
    return findings


def _place(finding: Finding) -> tuple[int, ...]:
    """A document finding's place as numbers: paragraphs first, then tables' cells."""
    numbers = [int(n) for n in (finding.paragraph or "").replace(",", " ").split() if n.isdigit()]
    return (0, *numbers) if len(numbers) == 1 else (1, *numbers)


def check_snapshot(
    snapshot: WorkbookSnapshot, rules: list[Rule] | None = None, path: str | None = None
) -> FileReport:
    return check_snapshot_with_context(snapshot, rules, path)[1]


def check_snapshot_with_context(
    snapshot: WorkbookSnapshot,
    rules: list[Rule] | None = None,
    path: str | None = None,
    document: DeliberationText | None = None,
) -> tuple[CheckContext | None, FileReport]:
    """The findings, and the tables they were found in (None when nothing was read)."""
    path = path if path is not None else snapshot.name
    if not any(sheet.values for sheet in snapshot.sheets):
        # Nothing read: empty, unless the reader said why it read nothing (E001 below).
        if snapshot.gaps:
            return None, unreadable_report(
                path, "aucune de ses feuilles n'a pu être lue (la raison suit).", snapshot.gaps
            )
        return None, nothing_recognised_report(path, "le classeur est vide (aucune cellule remplie).")
    try:
        ctx = CheckContext.from_snapshot(snapshot)
    except Exception as exc:  # a detection bug: this file is not checked, the others are
        return None, unreadable_report(
            path,
            "erreur inattendue de Pointage à la recherche des tableaux (à signaler à l'équipe "
            "Pointage, avec le détail technique que donne --details).",
            detail=technical(exc),
        )
    if not any(t.usable or t.sure_of_kind for t in ctx.tables):
        # Nothing understood (an Excel Table of unknown columns is read, not understood).
        return None, nothing_recognised_report(path, _nothing_recognised(ctx), snapshot.gaps)
    rules = rules if rules is not None else select_rules()
    ctx.rule_codes = frozenset(r.code for r in rules)
    ctx.document = document
    findings = _run_rules(ctx, rules)
    findings.extend(_gap_findings(snapshot.gaps))
    order = {sheet.name: i for i, sheet in enumerate(snapshot.sheets)}
    # The document's findings after the workbook's, in the document's order.
    findings.sort(
        key=lambda f: (
            f.document is not None,
            order.get(f.sheet or "", -1),
            *f.position(),
            *_place(f),
            f.code,
        )
    )
    described = []
    for table in ctx.tables:
        try:
            described.append((table, describe_table(table, ctx)))
        except Exception as exc:  # what is said of a table must not lose the findings
            described.append((table, TableInfo(table.sheet_name, table.range, table.kind.name)))
            findings.append(
                get_rule("X001").finding(
                    None, None, code="description des tableaux", technical=technical(exc)
                )
            )
    tables = group_subtables(described)
    if ctx.bareme:
        tables.append(TableInfo(ctx.bareme.sheet, ctx.bareme.range, "bareme"))
    if ctx.parametres.sheet and ctx.parametres.range:
        tables.append(TableInfo(ctx.parametres.sheet, ctx.parametres.range, "parametres"))
    tables.sort(key=lambda t: order.get(t.sheet, -1))
    return ctx, FileReport(path=path, findings=findings, tables=tables)
