"""A folder holding workbooks and the Word texts of their délibérations: each document
paired with the workbook of its annexes, by name (`cp-2024-385.docx` with
`cp-2024-385-annexes.xlsx`), else by the code opérations they both quote. A document
that pairs with no workbook, or with several alike, stays unchecked (listed, as any
file of a folder that is not a workbook)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pointage.analysis.quoted_figures import CODE_OPERATION
from pointage.base.text import words
from pointage.reading.deliberation import DeliberationText, UnreadableDocument, read_deliberation

# Words every file of such a folder may carry: they pair nothing.
_GENERIC = {"DELIBERATION", "ANNEXE", "ANNEXES", "RAPPORT", "DOCX", "XLSX", "TEXTE", "PROJET", "CP", "CD"}


def pair_documents(
    workbooks: list[Path], documents: list[Path]
) -> tuple[dict[Path, DeliberationText], list[Path]]:
    """(workbook -> its document, the documents paired with none)."""
    paired: dict[Path, DeliberationText] = {}
    left: list[Path] = []
    for path in documents:
        try:
            document = read_deliberation(path)
        except (UnreadableDocument, OSError):
            left.append(path)  # listed with its reason, as before
            continue
        neighbours = [w for w in workbooks if w.parent == path.parent and w not in paired]
        workbook = _by_name(path, neighbours) or _by_codes(document, neighbours)
        if workbook is None:
            left.append(path)
        else:
            paired[workbook] = document
    return paired, left


def _words(path: Path) -> set[str]:
    return set(words(path.stem).split()) - _GENERIC


def _by_name(document: Path, workbooks: list[Path]) -> Path | None:
    """The one workbook whose name shares the most words with the document's."""
    words = _words(document)
    scores = [(len(words & _words(w)), w) for w in workbooks]
    best = max((score for score, _ in scores), default=0)
    chosen = [w for score, w in scores if score == best]
    return chosen[0] if best > 0 and len(chosen) == 1 else None


def _by_codes(document: DeliberationText, workbooks: list[Path]) -> Path | None:
    """The one workbook holding the code opérations the document quotes."""
    codes = {c for p in document.passages for c in CODE_OPERATION.findall(p.text)}
    if not codes:
        return None
    holding = [w for w in workbooks if codes & _codes_of(w)]
    return holding[0] if len(holding) == 1 else None


@cache
def _codes_of(workbook: Path) -> frozenset[str]:
    """The code opérations a workbook's cells quote: read once per workbook, however
    many documents of its folder ask."""
    from pointage.reading.workbook import read_workbook

    try:
        snapshot = read_workbook(workbook)
    except Exception:  # unreadable, or a reader's bug: its check says so, this pairs nothing
        return frozenset()
    return frozenset(
        {
            code
            for sheet in snapshot.sheets
            for row in sheet.values
            for value in row
            if isinstance(value, str)
            for code in CODE_OPERATION.findall(value)
        }
    )
