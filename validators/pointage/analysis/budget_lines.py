"""Budget lines of the imputation tables, and their row-wise identities (pandera).

The identities of a line (Solde = Disponible − Proposition, Proposition ≤ Disponible,
Disponible ≤ AE) are a pandera schema validated lazily: every failure case comes back
with its index, which is the line's position, hence its cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.tables.table import DETAIL, Row, Table

if TYPE_CHECKING:
    from pointage.analysis.context import CheckContext

MONEY_ROLES = ("ae", "available", "proposal", "expense", "revenue", "balance")


@dataclass
class BudgetLine:
    table: Table
    row: Row

    @property
    def code(self) -> str:
        return self.table.text(self.row, "code")

    @property
    def is_rapport(self) -> bool:
        """The rapport's table has a Proposition; the délibération's Dépense/Recette."""
        return self.table.has("proposal")

    def cents(self, role: str) -> int | None:
        number = self.table.number_value(self.row, role)
        return number.cents if number is not None else None

    @property
    def commitment_role(self) -> str | None:
        """What this deliberation commits on the line: Proposition, else Dépense/Recette."""
        for role in ("proposal", "expense", "revenue"):
            if self.table.has(role) and self.table.number_value(self.row, role) is not None:
                return role
        return None

    def address(self, role: str) -> str:
        return self.table.address(self.row, role)


def budget_lines(ctx: CheckContext) -> list[BudgetLine]:
    """Every line of every budget table (computed once per check: the B rules share it)."""
    lines = ctx.cache.get("budget_lines")
    if lines is None:
        lines = ctx.cache["budget_lines"] = [
            BudgetLine(table, row)
            for table in ctx.imputations
            for row in table.rows
            if row.kind == DETAIL and (table.text(row, "code") or table.text(row, "label"))
        ]
    return lines


def checked_identities(ctx: CheckContext) -> dict[str, list[int]]:
    """One pandera validation for B001, B002 and B003 together."""
    failures = ctx.cache.get("identity_failures")
    if failures is None:
        failures = ctx.cache["identity_failures"] = identity_failures(
            budget_lines(ctx), ctx.parametres.tolerance_cents
        )
    return failures


IDENTITIES = ("B001", "B002", "B003")


def import_dataframe_libraries():
    """pandas and pandera, imported on first use: half a second that a workbook
    without budget lines does not pay."""
    import pandas
    import pandera.pandas

    return pandas, pandera.pandas


def identity_failures(lines: list[BudgetLine], tolerance_cents: int) -> dict[str, list[int]]:
    """Positions in `lines` that break each identity, from one lazy pandera validation."""
    if not lines:
        return {name: [] for name in IDENTITIES}
    return validate_identities(
        {
            "ae": [line.cents("ae") for line in lines],
            "available": [line.cents("available") for line in lines],
            "commitment": [
                line.cents(line.commitment_role) if line.commitment_role else None for line in lines
            ],
            "balance": [line.cents("balance") for line in lines],
        },
        tolerance_cents,
    )


def warm_up() -> None:
    """Import pandas and pandera and validate one line: their first validation sets
    up caches (a tenth of a second) that every later one reuses."""
    validate_identities({"ae": [1], "available": [1], "commitment": [1], "balance": [0]}, 0)


def validate_identities(columns: dict[str, list[int | None]], tol: int) -> dict[str, list[int]]:
    """Positions that break each identity; `columns` holds cents (None: empty)."""
    pd, pa = import_dataframe_libraries()
    frame = pd.DataFrame(columns, dtype="Int64")

    def known(df, *columns):
        mask = pd.Series(True, index=df.index)
        for column in columns:
            mask &= df[column].notna()
        return mask

    schema = pa.DataFrameSchema(
        {name: pa.Column("Int64", nullable=True) for name in frame.columns},
        checks=[
            pa.Check(
                lambda df: ~known(df, "balance", "available", "commitment")
                | ((df["balance"] - (df["available"] - df["commitment"])).abs() <= tol).fillna(True),
                name="B001",
            ),
            pa.Check(
                lambda df: ~known(df, "available", "commitment")
                | (df["commitment"] - df["available"] <= tol).fillna(True),
                name="B002",
            ),
            pa.Check(
                lambda df: ~known(df, "ae", "available")
                | (df["available"] - df["ae"] <= tol).fillna(True),
                name="B003",
            ),
        ],
    )
    failures: dict[str, list[int]] = {name: [] for name in IDENTITIES}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        for name in IDENTITIES:
            rows = cases.loc[cases["check"] == name, "index"].dropna().unique()
            failures[name] = sorted(int(i) for i in rows)
    return failures
