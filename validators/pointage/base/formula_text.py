"""The simple formulas of a sheet, parsed: sums, +, −, ×, ÷ of numbers, cells and ranges.

A total's formula says what it adds (`SUM(F7:F18)+150`, `D19+D20+D22`) and a workbook
never recalculated needs its simple formulas evaluated: both read the same small tree.
Anything else (another function, a name, a whole-column range outside a SUM, an array)
is not parsed: `parse` gives None, and the formula is left to its cached value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pointage.base.addresses import column_index, column_letter

__all__ = [
    "CALLS",
    "Call",
    "Formula",
    "Num",
    "Op",
    "Ref",
    "Sum",
    "Term",
    "additive_terms",
    "chain",
    "moved",
    "parse",
]

# The last row and column of a sheet: where a whole-column or whole-row range ends.
LAST_ROW = 1048575
LAST_COL = 16383
# A formula longer than this is no simple total (and would cost memory to keep).
MAX_LENGTH = 4000
# Parentheses and signs nested deeper than this are no simple total (Excel nests
# functions 64 deep): the parser and the walks over its tree stay far from Python's
# recursion limit. A long chain `D19+D20+…` is no nesting: it is walked in a loop.
MAX_NESTING = 64


@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal


@dataclass(frozen=True, slots=True)
class Ref:
    """A cell (first == last) or a rectangular range, 0-based, on `sheet` (None: the
    formula's own sheet)."""

    sheet: str | None
    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def is_cell(self) -> bool:
        return self.first_row == self.last_row and self.first_col == self.last_col


@dataclass(frozen=True, slots=True)
class Sum:
    """`SUM(…)`, or `SUBTOTAL(9|109, …)`: the sum of its arguments. A SUBTOTAL
    (`subtotal` 9 or 109) leaves out the SUBTOTALs inside its ranges, and 109 the
    hidden rows too, as Excel does."""

    args: tuple[Formula, ...]
    subtotal: int | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """`ROUND(x, n)`, `ABS(x)`, `MIN(…)`, `MAX(…)`: evaluated, never a sum's term."""

    name: str
    args: tuple[Formula, ...]


@dataclass(frozen=True, slots=True)
class Op:
    op: str  # + - * / (a unary minus is `0 - x`)
    left: Formula
    right: Formula


Formula = Num | Ref | Sum | Call | Op
# Functions evaluated beside SUM (a money amount is often rounded), with how many
# arguments they take (None: any, ranges allowed).
CALLS = {"ROUND": 2, "ABS": 1, "MIN": None, "MAX": None}


@dataclass(frozen=True, slots=True)
class Term:
    """One thing an additive formula adds (sign +1) or takes away (-1)."""

    sign: int
    node: Num | Ref


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)!)?
              \$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?
              |(?:(?:'(?:[^']|'')+'|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)!)?\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})
    | (?P<func>(?:_xlfn\.)?[A-Za-z][A-Za-z0-9.]*)\s*\(
    | (?P<sym>[-+*/(),;])
    )""",
    re.VERBOSE,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)?")


# A cell reference in a formula's text, outside quotes: not a function's name (`LOG10(`),
# not a sheet's name (`Feuil2!`), not inside a longer word.
_TEXT_REF = re.compile(r"(?<![A-Za-z0-9_.\u00c0-\uffff])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!.])")
_QUOTED = re.compile(r"('(?:[^']|'')*'|\"[^\"]*\")")
# A whole-column range (`C:C`, `$A:B`): it moves right with its cell too.
_TEXT_COLUMNS = re.compile(
    r"(?<![A-Za-z0-9_.$\u00c0-\uffff])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(!.$])"
)


def moved(text: str, rows: int, cols: int) -> str:
    """A formula's text copied `rows` down and `cols` right, as Excel moves it (what a
    shared formula's other cells hold): relative references move, `$` ones stay."""

    def move(m: re.Match) -> str:
        col_fixed, letters, row_fixed, number = m.groups()
        col = column_index(letters) + (0 if col_fixed else cols)
        row = int(number) + (0 if row_fixed else rows)
        if col < 0 or row < 1:
            return "#REF!"
        return f"{col_fixed}{column_letter(col)}{row_fixed}{row}"

    def move_columns(m: re.Match) -> str:
        ends = []
        for fixed, letters in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
            col = column_index(letters) + (0 if fixed else cols)
            if col < 0 or col > LAST_COL:
                return "#REF!"
            ends.append(f"{fixed}{column_letter(col)}")
        return ":".join(ends)

    def move_part(part: str) -> str:
        part = _TEXT_REF.sub(move, part)
        return _TEXT_COLUMNS.sub(move_columns, part) if cols else part

    parts = _QUOTED.split(text)
    return "".join(part if i % 2 else move_part(part) for i, part in enumerate(parts))


def _ref(text: str) -> Ref | None:
    sheet = None
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    ends = []
    for part in text.split(":"):
        m = _CELL.fullmatch(part)
        if m is None:
            return None
        col = column_index(m.group(1))
        row = int(m.group(2)) - 1 if m.group(2) else None
        if col > LAST_COL or (row is not None and not 0 <= row <= LAST_ROW):
            return None
        ends.append((row, col))
    (r1, c1), (r2, c2) = ends[0], ends[-1]
    if (r1 is None) != (r2 is None):
        return None
    if r1 is None:
        r1, r2 = 0, LAST_ROW
    return Ref(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out, position = [], 0
    text = text.rstrip()
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None or m.end() == position:
            return None
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        position = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.at = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expression(self) -> Formula:
        node = self.product()
        while (token := self.peek()) is not None and token[1] in "+-" and token[0] == "sym":
            self.take()
            node = Op(token[1], node, self.product())
        return node

    def product(self) -> Formula:
        node = self.unary()
        while (token := self.peek()) is not None and token[1] in "*/" and token[0] == "sym":
            self.take()
            node = Op(token[1], node, self.unary())
        return node

    def unary(self) -> Formula:
        token = self.peek()
        if token == ("sym", "-"):
            self.take()
            return Op("-", Num(Decimal(0)), self.unary())
        if token == ("sym", "+"):
            self.take()
            return self.unary()
        return self.atom()

    def atom(self) -> Formula:
        kind, text = self.take()
        if kind == "num":
            return Num(Decimal(text))
        if kind == "ref":
            ref = _ref(text)
            if ref is None:
                raise ValueError(text)
            return ref
        if kind == "sym" and text == "(":
            node = self.expression()
            self._expect(")")
            return node
        if kind == "func":
            return self.function(text.upper().removeprefix("_XLFN."))
        raise ValueError(text)

    def function(self, name: str) -> Formula:
        args = []
        if self.peek() != ("sym", ")"):
            args.append(self.expression())
            while (token := self.peek()) is not None and token[1] in ",;" and token[0] == "sym":
                self.take()
                args.append(self.expression())
        self._expect(")")
        if name in CALLS:
            if CALLS[name] is not None and len(args) != CALLS[name]:
                raise ValueError(name)
            return Call(name, tuple(args))
        subtotal = None
        if name == "SUBTOTAL" and args and args[0] in (Num(Decimal(9)), Num(Decimal(109))):
            subtotal = int(args[0].value)
            args = args[1:]
        elif name != "SUM":
            raise ValueError(name)
        if not args:
            raise ValueError(name)
        return Sum(tuple(args), subtotal)

    def _expect(self, symbol: str) -> None:
        if self.take() != ("sym", symbol):
            raise ValueError(symbol)


def parse(text: str) -> Formula | None:
    """The tree of a simple formula (with or without its leading `=`), or None."""
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    if not text or len(text) > MAX_LENGTH:
        return None
    tokens = _tokens(text)
    if not tokens or _nesting(tokens) > MAX_NESTING:
        return None
    parser = _Parser(tokens)
    try:
        node = parser.expression()
    except (ValueError, IndexError, InvalidOperation, RecursionError):
        return None
    if parser.at != len(tokens) or not _ranges_inside_sums(node, False):
        return None
    return node


def _nesting(tokens: list[tuple[str, str]]) -> int:
    """How deep parentheses and signs in a row nest (`((1))`: 2; `--1`: 2)."""
    deepest = depth = signs = 0
    previous = None
    for kind, text in tokens:
        if kind == "func" or text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        if (
            kind == "sym"
            and text in "+-"
            and (previous is None or previous[1] in "+-*/(,;" or previous[0] == "func")
        ):
            signs += 1  # a sign, not an operator
        else:
            signs = 0
        deepest = max(deepest, depth + signs)
        previous = (kind, text)
    return deepest


def chain(node: Op) -> tuple[Formula, list[tuple[str, Formula]]]:
    """A left-deep chain of operations (`a+b-c*d`: ((a + b) − c×d)) as its first operand
    and the operations applied to it in turn, [("+", b), ("-", c×d)]: walked in a loop,
    since a total `D19+D20+…` may chain a thousand terms."""
    steps = []
    here: Formula = node
    while isinstance(here, Op):
        steps.append((here.op, here.right))
        here = here.left
    steps.reverse()
    return here, steps


def _ranges_inside_sums(node: Formula, inside: bool) -> bool:
    """A range added outside a SUM (`=A1:A5+1`) is an array formula: not simple."""
    if isinstance(node, Ref):
        return node.is_cell or inside
    if isinstance(node, Sum):
        return all(_ranges_inside_sums(a, True) for a in node.args)
    if isinstance(node, Call):
        return all(_ranges_inside_sums(a, CALLS[node.name] is None) for a in node.args)
    if isinstance(node, Op):
        first, steps = chain(node)
        return _ranges_inside_sums(first, False) and all(_ranges_inside_sums(r, False) for _, r in steps)
    return True


def additive_terms(node: Formula) -> list[Term] | None:
    """What a formula adds and takes away, flattened through `+`, `-`, parentheses and
    SUM: `SUM(F7:F18)+150` is [+F7:F18, +150]. None when it multiplies or divides."""
    terms: list[Term] = []

    def walk(n: Formula, sign: int) -> bool:
        if isinstance(n, (Num, Ref)):
            terms.append(Term(sign, n))
            return True
        if isinstance(n, Sum):
            return all(walk(a, sign) for a in n.args)
        if isinstance(n, Call):
            return False
        first, steps = chain(n)
        if any(op not in "+-" for op, _ in steps):
            return False
        unary_minus = first == Num(Decimal(0)) and steps[0][0] == "-"
        if not unary_minus and not walk(first, sign):
            return False
        return all(walk(right, sign if op == "+" else -sign) for op, right in steps)

    return terms if walk(node, 1) else None
