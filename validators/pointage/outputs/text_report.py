"""Human output, French, grouped by file and sheet: `Feuille!A1 [CODE] message`."""

from __future__ import annotations

from itertools import groupby

from pointage.base.addresses import sheet_reference
from pointage.base.console import printable
from pointage.base.formatting import count
from pointage.report.findings import Finding, Severity
from pointage.report.model import FileReport, Report, TableInfo

_STATUS = {
    "ok": "conforme",
    "illisible": "illisible",
    "aucun_tableau": "aucun tableau reconnu, rien de vérifié",
    "erreur": "à corriger",
    "avertissement": "à regarder",
    "info": "conforme",
}


def counts(values: dict[Severity, int]) -> str:
    """`2 erreurs, 3 avertissements, 0 info`."""
    return ", ".join(count(n, s.value) for s, n in values.items())


def finding_line(finding: Finding) -> str:
    """`'Annexe 1'!E7 [M001] message`: how a finding reads on one line."""
    where = f"{finding.address} " if finding.cell else f"{finding.paragraph} " if finding.paragraph else ""
    return f"{where}[{finding.code}] {finding.message}"


# Each finding's line opens with its severity, in a column as wide as the longest word
# (eslint's layout): the officer runs an eye down it to the erreurs.
_SEVERITY_WIDTH = max(len(s.value) for s in Severity)
_FINDING_INDENT = "    "


def severity_line(finding: Finding) -> str:
    """`    erreur         'Annexe 1'!E7 [M001] message`."""
    return f"{_FINDING_INDENT}{finding.severity.value:<{_SEVERITY_WIDTH}}  {finding_line(finding)}"


def legend() -> str:
    """Said once, under the findings: what each severity word asks of the officer."""
    return "Sévérités : " + ", ".join(f"{s.value} ({s.meaning})" for s in Severity) + "."


# Beyond this many tables of one kind on a sheet, they are said on one line.
TABLES_LISTED = 6


def table_lines(file: FileReport) -> list[str]:
    """What was read, so that the officer sees what was checked and what was not."""
    lines = []
    groups: dict[tuple[str, str], list] = {}
    for t in file.tables:
        if t.title:
            groups.setdefault((t.sheet, t.title), []).append(t)
    said_together = set()
    for (sheet, title), tables in groups.items():
        if len(tables) > TABLES_LISTED:
            totals = sum(len(t.total_rows) for t in tables)
            lines.append(
                f"  Lu : {sheet} — {len(tables)} sous-tableaux, {title[0].lower()}{title[1:]} "
                f"({tables[0].range} … {tables[-1].range}, {count(totals, 'ligne de total', 'lignes de total')})"
            )
            said_together.update(id(t) for t in tables)
    for t in file.tables:
        if id(t) in said_together:
            continue
        if not t.title:
            continue  # Barème, Paramètres: read, not checked as tables
        said = table_details(t)
        details = f" ({', '.join(said)})" if said else ""
        lines.append(f"  Lu : {sheet_reference(t.sheet, t.range)} — {t.title}{details}")
    return lines


def table_details(t: TableInfo) -> list[str]:
    """What the report says of a table read, after its title: its sub-tables, its total
    rows, the identities checked and the notes (what was not checked, and why)."""
    said = [f"{t.subtables} sous-tableaux"] if t.subtables > 1 else []
    if t.total_rows:
        said.append(count(len(t.total_rows), "ligne de total", "lignes de total"))
    if t.identities:
        said.append("identités : " + " ; ".join(t.identities))
    said.extend(t.notes)
    return said


def status_words(file: FileReport) -> str:
    """`conforme` only when something was recomputed and found right."""
    if file.status in ("ok", "info") and file.nothing_recomputed:
        return "lu, rien à recalculer"
    return _STATUS[file.status]


def render_file(file: FileReport, verbose: bool = False) -> list[str]:
    lines = [f"{file.path} — {status_words(file)} ({counts({s: file.count(s) for s in Severity})})"]
    lines.extend(table_lines(file))
    for (sheet, document), findings in groupby(file.findings, key=lambda f: (f.sheet, f.document)):
        findings = list(findings)
        if sheet:
            lines.append(f"  Feuille « {sheet} »")
        elif document:
            lines.append(f"  Document « {document} »")
        for f in findings:
            lines.append(severity_line(f))
            if verbose and f.detail:
                lines.append(f"{_FINDING_INDENT}{'':<{_SEVERITY_WIDTH}}  détail technique : {f.detail}")
    return lines


def skipped_lines(report: Report) -> list[str]:
    """`dossier/rapport.pdf — ignoré : c'est un document PDF, pas un classeur.`: each
    file of the folders not checked, with its reason (which says what the file is)."""
    return [f"{path} — ignoré : {why}" for path, why in [*report.skipped, *report.copies_skipped]]


def ignored_counts(report: Report) -> list[str]:
    """`1 fichier ignoré (pas un classeur)`, `2 copies annotées par Pointage ignorées`."""
    said = []
    if report.skipped:
        said.append(
            count(
                len(report.skipped),
                "fichier ignoré (pas un classeur)",
                "fichiers ignorés (pas des classeurs)",
            )
        )
    if report.pointage_copies:
        said.append(
            count(
                len(report.pointage_copies),
                "copie annotée par Pointage ignorée",
                "copies annotées par Pointage ignorées",
            )
        )
    return said


def render_text(report: Report, verbose: bool = False) -> str:
    lines: list[str] = []
    for file in report.files:
        lines.extend(render_file(file, verbose))
        lines.append("")
    if any(file.findings for file in report.files):
        lines += [legend(), ""]
    lines.extend(skipped_lines(report))
    if report.skipped or report.pointage_copies:
        lines.append("")
    if len(report.files) > 1 or report.skipped or report.pointage_copies:
        summary = report.summary()
        lines.append(
            f"{count(len(report.files), 'fichier vérifié', 'fichiers vérifiés')} : "
            + counts({s: summary[s.value] for s in Severity})
            + "".join(f" ; {said}" for said in ignored_counts(report))
        )
    # Every line through `printable`: a file name, a sheet name, a title or a message may
    # hold a control or bidirectional character, which would act on the terminal.
    return "\n".join(printable(line) for line in lines).rstrip() + "\n"
