"""A `Table` is what detection read: the analyses, the rules and the report read it,
and nothing outside `tables/` writes it. What an analysis finds (an outline's
subtotals understood, why totals are not checked) lives in the analysis's own result.

Two guards: every analysis and rule is run on workbooks of every sort (the examples,
outlines read by indentation, by level words, not understood, a pivot-like outline)
and each table is compared field by field with what detection made; and the sources
outside `tables/` are scanned for a write to a field of a table."""

from __future__ import annotations

import ast
import copy
from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest

from classeurs import construire
from pointage.analysis.context import CheckContext
from pointage.engine.check import check_snapshot_with_context
from pointage.reading.workbook import read_workbook
from pointage.tables.table import Table
from test_blancs_et_annees import OUTLINE
from test_plan_hierarchique import BY_WORDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "validators" / "pointage"
EXAMPLES = sorted((ROOT / "workbooks" / "exemples").glob("*.xlsx"))

# A budget by sections under years, its lines one column right of their section: an
# execution table read by the indentation (`analysis/outline.py`).
BY_INDENT = OUTLINE

# The same outline, its subtotals matching none of their lines: not understood.
NOT_UNDERSTOOD = BY_INDENT.replace("| 300  | 330", "| 1    | 2").replace("| 50   | 60", "| 3    | 4")

# An Op@le situation: `ALO OP-SPE 0AMOR` has no account under it, a line of its parent.
CGR = """
CGR              | Compte      | Budget | Engagé | Disponible
ALO              |             | 2600   | 1350   | 1250
ALO ADMIN        |             | 1500   | 600    | 900
                 | Compte 6061 | 1000   | 400    | 600
                 | Compte 6062 | 500    | 200    | 300
ALO OP-SPE       |             | 800    | 750    | 50
ALO OP-SPE 0AMOR |             | 800    | 750    | 50
ALO DEPART       |             | 300    | 0      | 300
                 | Compte 6068 | 300    | 0      | 300
Total général    |             | 2600   | 1350   | 1250
"""

# A répartition with its totals, an identity and a wrong total.
REPARTITION = """
STRUCTURE         | NATURE      | MONTANT HT | TVA  | MONTANT TTC
Association A     | Animation   | 1000       | 200  | 1200
Association B     | Animation   | 2000       | 400  | 2400
TOTAL             |             | 3000       | 600  | 3700
"""


def _read(table: Table) -> dict[str, object]:
    """Every field of a table as detection left it (the sheet and the caches aside)."""
    return {
        f.name: copy.deepcopy(getattr(table, f.name))
        for f in fields(table)
        if f.name != "sheet" and not f.name.startswith("_")
    }


def _synthetic(tmp_path: Path) -> list[Path]:
    sheets = {
        "indent": BY_INDENT,
        "obscur": NOT_UNDERSTOOD,
        "cgr": CGR,
        "mots": BY_WORDS,
        "repartition": REPARTITION,
    }
    return [construire(tmp_path / f"{name}.xlsx", {"Feuille": text}) for name, text in sheets.items()]


@pytest.mark.parametrize("which", [*(p.name for p in EXAMPLES), "synthetic"])
def test_no_analysis_nor_rule_changes_a_table(tmp_path, which):
    paths = _synthetic(tmp_path) if which == "synthetic" else [ROOT / "workbooks" / "exemples" / which]
    for path in paths:
        snapshot = read_workbook(path)
        ctx, _ = check_snapshot_with_context(snapshot)
        assert ctx is not None
        # Detection again, on the same snapshot: what it makes, untouched by anything after.
        fresh = CheckContext.from_snapshot(snapshot)
        assert [_read(t) for t in ctx.tables] == [_read(t) for t in fresh.tables], path.name


def test_an_outline_read_by_indentation_is_said_from_its_analysis(tmp_path):
    [indent, obscure, *_] = _synthetic(tmp_path)
    ctx, report = check_snapshot_with_context(read_workbook(indent))
    assert ctx is not None
    [table] = ctx.tables
    outline = ctx.totals_of(table).outline
    assert outline is not None
    assert (outline.parents, outline.levels_given) == (3, False)
    assert report.tables[0].notes == (
        "3 sous-totaux au-dessus de leurs lignes (plan hiérarchique), vérifiés sur les lignes de plus bas niveau",
    )
    ctx, report = check_snapshot_with_context(read_workbook(obscure))
    assert ctx is not None
    [table] = ctx.tables
    assert (ctx.totals_of(table).skipped, ctx.totals_of(table).outline) == (
        "sous-totaux au-dessus de leurs lignes (plan hiérarchique) : structure non comprise, "
        "totaux non vérifiés",
        None,
    )
    assert report.tables[0].notes[0] == ctx.totals_of(table).skipped


def test_a_table_cannot_be_changed_once_built(tmp_path):
    [indent, *_] = _synthetic(tmp_path)
    [table] = CheckContext.from_snapshot(read_workbook(indent)).tables
    with pytest.raises(FrozenInstanceError):
        table.totals_skipped = "non compris"  # type: ignore[misc]
    assert table.totals_skipped == ""


# --------------------------------------------------------------------------
# No module outside tables/ writes a table's fields.
# --------------------------------------------------------------------------

TABLE_FIELDS = frozenset(f.name for f in fields(Table))
# Methods that change a list, a dict or a set in place.
MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "setdefault", "add"}
)


def _annotated_table(annotation: ast.expr | None) -> bool:
    return annotation is not None and any(
        isinstance(node, ast.Name) and node.id == "Table" for node in ast.walk(annotation)
    )


def _table_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names that hold a table in a function: `table`, and any parameter or
    variable annotated with `Table`."""
    names = {"table"}
    args = function.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        if _annotated_table(arg.annotation):
            names.add(arg.arg)
    for node in ast.walk(function):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and _annotated_table(node.annotation)
        ):
            names.add(node.target.id)
    return names


def _field_of_table(node: ast.expr, names: set[str]) -> str | None:
    """`table.rows` (or `table.rows[…]`) -> `rows` when `table` holds a table."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
        return node.attr if node.attr in TABLE_FIELDS else None
    return None


def _writes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[int, str]]:
    names = _table_names(function)
    found = []
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
        ):
            targets = [node.func.value]
        for target in targets:
            for part in ast.walk(target) if isinstance(target, ast.Tuple) else [target]:
                if (name := _field_of_table(part, names)) is not None:
                    found.append((node.lineno, name))
    return sorted(found)


def _table_writes_outside_tables() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "tables"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found += [f"{path.relative_to(PACKAGE)}:{line} {name}" for line, name in _writes(node)]
    return sorted(set(found))


def test_no_module_outside_tables_writes_a_table():
    assert _table_writes_outside_tables() == []


def test_the_scan_sees_each_way_of_writing_a_table(tmp_path):
    source = """
def analyse(table, other: Table | None) -> None:
    table.totals_skipped = "non compris"
    other.rows.append(row)
    del table.roles["amount"]
    table.headers[3] = "Montant"
    self.rows = []  # a field of another object
"""
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert _writes(function) == [(3, "totals_skipped"), (4, "rows"), (5, "roles"), (6, "headers")]
