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
    "Precedent",
    "Ref",
    "Sum",
    "Term",
    "additive_terms",
    "chain",
    "may_reach_forward",
    "moved",
    "parse",
    "precedents",
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


class _Compiled:
    """A regular expression compiled when first used: those of this module take a
    fiftieth of a second to compile (their Unicode classes), and most checks read no
    formula's text."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # match, search, sub, findall: the compiled one's
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


_TOKEN = _Compiled(
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
_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)?")


# A cell reference in a formula's text, outside quotes: not a function's name (`LOG10(`),
# not a sheet's name (`Feuil2!`), not inside a longer word.
_TEXT_REF = _Compiled(r"(?<![A-Za-z0-9_.\u00c0-\uffff])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!.])")
_QUOTED = re.compile(r"('(?:[^']|'')*'|\"[^\"]*\")")
# A whole-column range (`C:C`, `$A:B`): it moves right with its cell too.
_TEXT_COLUMNS = _Compiled(
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


def may_reach_forward(text: str, row: int, col: int) -> bool:
    """Whether a formula written in (`row`, `col`) may name its own cell or one after it
    in reading order (row, then column) on its sheet: exact for cells, at least as far
    for ranges, True whenever the text alone cannot tell (another sheet, whole columns).
    One regular expression over the text, no tokens: a chain of formulas that only ever
    point back never comes round, so only these can close a circular reference."""
    if "!" in text:
        return True
    if ":" in text:
        if _TEXT_COLUMNS.search(text):
            return True
        found = _TEXT_REF.findall(text)
        if not found:
            return False
        # A range reaches its bottom right corner, whichever way its ends are written.
        last = max(int(number) for *_, number in found) - 1
        return last > row or (last == row and max(_column(letters) for _, letters, _, _ in found) >= col)
    for _, letters, _, number in _TEXT_REF.findall(text):
        reached = int(number) - 1
        if reached > row or (reached == row and _column(letters) >= col):
            return True
    return False


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """`column_index`, remembered: a sheet's formulas name the same few columns."""
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS[letters] = column_index(letters)
    return col


def _ref(text: str) -> Ref | None:
    anchored = _anchored(text)
    return anchored.ref if anchored is not None else None


def _anchored(text: str) -> Precedent | None:
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
        col_fixed, letters, row_fixed, number = m.groups()
        col = column_index(letters)
        row = int(number) - 1 if number else None
        if col > LAST_COL or (row is not None and not 0 <= row <= LAST_ROW):
            return None
        # A whole column's rows never move.
        ends.append((row, col, bool(row_fixed) or row is None, bool(col_fixed)))
    (r1, c1, r1_fixed, c1_fixed), (r2, c2, r2_fixed, c2_fixed) = ends[0], ends[-1]
    if r1 is None or r2 is None:
        if r1 is not None or r2 is not None:
            return None  # `A:B5`: a whole column with a cell
        r1, r2 = 0, LAST_ROW
    return Precedent(
        Ref(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)),
        (r1, c1, r2, c2),
        (r1_fixed, c1_fixed, r2_fixed, c2_fixed),
    )


@dataclass(frozen=True, slots=True)
class Precedent:
    """A reference of a formula as written: its range, its two ends in the order of
    the text and which of their rows and columns are fixed by `$`, so that it moves
    as Excel moves it in the cells that share the formula."""

    ref: Ref
    ends: tuple[int, int, int, int]  # first row, first col, last row, last col, as written
    fixed: tuple[bool, bool, bool, bool]

    def moved(self, rows: int, cols: int) -> Ref | None:
        """The range in a cell `rows` down and `cols` right (None: off the sheet, `#REF!`)."""
        if not rows and not cols:
            return self.ref
        r1, c1, r2, c2 = (
            end if fixed else end + step
            for end, fixed, step in zip(self.ends, self.fixed, (rows, cols, rows, cols))
        )
        if min(r1, r2, c1, c2) < 0 or max(r1, r2) > LAST_ROW or max(c1, c2) > LAST_COL:
            return None
        return Ref(self.ref.sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


# The functions `parse` reads, all of which read the values of their ranges.
_VALUE_FUNCTIONS = frozenset({"SUM", "SUBTOTAL", *CALLS})


def precedents(text: str) -> list[Precedent] | None:
    """The references of a formula made of the functions `parse` reads (SUM, SUBTOTAL,
    ROUND, ABS, MIN, MAX) and operators, as written; None for any other formula, and
    for one another function may hold (`ROW(A1)` reads no value). Only the tokens are
    read, not the tree: a workbook's every formula may be asked for."""
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    if len(text) > MAX_LENGTH:
        return None
    tokens = _tokens(text)
    if tokens is None:
        return None
    found = []
    for kind, token in tokens:
        if kind == "func" and token.upper().removeprefix("_XLFN.") not in _VALUE_FUNCTIONS:
            return None
        if kind == "ref":
            anchored = _anchored(token)
            if anchored is None:
                return None
            found.append(anchored)
    return found


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
