"""Formulas that compute each other: circular references, as Excel's « Références
circulaires » warning lists them.

The graph is made of the formulas the reader kept (those that add, and those without a
cached value: `SheetSnapshot.formulas`), each pointing at the formula cells its
references reach, on its sheet or another. A cycle is a strongly connected part of it
(Tarjan's algorithm, without recursion), or one formula that reaches its own cell
(`C10 = SUM(C2:C10)`): one per group of cells, never one per cell.

Only formulas made of what `formula_text.parse` reads (SUM, SUBTOTAL, ROUND, ABS, MIN,
MAX and operators) are followed: `ROW(A1)` or `OFFSET(…)` do not read their cells'
values, and a formula the reader did not keep (`=B1`, `=B1*2` with a cached value) is
not seen; a cycle through one of them is not reported. A shared formula's references
are read once, from its first cell, and moved for each cell that shares it.

The work is bounded: past `MAX_STEPS` formula cells and range cells looked at, the cells
left are not followed; the cycles already closed are real and still reported, and no
cycle is ever made up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from pointage.base.formula_text import Precedent, Ref, may_reach_forward, precedents
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot

# Formula cells read and cells of ranges walked, at most, for one workbook.
MAX_STEPS = 1_000_000

Node = tuple[int, int, int]  # (sheet index, row, col)


@dataclass(frozen=True)
class Cycle:
    """Formula cells that depend on themselves, in workbook order (sheet, row, col):
    formulas that compute one another, or (`own_cell`) the formulas of one sheet that
    each reach their own cell, said together (a total row whose SUMs were all dragged
    one row too far is one slip)."""

    cells: tuple[tuple[str, int, int], ...]  # (sheet name, row, col), 0-based
    own_cell: bool = False


class _OutOfBudget(Exception):
    pass


class _Graph:
    def __init__(self, sheets: list[SheetSnapshot]) -> None:
        self.sheets = sheets
        self.by_name = {s.name.casefold(): i for i, s in enumerate(sheets)}
        # (sheet index, first cell of a shared formula) -> its references as written
        self.read: dict[tuple[int, tuple[int, int]], list[Precedent] | None] = {}
        self.steps = MAX_STEPS
        # The cells whose formula reaches their own cell (`C10 = SUM(C2:C10)`).
        self.self_references: set[Node] = set()

    @cached_property
    def columns(self) -> list[dict[int, list[int]]]:
        """Sheet index -> column -> the rows of its formula cells, ascending: built only
        when a cell may point forward."""
        found = []
        for sheet in self.sheets:
            columns: dict[int, list[int]] = {}
            for row, col in {*sheet.formulas, *sheet.shared_formulas}:
                columns.setdefault(col, []).append(row)
            for rows in columns.values():
                rows.sort()
            found.append(columns)
        return found

    def spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise _OutOfBudget

    def starts(self) -> list[Node]:
        """The formula cells whose references may reach their own cell or one after it
        (reading order: sheet, row, column). Every cycle holds one, since a chain of
        cells that only ever points back never comes round; most workbooks have none,
        and their formulas are only looked at by `may_reach_forward`, never tokenised."""
        found: list[Node] = []
        for index, sheet in enumerate(self.sheets):
            forward = set()
            for cell, text in sheet.formulas.items():
                if cell not in sheet.shared_formulas and may_reach_forward(text, *cell):
                    forward.add(cell)
            # A cell sharing a formula lies right of or below its first cell: its
            # references moved as much, or fixed, reach forward only if the first
            # cell's do.
            forward.update(cell for cell, first in sheet.shared_formulas.items() if first in forward)
            found.extend((index, row, col) for row, col in forward)
        return sorted(found)

    def references(self, node: Node) -> list[Ref]:
        index, row, col = node
        sheet = self.sheets[index]
        first = sheet.shared_formulas.get((row, col)) if (row, col) not in sheet.formulas else None
        written_in = first or (row, col)
        key = (index, written_in)
        if key not in self.read:
            self.spend(1)
            text = sheet.formulas.get(written_in)
            self.read[key] = precedents(text) if text is not None else None
        found = self.read[key]
        if not found:
            return []
        down, right = row - written_in[0], col - written_in[1]
        return [ref for p in found if (ref := p.moved(down, right)) is not None]

    def successors(self, node: Node) -> list[Node]:
        out: list[Node] = []
        for ref in self.references(node):
            index = node[0] if ref.sheet is None else self.by_name.get(ref.sheet.casefold())
            if index is None:
                continue  # another workbook, or a sheet that is not there
            columns = self.columns[index]
            if ref.last_col - ref.first_col + 1 <= len(columns):
                cols = [c for c in range(ref.first_col, ref.last_col + 1) if c in columns]
            else:
                cols = [c for c in columns if ref.first_col <= c <= ref.last_col]
            self.spend(len(cols))
            for col in cols:
                rows = columns[col]
                hits = rows[bisect_left(rows, ref.first_row) : bisect_right(rows, ref.last_row)]
                self.spend(len(hits))
                out.extend((index, row, col) for row in hits)
        if node in out:
            self.self_references.add(node)
        return out


def workbook_cycles(workbook: WorkbookSnapshot) -> list[Cycle]:
    """Every circular reference among the workbook's formulas (Pointage's own sheets
    left out), in workbook order of their first cell."""
    sheets = [s for s in workbook.sheets if s.name not in workbook.own_sheets]
    if not any(s.has_formulas for s in sheets):
        return []
    graph = _Graph(sheets)
    groups = [sorted(group) for group in _strongly_connected(graph)]
    by_sheet: dict[int, list[Node]] = {}
    for group in groups:
        if len(group) == 1:
            by_sheet.setdefault(group[0][0], []).append(group[0])
    cycles = [(group, False) for group in groups if len(group) > 1]
    cycles += [(sorted(cells), True) for cells in by_sheet.values()]
    return [
        Cycle(tuple((sheets[i].name, row, col) for i, row, col in group), own_cell)
        for group, own_cell in sorted(cycles)
    ]


def _strongly_connected(graph: _Graph) -> list[list[Node]]:
    """Tarjan's algorithm, without recursion: the groups of more than one cell, and
    the cells that reach themselves. Past the budget, the groups already closed are
    kept (each is a real cycle), and the search stops."""
    number: dict[Node, int] = {}
    low: dict[Node, int] = {}
    stack: list[Node] = []
    on_stack: set[Node] = set()
    found: list[list[Node]] = []

    def enter(node: Node) -> tuple[Node, Iterator[Node]]:
        number[node] = low[node] = len(number)
        stack.append(node)
        on_stack.add(node)
        return node, iter(graph.successors(node))

    try:
        for start in graph.starts():
            if start in number:
                continue
            work = [enter(start)]
            while work:
                node, successors = work[-1]
                successor = next(successors, None)
                if successor is not None:
                    if successor not in number:
                        work.append(enter(successor))
                    elif successor in on_stack:
                        low[node] = min(low[node], number[successor])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] != number[node]:
                    continue
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.self_references:
                    found.append(group)
    except _OutOfBudget:
        pass
    return found
