"""The French lines printed around an exported table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pointage.base.formatting import count
from pointage.outputs.text_report import finding_line
from pointage.report.findings import Finding, Severity


def errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERREUR]


def stamp(findings: Sequence[Finding], workbook_name: str, sha256: str, now: datetime) -> str:
    """The line under the table: when, what was found, in which file."""
    warnings = sum(1 for f in findings if f.severity == Severity.AVERTISSEMENT)
    return (
        f"Pointé le {now:%d/%m/%Y} à {now:%H:%M} — "
        f"{count(len(errors(findings)), 'erreur')}, {count(warnings, 'avertissement')} — "
        f"classeur {workbook_name}, empreinte SHA-256 {sha256[:12]}"
    )


def unchecked_warning(error_count: int) -> str:
    """The red line above a table exported despite its erreurs."""
    return f"TABLEAU NON VÉRIFIÉ — {count(error_count, 'erreur')}"


def refusal(sheet: str, refused: Sequence[tuple[int, str, Sequence[Finding]]]) -> str:
    """Why the export is refused: (table number, range, its erreurs) per table."""
    total = sum(len(found) for _, _, found in refused)
    if len(refused) == 1:
        number, ref, _ = refused[0]
        where = f"le tableau n° {number} ({ref}) de la feuille « {sheet} »"
    else:
        where = (
            "les tableaux "
            + ", ".join(f"n° {n} ({r})" for n, r, _ in refused)
            + f" de la feuille « {sheet} »"
        )
    verb = "a" if len(refused) == 1 else "ont"
    lines = [f"Export refusé : {where} {verb} {count(total, 'erreur')} :"]
    lines.extend(f"  {finding_line(f)}" for _, _, found in refused for f in found)
    return "\n".join(lines)
