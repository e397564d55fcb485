"""Budget lines: the detail rows of the imputation tables, one per code opération."""

from __future__ import annotations

from dataclasses import dataclass

from pointage.tables.table import DETAIL, Row, Table


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


def budget_lines(imputations: list[Table]) -> list[BudgetLine]:
    """Every line of the budget tables: detail rows with a code or a libellé."""
    return [
        BudgetLine(table, row)
        for table in imputations
        for row in table.rows
        if row.kind == DETAIL and (table.text(row, "code") or table.text(row, "label"))
    ]
