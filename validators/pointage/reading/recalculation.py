"""The simple formulas of a workbook never recalculated, evaluated by Pointage.

A workbook written by a program and never opened in Excel holds formulas without a
cached value: read as they are, its totals would be empty and nothing could be
checked. The formulas `base/formula_text.py` parses (SUM, SUBTOTAL(9), +, −, ×, ÷ of
numbers, cells and ranges, on the same sheet or another) are evaluated here as Excel
would, and their value put in the snapshot; the cells are listed in
`SheetSnapshot.computed` so that the report says the values are Pointage's, once for
the file (F011). Any other formula is left without a value (F003).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property

from pointage.base.excel_errors import ExcelError
from pointage.base.formula_text import Call, Formula, Num, Op, Ref, Sum, chain, parse
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot

__all__ = ["recalculate"]

# Digits Excel keeps of a result.
_DIGITS = 15
# Cells read by all the evaluations of one workbook, at most: running totals written
# `=SUM($D$2:D9)` on every line would otherwise cost the square of the lines. Past it,
# the formulas left are not computed (F003 lists those of the tables).
MAX_CELLS_READ = 5_000_000


class _Unknown(Exception):
    """A formula whose value cannot be known here (an error, text, a formula not
    simple, a circular reference)."""


def recalculate(workbook: WorkbookSnapshot) -> None:
    """Evaluate in place every formula without a cached value that is simple."""
    pending = [s for s in workbook.sheets if s.formulas_without_value]
    if not pending:
        return
    by_name = {s.name.casefold(): s for s in workbook.sheets}
    evaluator = _Evaluator(by_name)
    for sheet in pending:
        for cell in sorted(sheet.formulas_without_value):
            evaluator.value(sheet, cell)
    for sheet, computed in evaluator.results_by_sheet():
        for (row, col), value in computed.items():
            _put(sheet, row, col, value)
        sheet.computed = frozenset(computed)


class _Evaluator:
    def __init__(self, sheets: dict[str, SheetSnapshot]) -> None:
        self.sheets = sheets
        # (sheet name, cell) -> value, or None when it cannot be computed
        self.done: dict[tuple[str, tuple[int, int]], float | None] = {}
        self.budget = MAX_CELLS_READ
        # sheet name -> its last row holding a value or a formula (a whole column's end)
        self.last_rows: dict[str, int] = {}

    def results_by_sheet(self) -> list[tuple[SheetSnapshot, dict[tuple[int, int], float]]]:
        grouped: dict[str, dict[tuple[int, int], float]] = {}
        for (name, cell), value in self.done.items():
            if value is not None:
                grouped.setdefault(name, {})[cell] = value
        return [(self.sheets[name.casefold()], cells) for name, cells in grouped.items()]

    def value(self, sheet: SheetSnapshot, cell: tuple[int, int]) -> float | None:
        """The value of an uncomputed formula, its own uncomputed cells evaluated first
        (depth first, without recursion: a running total may chain thousands)."""
        key = (sheet.name, cell)
        if key in self.done:
            return self.done[key]
        stack, started = [(sheet, cell)], set()
        while stack:
            here_sheet, here = stack[-1]
            here_key = (here_sheet.name, here)
            if here_key in self.done:
                stack.pop()
                continue
            node = _parsed(here_sheet, here)
            if node is None:
                self.done[here_key] = None
                stack.pop()
                continue
            if here_key not in started:
                started.add(here_key)
                try:
                    waiting = [
                        d
                        for d in self._uncomputed_cells(here_sheet, node)
                        if (d[0].name, d[1]) not in self.done and (d[0].name, d[1]) not in started
                    ]
                except _Unknown:  # past the budget
                    self.done[here_key] = None
                    stack.pop()
                    continue
                if waiting:
                    stack.extend(waiting)
                    continue
            try:
                result = _rounded(self._eval(here_sheet, node, top=True))
            except (_Unknown, ArithmeticError):  # ArithmeticError: a number past Decimal's
                result = None
            self.done[here_key] = result
            stack.pop()
        return self.done[key]

    def _cells(
        self, sheet: SheetSnapshot, ref: Ref, subtotal: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """The cells of a range, counted against the budget; a SUBTOTAL's without the
        SUBTOTALs inside it (and 109's without the hidden rows), as Excel sums them."""
        last_row = self.last_rows.get(sheet.name)
        if last_row is None:
            last_row = self.last_rows[sheet.name] = _last_row(sheet)
        for row in range(ref.first_row, min(ref.last_row, last_row) + 1):
            if subtotal == 109 and row in sheet.hidden_rows:
                continue
            for col in range(ref.first_col, ref.last_col + 1):
                self.budget -= 1
                if self.budget < 0:
                    raise _Unknown
                if subtotal is not None and _is_subtotal(sheet, (row, col)):
                    continue
                yield row, col

    def _uncomputed_cells(
        self, sheet: SheetSnapshot, node: Formula
    ) -> Iterator[tuple[SheetSnapshot, tuple[int, int]]]:
        for ref in _refs(node):
            target = self._sheet(sheet, ref)
            if target is None or not target.formulas_without_value:
                continue
            for cell in self._cells(target, ref):
                if cell in target.formulas_without_value:
                    yield target, cell

    def _sheet(self, sheet: SheetSnapshot, ref: Ref) -> SheetSnapshot | None:
        return sheet if ref.sheet is None else self.sheets.get(ref.sheet.casefold())

    def _cell(self, sheet: SheetSnapshot, cell: tuple[int, int]) -> object:
        if cell in sheet.formulas_without_value:
            value = self.done.get((sheet.name, cell))
            if value is None:
                raise _Unknown  # not computed (yet: a circular reference)
            return value
        return sheet.value(*cell)

    def _eval(self, sheet: SheetSnapshot, node: Formula, top: bool = False) -> Decimal:
        if isinstance(node, Num):
            return node.value
        if isinstance(node, Ref):
            target = self._sheet(sheet, node)
            if target is None or not node.is_cell:
                raise _Unknown
            return _operand(self._cell(target, (node.first_row, node.first_col)))
        if isinstance(node, Sum):
            total = Decimal(0)
            for arg in node.args:
                if isinstance(arg, Ref):
                    target = self._sheet(sheet, arg)
                    if target is None:
                        raise _Unknown
                    for cell in self._cells(target, arg, node.subtotal):
                        total += _summed(self._cell(target, cell))
                else:
                    total += self._eval(sheet, arg)
            return total
        if isinstance(node, Call):
            return self._call(sheet, node)
        first, steps = chain(node)  # a loop: a total may chain a thousand terms
        value = self._eval(sheet, first)
        for op, operand in steps:
            right = self._eval(sheet, operand)
            if op == "+":
                value += right
            elif op == "-":
                value -= right
            elif op == "*":
                value *= right
            elif right == 0:
                raise _Unknown  # #DIV/0!
            else:
                value /= right
        return value

    def _call(self, sheet: SheetSnapshot, node: Call) -> Decimal:
        if node.name == "ROUND":
            value, digits = (self._eval(sheet, a) for a in node.args)
            if digits != digits.to_integral_value():
                digits = digits.to_integral_value(rounding="ROUND_DOWN")
            if digits > _DIGITS:
                return value  # more digits than Excel keeps: nothing to round
            step = Decimal(1).scaleb(-int(digits))
            return (
                value.quantize(step, rounding=ROUND_HALF_UP)
                if digits >= 0
                else ((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)
            )
        if node.name == "ABS":
            return abs(self._eval(sheet, node.args[0]))
        numbers: list[Decimal] = []
        for arg in node.args:
            if isinstance(arg, Ref) and not arg.is_cell:
                target = self._sheet(sheet, arg)
                if target is None:
                    raise _Unknown
                for cell in self._cells(target, arg):
                    content = self._cell(target, cell)
                    if isinstance(content, (int, float)) and not isinstance(content, bool):
                        numbers.append(_summed(content))
                    elif isinstance(content, ExcelError):
                        raise _Unknown
            else:
                numbers.append(self._eval(sheet, arg))
        if not numbers:
            return Decimal(0)  # MIN/MAX of no number is 0 in Excel
        return min(numbers) if node.name == "MIN" else max(numbers)


def _parsed(sheet: SheetSnapshot, cell: tuple[int, int]) -> Formula | None:
    text = sheet.formula(cell)
    return parse(text) if text is not None else None


def _refs(node: Formula) -> Iterator[Ref]:
    if isinstance(node, Ref):
        yield node
    elif isinstance(node, (Sum, Call)):
        for arg in node.args:
            yield from _refs(arg)
    elif isinstance(node, Op):
        first, steps = chain(node)
        yield from _refs(first)
        for _, operand in steps:
            yield from _refs(operand)


def _last_row(sheet: SheetSnapshot) -> int:
    """The sheet's last row that holds a value or a formula: where a whole column ends
    (computed once per sheet: looked for at each range, it cost the square of the lines)."""
    return max([sheet.row_count - 1, *(r for r, _ in sheet.formulas_without_value)])


def _is_subtotal(sheet: SheetSnapshot, cell: tuple[int, int]) -> bool:
    text = sheet.formula(cell)
    return text is not None and "SUBTOTAL(" in text.upper().replace(" ", "")


def _operand(value: object) -> Decimal:
    """A cell used in `+`, `−`, `×`, `÷`: empty is 0, a number or a number written as
    text is itself, TRUE is 1; an error or a word makes the formula unknown."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, ExcelError):
        raise _Unknown
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            raise _Unknown from None
        if not number.is_finite() or "_" in value:
            raise _Unknown  # `NaN`, `Infinity`, `1_000`: words to Excel (#VALUE!)
        return number
    raise _Unknown  # a date: not summed here


def _summed(value: object) -> Decimal:
    """A cell of a SUM's range: only numbers count (text and booleans do not; a date,
    a number to Excel, is not summed here: the formula is left unknown)."""
    if isinstance(value, ExcelError) or not isinstance(value, (int, float, str, type(None))):
        raise _Unknown
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Decimal(0)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _rounded(value: Decimal) -> float:
    return float(f"{value:.{_DIGITS}g}")


def _put(sheet: SheetSnapshot, row: int, col: int, value: float) -> None:
    """Write a computed value in the sheet's dense block, growing it if needed."""
    values = sheet.values
    if not values:
        sheet.values, sheet.origin_row, sheet.origin_col = [[value]], row, col
        _forget_width(sheet)
        return
    if row < sheet.origin_row:
        width = len(values[0])
        values[:0] = [[""] * width for _ in range(sheet.origin_row - row)]
        sheet.origin_row = row
    if col < sheet.origin_col:
        pad = sheet.origin_col - col
        for cells in values:
            cells[:0] = [""] * pad
        sheet.origin_col = col
    r, c = row - sheet.origin_row, col - sheet.origin_col
    while len(values) <= r:
        values.append([""] * len(values[0]))
    if len(values[r]) <= c:
        width = c + 1
        for cells in values:
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
    values[r][c] = value
    _forget_width(sheet)


def _forget_width(sheet: SheetSnapshot) -> None:
    if isinstance(type(sheet).__dict__.get("width"), cached_property):
        sheet.__dict__.pop("width", None)
