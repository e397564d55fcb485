"""Human output, French, grouped by file and sheet: `Feuille!A1 [CODE] message`."""

from __future__ import annotations

from itertools import groupby

from pointage.findings import Severity
from pointage.report import FileReport, Report

_NAMES = {
    Severity.ERREUR: ("erreur", "erreurs"),
    Severity.AVERTISSEMENT: ("avertissement", "avertissements"),
    Severity.INFO: ("info", "infos"),
}
_STATUS = {"ok": "conforme", "illisible": "illisible", "erreur": "à corriger",
           "avertissement": "à regarder", "info": "conforme"}


def counts(values: dict[Severity, int]) -> str:
    return ", ".join(
        f"{n} {_NAMES[s][0] if n < 2 else _NAMES[s][1]}" for s, n in values.items()
    )


def render_file(file: FileReport) -> list[str]:
    lines = [f"{file.path} — {_STATUS[file.status]} ({counts({s: file.count(s) for s in Severity})})"]
    for sheet, findings in groupby(file.findings, key=lambda f: f.sheet):
        findings = list(findings)
        if sheet:
            lines.append(f"  Feuille « {sheet} »")
        for f in findings:
            where = f"{f.address} " if f.cell else ""
            lines.append(f"    {where}[{f.code}] {f.message}")
    return lines


def render_text(report: Report) -> str:
    lines: list[str] = []
    for file in report.files:
        lines.extend(render_file(file))
        lines.append("")
    if len(report.files) > 1:
        summary = report.summary()
        lines.append(
            f"{len(report.files)} fichiers vérifiés : "
            + counts({s: summary[s.value] for s in Severity})
        )
    return "\n".join(lines).rstrip() + "\n"
