"""The mark plan: what to show on which cell, for any adapter to apply.

Built from a FileReport, it is plain data: the annotated copy (openpyxl) and the
add-in (xlwings, live book) apply the same plan and decide nothing themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pointage.base.addresses import sheet_reference
from pointage.base.formatting import count, display_json, show, show_difference
from pointage.base.numbers import to_cents
from pointage.outputs.palette import FILLS
from pointage.outputs.workbook_writer import MONEY_FORMAT
from pointage.report.findings import Finding, Severity
from pointage.report.model import FileReport, TableInfo

# Infos listed one by one on the Contrôles sheet, for each code: past them, one row says
# how many more there are (9 256 numbers typed as text took 17 s to lay out, for rows
# nobody reads one by one). Errors and warnings are all listed.
INFOS_LISTED_PER_CODE = 100


@dataclass
class CellMark:
    sheet: str
    cell: str
    severity: Severity
    main: bool  # the wrong value itself, not just a cell involved
    notes: list[str] = field(default_factory=list)

    @property
    def fill(self) -> str:
        return FILLS[(self.severity, self.main)]

    @property
    def note(self) -> str | None:
        return "\n\n".join(self.notes) if self.notes else None


@dataclass(frozen=True)
class Figure:
    """A number of a finding, written on the Contrôles sheet as a number (to sum, to
    filter) with the format that shows it the French way: money exact to the cent."""

    value: Decimal  # euros for money, from whole cents; a quantity otherwise
    money: bool

    @classmethod
    def of(cls, text: str | None, money: bool) -> Figure | None:
        """From a finding's decimal string (`24150.00`), None when it has none."""
        if text is None:
            return None
        value = Decimal(text)
        return cls(Decimal(to_cents(value)).scaleb(-2) if money else value, money)

    @property
    def cell_value(self) -> int | float:
        """What the cell holds: an integer when whole, else the double nearest the
        exact value (whose shortest writing is the decimal itself: 13945.83)."""
        if self.value == self.value.to_integral_value():
            return int(self.value)
        return float(self.value)

    @property
    def number_format(self) -> str:
        """Excel's (English) format code; French Excel shows `24 150,00 €`, `3 354`."""
        if self.money:
            return MONEY_FORMAT
        decimals = max(0, -self.value.normalize().as_tuple().exponent)
        return "#,##0" + ("." + "0" * decimals if decimals else "")

    def __str__(self) -> str:
        return show(self.value, self.money)


def difference(found: Figure | None, expected: Figure | None) -> Figure | None:
    """Trouvé − attendu, when the finding has both."""
    if found is None or expected is None:
        return None
    return Figure(found.value - expected.value, found.money)


def signed_format(number_format: str) -> str:
    """The format of a difference: `+6 875,00 €`, `-281`, as the notes write it."""
    return f"+{number_format};-{number_format};{number_format}"


@dataclass(frozen=True)
class ControlRow:
    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    expected: Figure | None = None
    found: Figure | None = None
    # `sheet`/`cell` are then the Word document and its paragraph: nothing to link to.
    in_document: bool = False

    @property
    def difference(self) -> Figure | None:
        return difference(self.found, self.expected)

    @property
    def target(self) -> str | None:
        """Where the hyperlink of the row points: `'Annexe 1'!E7`."""
        if not self.sheet or not self.cell or self.in_document:
            return None
        return sheet_reference(self.sheet, self.cell, always_quoted=True)


@dataclass
class MarkPlan:
    checked_at: datetime
    sha256: str
    file_name: str
    counts: dict[str, int]
    marks: list[CellMark]
    controls: list[ControlRow]
    infos_not_listed: int = 0  # summed up by one row per code on the Contrôles sheet
    # The tables read, as the report (and the JSON output) says them: listed on the
    # Contrôles sheet, so that « checked, nothing found » shows what was checked.
    tables: list[TableInfo] = field(default_factory=list)

    def by_sheet(self) -> dict[str, list[CellMark]]:
        sheets: dict[str, list[CellMark]] = {}
        for mark in self.marks:
            sheets.setdefault(mark.sheet, []).append(mark)
        return sheets

    def summary_lines(self) -> list[tuple[str, str | int]]:
        """The key/value lines above the findings on the Contrôles sheet (counts are
        numbers, so that a formula can read them)."""
        lines: list[tuple[str, str | int]] = [
            ("Classeur vérifié", self.file_name),
            ("Vérifié le", self.checked_at.strftime("%d/%m/%Y à %H:%M")),
            ("Empreinte SHA-256", self.sha256),
            ("Erreurs", self.counts.get("erreur", 0)),
            ("Avertissements", self.counts.get("avertissement", 0)),
            ("Infos", self.counts.get("info", 0)),
        ]
        if self.infos_not_listed:
            lines.append(("Infos non listées", self.infos_not_listed))
        lines.append(("Tableaux lus", len(self.tables)))
        return lines


def note_text(finding: Finding) -> str:
    """`Trouvé 24 150,00 € — attendu 17 275,00 € (écart +6 875,00 €) [M001]` + message."""
    if finding.expected is not None and finding.found is not None:
        difference = show_difference(Decimal(finding.found), Decimal(finding.expected), finding.money)
        head = (
            f"Trouvé {display_json(finding.found, finding.money)} — attendu "
            f"{display_json(finding.expected, finding.money)} (écart {difference}) [{finding.code}]"
        )
        return f"{head}\n{finding.message}"
    return f"[{finding.code}] {finding.message}"


def _split(address: str, default_sheet: str) -> tuple[str, str]:
    sheet, _, cell = address.rpartition("!")
    return (sheet or default_sheet), cell


def build_plan(report: FileReport, sha256: str, checked_at: datetime | None = None) -> MarkPlan:
    marks: dict[tuple[str, str], CellMark] = {}
    for finding in report.findings:
        if finding.severity == Severity.INFO or not finding.sheet or not finding.cell:
            continue
        main = marks.get((finding.sheet, finding.cell))
        if main is None or not main.main:
            main = CellMark(finding.sheet, finding.cell, finding.severity, True, main.notes if main else [])
            marks[(finding.sheet, finding.cell)] = main
        elif finding.severity.rank > main.severity.rank:
            main.severity = finding.severity
        main.notes.append(note_text(finding))
        for address in finding.cells:
            sheet, cell = _split(address, finding.sheet)
            if (sheet, cell) == (finding.sheet, finding.cell):
                continue
            involved = marks.get((sheet, cell))
            if involved is None:
                marks[(sheet, cell)] = CellMark(sheet, cell, finding.severity, False)
            elif not involved.main and finding.severity.rank > involved.severity.rank:
                involved.severity = finding.severity
    controls, not_listed = _controls(report.findings)
    counts = {s.value: report.count(s) for s in Severity}
    return MarkPlan(
        checked_at=checked_at or datetime.now(),
        sha256=sha256,
        file_name=report.path.replace("\\", "/").rsplit("/", 1)[-1],
        counts=counts,
        marks=list(marks.values()),
        controls=controls,
        infos_not_listed=not_listed,
        tables=list(report.tables),
    )


def _controls(findings: list[Finding]) -> tuple[list[ControlRow], int]:
    """One row per finding, but for the infos of a code past INFOS_LISTED_PER_CODE: one
    row, where the first of them would be, says how many; and how many they are."""
    rows: list[ControlRow | None] = []
    infos: Counter[str] = Counter()
    summary_at: dict[str, int] = {}
    for f in findings:
        if f.severity == Severity.INFO:
            infos[f.code] += 1
            if infos[f.code] > INFOS_LISTED_PER_CODE:
                if f.code not in summary_at:
                    summary_at[f.code] = len(rows)
                    rows.append(None)
                continue
        expected, found = Figure.of(f.expected, f.money), Figure.of(f.found, f.money)
        rows.append(
            ControlRow(
                f.code,
                f.severity.value,
                f.sheet or f.document or "",
                f.cell or f.paragraph or "",
                f.message,
                expected,
                found,
                in_document=f.document is not None,
            )
        )
    left = {code: infos[code] - INFOS_LISTED_PER_CODE for code in summary_at}
    for code, at in summary_at.items():
        rows[at] = _infos_summed_up(code, left[code])
    return rows, sum(left.values())


def _infos_summed_up(code: str, left: int) -> ControlRow:
    message = (
        f"{count(left, 'autre info', 'autres infos')} {code} ne sont pas listées ici (au-delà de "
        f"{INFOS_LISTED_PER_CODE} infos d'un même code, une seule ligne les résume) : la sortie de "
        "« pointage verifier » (texte ou JSON) les donne toutes."
    )
    return ControlRow(code, Severity.INFO.value, "", "", message)
