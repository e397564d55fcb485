"""What the rules see: tables, Barème, Paramètres, and the analyses several rules
share, each computed once per check. No Excel library in here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from pointage.analysis.block_totals import TotalsAnalysis, analyse_totals
from pointage.analysis.budget_lines import BudgetLine, budget_lines
from pointage.analysis.description import DEFAULT_UNITS, Description, parse_description
from pointage.analysis.identities import IdentityAnalysis, analyse_identities
from pointage.base.own_sheets import looks_like_own_sheet
from pointage.reading.snapshot import WorkbookSnapshot
from pointage.tables.detection import SeenHeader, find_tables
from pointage.tables.settings import (
    Bareme,
    Parametres,
    is_bareme_sheet,
    is_parametres_sheet,
    read_bareme,
    read_parametres,
)
from pointage.tables.table import Table

if TYPE_CHECKING:
    from pointage.reading.deliberation import DeliberationText
    from pointage.report.findings import Finding
    from pointage.tables.kinds import TableKind

T = TypeVar("T")


@dataclass
class CheckContext:
    workbook: WorkbookSnapshot
    tables: list[Table] = field(default_factory=list)
    bareme: Bareme | None = None
    parametres: Parametres = field(default_factory=Parametres)
    # Header rows read but not recognised as an annex table (said when none is).
    seen_headers: list[SeenHeader] = field(default_factory=list)
    # The codes of the rules run on this check (None: all): a rule that leaves a
    # problem to another says it itself when that one is not run.
    rule_codes: frozenset[str] | None = None
    # The délibération's Word text, when one is checked with the workbook (D rules).
    document: DeliberationText | None = None
    # The findings of the rules run so far: what a rule run after the others reads.
    earlier_findings: list[Finding] = field(default_factory=list)
    # Totals, M001 and M002 read the same descriptions: each text is parsed once.
    _descriptions: dict[str, Description] = field(default_factory=dict, repr=False, compare=False)
    _shared: dict[Callable, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_snapshot(cls, workbook: WorkbookSnapshot) -> CheckContext:
        ctx = cls(workbook)
        for sheet in workbook.sheets:
            if sheet.name in workbook.own_sheets or looks_like_own_sheet(sheet.values[:12]):
                continue
            if is_parametres_sheet(sheet.name):
                ctx.parametres = read_parametres(sheet)
            elif is_bareme_sheet(sheet.name):
                ctx.bareme = ctx.bareme or read_bareme(sheet)
            else:
                ctx.tables.extend(find_tables(sheet, ctx.seen_headers))
        return ctx

    def _usable(self, of_kind: Callable[[TableKind], bool]) -> list[Table]:
        return [t for t in self.tables if of_kind(t.kind) and t.usable]

    @property
    def repartitions(self) -> list[Table]:
        """Répartitions, with or without total rows (a list of grants is one too: its
        amounts are recomputed from the Barème like any other)."""
        return self._usable(lambda kind: kind.is_allocation)

    @property
    def imputations(self) -> list[Table]:
        return self._usable(lambda kind: kind.is_imputation)

    @property
    def plans(self) -> list[Table]:
        """Plans de financement (classeur.md, section 3)."""
        return self._usable(lambda kind: kind.is_plan)

    @property
    def articles(self) -> list[Table]:
        return self._usable(lambda kind: kind.is_articles)

    @property
    def key_figures(self) -> list[Table]:
        return self._usable(lambda kind: kind.is_key_figures)

    @property
    def totalled_tables(self) -> list[Table]:
        """Tables whose TOTAL rows are checked (T rules): répartitions, plans, budget
        tables (their AE, Disponible, Proposition, Solde… on a TOTAL row) and
        budget-execution outlines."""
        return self._usable(lambda kind: kind.totals_checked)

    @property
    def units(self) -> tuple[str, ...]:
        """Units the descriptions are read in: the Barème's, else the usual ones."""
        if self.bareme and self.bareme.rates:
            return self.bareme.units
        return DEFAULT_UNITS

    @property
    def default_months(self) -> Decimal:
        return self.parametres.default_months

    def description(self, table: Table, row) -> Description | None:
        return self.description_of(table.text(row, "description"))

    def description_of(self, text: str) -> Description | None:
        if not text:
            return None
        found = self._descriptions.get(text)
        if found is None:
            found = self._descriptions[text] = parse_description(text, self.units)
        return found

    def money_equal(self, a_cents: int, b_cents: int) -> bool:
        return self.parametres.money_equal(a_cents, b_cents)

    @cached_property
    def _totals(self) -> dict[int, TotalsAnalysis]:
        return {id(t): analyse_totals(t, self) for t in self.totalled_tables}

    def totals_of(self, table: Table) -> TotalsAnalysis:
        """What each total row of a répartition or plan sums (T, B004, P002, A001)."""
        return self._totals[id(table)]

    def totals_if_checked(self, table: Table) -> TotalsAnalysis | None:
        """`totals_of(table)` for a table whose totals are checked, else None."""
        return self._totals.get(id(table)) if table.usable and table.kind.totals_checked else None

    @property
    def identity_tables(self) -> list[Table]:
        """Tables whose columns may be bound row by row (I rules)."""
        return self._usable(lambda kind: kind.rows_bound_by_identities)

    @cached_property
    def _identities(self) -> dict[int, IdentityAnalysis]:
        tolerance = self.parametres.tolerance_cents
        return {id(t): analyse_identities(t, tolerance) for t in self.identity_tables}

    def identities_of(self, table: Table) -> IdentityAnalysis:
        """The identities of a table's columns and the rows that break them (I rules)."""
        return self._identities[id(table)]

    @cached_property
    def budget_lines(self) -> list[BudgetLine]:
        """The lines of every budget table (the B rules and the references share them)."""
        return budget_lines(self.imputations)

    def shared(self, compute: Callable[[CheckContext], T]) -> T:
        """`compute(self)`, run once per check: how rules of one family share what they
        derive (the budget identities, the cells typed as text)."""
        if compute not in self._shared:
            self._shared[compute] = compute(self)
        return self._shared[compute]  # type: ignore[return-value]
