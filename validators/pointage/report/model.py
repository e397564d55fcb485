"""The report every output reads (frictionless-style): files, tables, findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from pointage.base import exit_codes
from pointage.report.findings import Finding, Severity

ILLISIBLE = "illisible"
# A workbook that opens but holds no table Pointage understands: not unreadable, not
# checked either.
AUCUN_TABLEAU = "aucun_tableau"
OK = "ok"


@dataclass(frozen=True)
class ColumnInfo:
    cell: str  # the header cell
    header: str  # as written
    role: str  # the role the header fills (`label`, `amount`, `extra` for other money)


@dataclass(frozen=True)
class TableInfo:
    """What was read: the columns by role, how each total row was recognised, the
    identities checked, and what was not checked (French notes)."""

    sheet: str
    range: str
    kind: str
    columns: tuple[ColumnInfo, ...] = ()
    total_rows: tuple[tuple[int, str], ...] = ()  # (row number, how it was recognised)
    identities: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    title: str = ""  # French: `Tableau de répartition`
    header_rows: tuple[int, ...] = ()  # every header row, sub-tables' included (1-based)
    subtables: int = 1  # sub-tables read as one table (a header repeated inside it)
    # A number of it is recomputed (a total, an identity, a Barème amount): else the
    # file is never said « conforme » for it.
    checked: bool = True
    # Its columns were understood (no required column missing): else nothing in it is
    # checked, and the notes say what is missing.
    understood: bool = True


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    unreadable: bool = False
    reason: str = ""  # why the file is unreadable or without table (French), as E000/E002 say it
    # It opened, but no table of it was recognised (E002): nothing was checked.
    nothing_recognised: bool = False

    @property
    def status(self) -> str:
        if self.unreadable:
            return ILLISIBLE
        if self.nothing_recognised:
            return AUCUN_TABLEAU
        worst = max((f.severity.rank for f in self.findings), default=None)
        if worst is None:
            return OK
        return next(s.value for s in Severity if s.rank == worst)

    @property
    def nothing_recomputed(self) -> bool:
        """Tables were read, but none has a number Pointage recomputes (a flat list)."""
        read = [t for t in self.tables if t.title]
        return bool(read) and not any(t.checked for t in read)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def copy_skipped_reason(original: str) -> str:
    return (
        f"copie annotée de « {original} » écrite par Pointage, pas vérifiée de nouveau "
        "(indiquez-la par son nom pour la vérifier)."
    )


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    # Files of the folders checked that are not workbooks (a PDF, a Word report):
    # (path, why, French), listed so that nothing is passed over in silence.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Pointage's own annotated copies met in the folders (known by the mark written in
    # them): (path, the name of the workbook each is the copy of), listed, not checked.
    pointage_copies: list[tuple[str, str]] = field(default_factory=list)

    @property
    def copies_skipped(self) -> list[tuple[str, str]]:
        """Pointage's copies as listed: (path, why, French)."""
        return [(path, copy_skipped_reason(original)) for path, original in self.pointage_copies]

    def summary(self) -> dict[str, int]:
        return {s.value: sum(f.count(s) for f in self.files) for s in Severity}

    @property
    def exit_code(self) -> int:
        """0: no erreur; 1: at least one erreur; 2: a file could not be read; 3: no
        table recognised in any file (nothing was checked at all)."""
        if any(f.unreadable for f in self.files):
            return exit_codes.USAGE
        if any(f.count(Severity.ERREUR) for f in self.files):
            return exit_codes.ERREUR
        if self.files and all(f.nothing_recognised for f in self.files):
            return exit_codes.NOTHING_CHECKED
        return exit_codes.OK
