"""What the rules see: tables, Barème, Paramètres. No Excel library in here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from pointage.analysis.description import DEFAULT_UNITS, Description, parse_description
from pointage.tables.detection import find_tables
from pointage.outputs.marks import CONTROLES_SHEET
from pointage.tables.settings import (
    Bareme,
    Parametres,
    is_bareme_sheet,
    is_parametres_sheet,
    read_bareme,
    read_parametres,
)
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot

# Sheets written by Pointage itself (annotated copy, add-in): never annex tables.
POINTAGE_SHEETS = frozenset({CONTROLES_SHEET, "_pointage"})
from pointage.tables.table import Table


@dataclass
class CheckContext:
    workbook: WorkbookSnapshot
    tables: list[Table] = field(default_factory=list)
    bareme: Bareme | None = None
    parametres: Parametres = field(default_factory=Parametres)
    # Analyses shared by several rules (computed once per check, by their owner).
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_snapshot(cls, workbook: WorkbookSnapshot) -> CheckContext:
        ctx = cls(workbook)
        for sheet in workbook.sheets:
            if sheet.name in POINTAGE_SHEETS:
                continue
            if is_parametres_sheet(sheet.name):
                ctx.parametres = read_parametres(sheet)
            elif is_bareme_sheet(sheet.name):
                ctx.bareme = ctx.bareme or read_bareme(sheet)
            else:
                ctx.tables.extend(find_tables(sheet))
        return ctx

    def sheet(self, name: str) -> SheetSnapshot:
        return next(s for s in self.workbook.sheets if s.name == name)

    @property
    def repartitions(self) -> list[Table]:
        return [t for t in self.tables if t.kind.name == "repartition" and t.usable]

    @property
    def imputations(self) -> list[Table]:
        return [t for t in self.tables if t.kind.name == "imputation" and t.usable]

    @property
    def plans(self) -> list[Table]:
        """Plans de financement (classeur.md, section 3)."""
        return [t for t in self.tables if t.kind.name == "plan" and t.usable]

    @property
    def articles(self) -> list[Table]:
        return [t for t in self.tables if t.kind.name == "articles" and t.usable]

    @property
    def key_figures(self) -> list[Table]:
        return [t for t in self.tables if t.kind.name == "chiffres_cles" and t.usable]

    @property
    def totalled_tables(self) -> list[Table]:
        """Tables whose TOTAL rows are checked (T rules): répartitions and plans."""
        return [t for t in self.tables if t.usable and t.kind.name in ("repartition", "plan")]

    @property
    def units(self) -> tuple[str, ...]:
        """Units the descriptions are read in: the Barème's, else the usual ones."""
        if self.bareme and self.bareme.rates:
            return self.bareme.units
        return DEFAULT_UNITS

    def description(self, table: Table, row) -> Description | None:
        return self.description_of(table.text(row, "description"))

    def description_of(self, text: str) -> Description | None:
        if not text:
            return None
        # Totals, M001 and M002 read the same descriptions: parse each text once.
        parsed = self.cache.setdefault("descriptions", {})
        found = parsed.get(text)
        if found is None:
            found = parsed[text] = parse_description(text, self.units)
        return found

    def money_equal(self, a_cents: int, b_cents: int) -> bool:
        return abs(a_cents - b_cents) <= self.parametres.tolerance_cents

    @cached_property
    def totals(self):
        from pointage.analysis.block_totals import analyse_totals

        return {id(t): analyse_totals(t, self) for t in self.totalled_tables}

    @property
    def default_months(self) -> Decimal:
        return self.parametres.default_months
