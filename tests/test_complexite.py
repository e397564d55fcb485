"""No function of the package over cyclomatic complexity 20 nor over 80 lines (issue 31):
past that, a heuristic hides its state and a newcomer cannot change it safely. Radon
measures the complexity as `radon cc` prints it; the length is the function's own
lines, its docstring and comments included."""

from __future__ import annotations

import ast
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*(ROOT / "validators" / "pointage").rglob("*.py"), *(ROOT / "addin" / "pointage").rglob("*.py")]
)
MAX_COMPLEXITY = 20
MAX_LINES = 80


def _functions(blocks: list[Function | Class]) -> list[Function]:
    """Functions and methods, nested ones included: a class's own figure sums its
    methods and says nothing of one of them."""
    found = []
    for block in blocks:
        inner = block.methods if isinstance(block, Class) else [block, *block.closures]
        for function in inner:
            found.append(function)
            if function is not block:
                found.extend(_functions(list(function.closures)))
    return found


def test_the_sources_are_found():
    assert len(SOURCES) > 100


def test_no_function_over_the_complexity_limit():
    over = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} ({block.complexity})"
        for path in SOURCES
        for block in _functions(cc_visit(path.read_text(encoding="utf-8")))
        if block.complexity > MAX_COMPLEXITY
    ]
    assert over == []


def test_no_function_over_the_length_limit():
    over = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lignes)"
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_LINES
    ]
    assert over == []
