"""The French lines printed around exported tables, and in the document's properties.

The pasted table carries no technical text: the « Pointé le … » line and the notes
(columns left out) are paragraphs of their own under the tables, which `--sans-mention`
leaves out; the workbook's SHA-256 fingerprint is in the document's properties only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pointage.base.formatting import count
from pointage.outputs.text_report import finding_line
from pointage.report.findings import Finding, Severity


def errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERREUR]


def stamp(findings: Sequence[Finding], workbook_name: str, now: datetime) -> str:
    """The line under the tables: when, what was found in them, in which file."""
    warnings = sum(1 for f in findings if f.severity == Severity.AVERTISSEMENT)
    return (
        f"Pointé le {now:%d/%m/%Y} à {now:%H:%M} — "
        f"{count(len(errors(findings)), 'erreur')}, {count(warnings, 'avertissement')} — "
        f"classeur {workbook_name}"
    )


def fingerprinted(stamp_line: str, sha256: str) -> str:
    """The stamp with the workbook's whole fingerprint: the document's description."""
    return f"{stamp_line}, empreinte SHA-256 {sha256}"


def omitted_note(table_range: str, omitted: Sequence[tuple[str, str]]) -> str:
    """Which empty columns of the table the export leaves out."""
    names = ", ".join(f"{header} ({letter})" if header else f"colonne {letter}" for letter, header in omitted)
    if len(omitted) == 1:
        return f"Colonne vide non reprise dans le tableau {table_range} : {names}."
    return f"Colonnes vides non reprises dans le tableau {table_range} : {names}."


def too_wide(
    sheet: str, number: int, table_range: str, columns: int, shown: int, fitting: int, size: float
) -> str:
    """Why a table cannot be exported: its `shown` columns (of `columns`, the empty ones
    left out) cannot fit the width of an A4 page in landscape at `size` points; at most
    `fitting` of them would (the narrowest)."""
    which = f"ses {shown} colonnes" if shown == columns else f"ses {shown} colonnes non vides (sur {columns})"
    return (
        f"le tableau n° {number} ({table_range}) de la feuille « {sheet} » est trop large pour "
        f"une page A4 : {which} ne tiennent pas côte à côte, même en paysage et en {size:g} pt, "
        f"sans couper un nombre, une date ou un mot. Au-delà de {fitting} de ses colonnes, il ne "
        "tient pas sur une page A4 : copiez dans une feuille à part les colonnes à montrer dans "
        f"le rapport ({fitting} au plus), puis exportez cette feuille."
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
