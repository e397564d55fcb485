"""Architecture: the sub-packages of `pointage` form a one-way data flow.

    file -> reading -> tables -> analysis -> rules -> findings (report) -> outputs

Every `.py` file of both source roots (`validators/` holds `pointage`,
`addin/` holds `pointage.addin`, see `[tool.setuptools]` in pyproject.toml) is
parsed with `ast`; every `import x` / `from x import y` -- at module level, nested
in a function, under `try:` or `if TYPE_CHECKING:` -- is resolved to the pointage
sub-package it reaches (the second dotted component: `pointage.rules.registry`
-> `rules`) and checked against the table below. Nothing is imported: the check
only reads the sources.

To add a sub-package: create its folder, add it to `packages` in pyproject.toml
and give it a line in ALLOWED_IMPORTS (the tests below fail until both are done).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# --------------------------------------------------------------------------
# The table.
# --------------------------------------------------------------------------

ROOT_PACKAGE = "pointage"  # `pointage/__init__.py`: only `__version__`.

# Which pointage sub-packages each sub-package may import. A sub-package may
# always import itself, and anybody may import the root package `pointage`.
# `cli` and `__main__` are the top-level modules `pointage/cli.py` and
# `pointage/__main__.py`.
_EVERYTHING = frozenset(
    {
        "base",
        "reading",
        "tables",
        "analysis",
        "report",
        "rules",
        "engine",
        "outputs",
        "commands",
        "cli",
        "__main__",
        "addin",
        "calc",
    }
)
ALLOWED_IMPORTS: dict[str, frozenset[str]] = {
    # The root is imported by everybody, so it must import nobody (else every
    # layer would depend, through it, on whatever it imports).
    ROOT_PACKAGE: frozenset(),
    "base": frozenset(),
    "reading": frozenset({"base"}),
    "tables": frozenset({"base", "reading"}),
    "analysis": frozenset({"base", "reading", "tables"}),
    "report": frozenset({"base"}),
    "rules": frozenset({"base", "tables", "analysis", "report"}),
    "engine": frozenset({"base", "reading", "tables", "analysis", "report", "rules"}),
    "outputs": frozenset({"base", "reading", "tables", "analysis", "report"}),
    # Entry points.
    "commands": _EVERYTHING,
    "cli": _EVERYTHING,
    "__main__": _EVERYTHING,
    # The Excel adapter: anything but the command-line entry points.
    "addin": _EVERYTHING - {"commands", "cli", "__main__"},
    # The LibreOffice Calc extension: what Pointage answers it, and its build. Its
    # component (`calc/oxt/`) runs in LibreOffice's Python and imports UNO only.
    "calc": _EVERYTHING - {"commands", "cli", "__main__"},
}

# Third-party libraries a sub-package must never import (top-level name).
# Reading uses python_calamine; only `outputs` writes, with openpyxl / python-docx;
# only `addin` drives Excel, with xlwings. No layer a check runs through imports the
# data-frame libraries (half a second of import for a check, docs/decisions.md);
# tests/test_identites_budget.py also checks that none is loaded by a check.
_EXCEL_DRIVERS = frozenset({"xlwings", "openpyxl"})
_DATA_FRAMES = frozenset({"pandas", "pandera", "numpy"})
FORBIDDEN_LIBRARIES: dict[str, frozenset[str]] = {
    "base": _EXCEL_DRIVERS | _DATA_FRAMES,
    "reading": _EXCEL_DRIVERS | _DATA_FRAMES,
    "tables": _EXCEL_DRIVERS | _DATA_FRAMES,
    "analysis": _EXCEL_DRIVERS | _DATA_FRAMES,
    "report": _EXCEL_DRIVERS | _DATA_FRAMES,
    "rules": _EXCEL_DRIVERS | _DATA_FRAMES | {"python_calamine", "docx"},
    "engine": _DATA_FRAMES,
    "outputs": frozenset({"xlwings"}),
    "calc": _EXCEL_DRIVERS | _DATA_FRAMES,
}

# Imports under `if TYPE_CHECKING:` never run: they create no import cycle and
# load nothing at run time, and annotations naming a type of a later layer (e.g.
# a callback typed with the engine's context) are legitimate. So they are EXEMPT
# from the direction rule (ALLOWED_IMPORTS) -- but NOT from FORBIDDEN_LIBRARIES:
# a rule module has no business even naming an openpyxl type.
TYPE_CHECKING_EXEMPT_FROM_DIRECTION = True

# --------------------------------------------------------------------------
# Where the sources are.
# --------------------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_ROOTS = (PROJECT / "validators", PROJECT / "addin")


def _skipped(path: Path, root: Path) -> bool:
    return any(p.startswith(".") or p == "__pycache__" for p in path.relative_to(root).parts)


def module_name(path: Path, root: Path) -> str:
    """`validators/pointage/rules/registry.py` -> `pointage.rules.registry`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> Iterator[tuple[str, str, bool, str]]:
    """(shown path, module name, is a package `__init__`, source) of every .py file."""
    for root in SOURCE_ROOTS:
        for path in sorted(root.rglob("*.py")):
            if _skipped(path, root):
                continue
            yield (
                path.relative_to(PROJECT).as_posix(),
                module_name(path, root),
                path.name == "__init__.py",
                path.read_text(encoding="utf-8"),
            )


# --------------------------------------------------------------------------
# The checker.
# --------------------------------------------------------------------------


def subpackage_of(module: str) -> str | None:
    """`pointage.rules.registry` -> `rules`; `pointage` -> the root; other -> None."""
    parts = module.split(".")
    if parts[0] != ROOT_PACKAGE:
        return None
    if len(parts) == 1 or parts[1] == "__init__":
        return ROOT_PACKAGE
    return parts[1]


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # absolute dotted name
    type_checking_only: bool


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve_relative(module: str | None, level: int, here: str, is_package: bool) -> str:
    """`from ..x import y` in `pointage.a.b` -> `pointage.x`."""
    package = here.split(".") if is_package else here.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join(base + ([module] if module else []))


def imports_of(source: str, here: str, is_package: bool, filename: str) -> Iterator[Import]:
    """Every import of a module, wherever it is in the file."""
    tree = ast.parse(source, filename=filename)

    def visit(node: ast.AST, type_only: bool) -> Iterator[Import]:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from visit(child, True)
            for child in node.orelse:
                yield from visit(child, type_only)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name, type_only)
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(node.module, node.level, here, is_package)
                if node.level
                else node.module or ""
            )
            if base == ROOT_PACKAGE:
                # `from pointage import rules` imports the sub-package `rules`;
                # `from pointage import __version__` imports the root.
                for alias in node.names:
                    name = alias.name
                    yield Import(
                        node.lineno,
                        f"{base}.{name}" if name in ALLOWED_IMPORTS else base,
                        type_only,
                    )
            else:
                yield Import(node.lineno, base, type_only)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            # importlib.import_module("pointage.x") / __import__("x") with a literal.
            yield Import(node.lineno, node.args[0].value, type_only)
        for child in ast.iter_child_nodes(node):
            yield from visit(child, type_only)

    yield from visit(tree, False)


def find_violations(files: Iterable[tuple[str, str, bool, str]]) -> list[str]:
    """Every breach of ALLOWED_IMPORTS / FORBIDDEN_LIBRARIES, as `file:line imports module (why)`.

    `files` yields (shown path, module name, is a package `__init__`, source).
    """
    violations: list[str] = []
    for shown, here, is_package, source in files:
        layer = subpackage_of(here)
        if layer not in ALLOWED_IMPORTS:
            violations.append(
                f"{shown}: module {here} is in sub-package {layer!r}, absent from ALLOWED_IMPORTS"
            )
            continue
        for imp in imports_of(source, here, is_package, shown):
            target = subpackage_of(imp.module)
            where = f"{shown}:{imp.line} imports {imp.module}"
            if target is None:
                library = imp.module.split(".")[0]
                if library in FORBIDDEN_LIBRARIES.get(layer, ()):
                    violations.append(f"{where}  ({layer} must never import {library})")
                continue
            if target in (layer, ROOT_PACKAGE):
                continue
            if imp.type_checking_only and TYPE_CHECKING_EXEMPT_FROM_DIRECTION:
                continue
            if target not in ALLOWED_IMPORTS:
                violations.append(f"{where}  (unknown sub-package {target!r})")
            elif target not in ALLOWED_IMPORTS[layer]:
                allowed = ", ".join(sorted(ALLOWED_IMPORTS[layer]))
                why = f"may import only: {allowed}" if allowed else "may import no other pointage sub-package"
                violations.append(f"{where}  ({layer} {why})")
    return violations


# --------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------


def test_sources_are_found():
    modules = {here for _, here, _, _ in source_files()}
    assert {"pointage", "pointage.rules.registry", "pointage.addin"} <= modules


def test_imports_follow_the_data_flow():
    violations = find_violations(source_files())
    assert not violations, (
        f"{len(violations)} import(s) break the one-way data flow "
        "(see ALLOWED_IMPORTS / FORBIDDEN_LIBRARIES in tests/test_architecture.py):\n  "
        + "\n  ".join(violations)
    )


def _load_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        tomllib = pytest.importorskip("tomli", reason="Python 3.10 without tomli: cannot read pyproject.toml")
    with path.open("rb") as f:
        return tomllib.load(f)


def test_pyproject_lists_every_package():
    listed = _load_toml(PROJECT / "pyproject.toml")["tool"]["setuptools"]["packages"]
    folders: dict[str, list[str]] = {}
    for root in SOURCE_ROOTS:
        for init in sorted(root.rglob("__init__.py")):
            if not _skipped(init, root):
                folders.setdefault(module_name(init, root), []).append(
                    init.parent.relative_to(PROJECT).as_posix()
                )
    twice = {name: where for name, where in folders.items() if len(where) > 1}
    assert not twice, f"one package name from several folders: {twice}"
    assert len(listed) == len(set(listed)), f"duplicates in pyproject packages: {listed}"
    missing = sorted(set(folders) - set(listed))
    stale = sorted(set(listed) - set(folders))
    assert not missing and not stale, (
        "[tool.setuptools] packages in pyproject.toml does not match the folders: "
        f"missing from the list (would be left out of the wheel): {missing}; "
        f"listed without a folder holding __init__.py: {stale}"
    )


@pytest.mark.parametrize("root", SOURCE_ROOTS, ids=lambda r: r.name)
def test_source_root_is_not_a_package(root: Path):
    # `validators` would shadow the PyPI package of that name; `addin` likewise
    # must stay a plain source root.
    assert not (root / "__init__.py").exists(), (
        f"{root.relative_to(PROJECT)}/__init__.py must not exist: "
        f"'{root.name}' is a source root, never a package"
    )


# --------------------------------------------------------------------------
# Self-test: the checker can fail.
# --------------------------------------------------------------------------

_FAKE_RULE = """\
from typing import TYPE_CHECKING

import pandas
from pointage import __version__
from pointage.outputs.marks import CellMark
from pointage.base.text import key
from pointage.rules.registry import rule

if TYPE_CHECKING:
    from pointage.engine.check import Rule
    import xlwings


def check():
    import openpyxl
    from .. import reading
    from ..engine import batch
"""


def test_checker_reports_every_violation():
    violations = find_violations(
        [
            ("fake/rules/bad.py", "pointage.rules.bad", False, _FAKE_RULE),
            (
                "fake/base/__init__.py",
                "pointage.base",
                True,
                "from . import text\nfrom ..tables import table\n",
            ),
            ("fake/mystery/x.py", "pointage.mystery.x", False, "import os\n"),
        ]
    )
    assert violations == [
        "fake/rules/bad.py:3 imports pandas  (rules must never import pandas)",
        "fake/rules/bad.py:5 imports pointage.outputs.marks  (rules may import only: analysis, base, report, tables)",
        "fake/rules/bad.py:11 imports xlwings  (rules must never import xlwings)",
        "fake/rules/bad.py:15 imports openpyxl  (rules must never import openpyxl)",
        "fake/rules/bad.py:16 imports pointage.reading  (rules may import only: analysis, base, report, tables)",
        "fake/rules/bad.py:17 imports pointage.engine  (rules may import only: analysis, base, report, tables)",
        "fake/base/__init__.py:2 imports pointage.tables  (base may import no other pointage sub-package)",
        "fake/mystery/x.py: module pointage.mystery.x is in sub-package 'mystery', absent from ALLOWED_IMPORTS",
    ]


def test_the_source_roots_alone_import_the_addin_package():
    """The import path is the folder path: with only the two source roots on the path
    (no installation, no site-packages), `pointage.addin` is found under `addin/`."""
    import subprocess

    code = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "import pointage.addin.ribbon, pointage.base.text\n"
        "print(pointage.addin.ribbon.__file__); print(pointage.base.text.__file__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code, str(PROJECT / "validators"), str(PROJECT / "addin")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines() == [
        str(PROJECT / "addin" / "pointage" / "addin" / "ribbon.py"),
        str(PROJECT / "validators" / "pointage" / "base" / "text.py"),
    ]
