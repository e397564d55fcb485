"""Every `Rule.finding(...)` call gives exactly the fields its rule's message names.

`finding` fills the French template with `str.format(**fields)`: a field the template
names and the call forgets raises only when that finding is made (maybe on one
workbook in a thousand), and a field given and not named is silently lost. Read
statically, every call site of the code is checked, made or not by the tests."""

from __future__ import annotations

import ast
import inspect
import string
from pathlib import Path

import pointage
from pointage.rules.registry import Rule, all_rules

PACKAGE = Path(pointage.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
# `finding`'s own parameters, read from its signature: never fields of the message.
PARAMETERS = {
    name
    for name, p in inspect.signature(Rule.finding).parameters.items()
    if p.kind is not inspect.Parameter.VAR_KEYWORD
} - {"self"}
MESSAGES = {r.code: r.message for r in all_rules()}


def template_fields(message: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(message)
        if name is not None
    }


def _rule_names(tree: ast.Module) -> dict[str, str]:
    """`B001 = rule("B001", ...)`: the module's names of rules, and their codes."""
    names = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "rule"
            and isinstance(node.value.args[0], ast.Constant)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node.value.args[0].value
    return names


def _imported_rules(tree: ast.Module) -> dict[str, str]:
    """Rules imported by name from a rule module (`from pointage.rules.totals import T001`)."""
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in MESSAGES
    }


def _rules_named(node: ast.AST, names: dict[str, str]) -> set[str]:
    return {names[n.id] for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in names}


class _Module:
    """A module's functions, its names of rules, and who calls whom."""

    def __init__(self, tree: ast.Module) -> None:
        self.names = {**_imported_rules(tree), **_rule_names(tree)}
        self.functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)]
        # function name -> (calling function, call)
        self.callers: dict[str, list[tuple[ast.FunctionDef, ast.Call]]] = {}
        for caller in self.functions:
            for call in ast.walk(caller):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
                    self.callers.setdefault(call.func.id, []).append((caller, call))

    def passed_rules(self, function: ast.FunctionDef, seen: frozenset[str] = frozenset()) -> set[str]:
        """The rules a function that takes a rule (`rule_`) may be given: those named in
        the calls to it, else those the calling function names (`rule_ = I001 if named
        else I002`), else, up the calls, its own callers'."""
        found: set[str] = set()
        for caller, call in self.callers.get(function.name, []):
            named = set().union(*(_rules_named(a, self.names) for a in [*call.args, *call.keywords]))
            if not named and caller.name not in seen:
                named = _rules_named(caller, self.names) or self.passed_rules(caller, seen | {function.name})
            found |= named
        return found


def finding_calls() -> list[tuple[str, int, set[str], set[str]]]:
    """(file, line, the rules a call may make, the fields it gives them): a call whose
    fields come through `**fields` is read once per call of its function, with the
    fields that call adds."""
    calls = []
    for path in SOURCES:
        module = _Module(ast.parse(path.read_text(encoding="utf-8")))
        where = str(path.relative_to(PACKAGE))
        for function in module.functions:
            for call in ast.walk(function):
                if not (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "finding"
                ):
                    continue
                made = call.func.value
                own = {k.arg for k in call.keywords if k.arg is not None} - PARAMETERS
                splat = [k.value for k in call.keywords if k.arg is None]
                if isinstance(made, ast.Name) and made.id in module.names:
                    rules = {module.names[made.id]}
                elif (
                    isinstance(made, ast.Call)
                    and isinstance(made.func, ast.Name)
                    and made.func.id == "get_rule"
                    and isinstance(made.args[0], ast.Constant)
                ):
                    rules = {made.args[0].value}
                else:
                    rules = set()
                if not splat:
                    calls.append((where, call.lineno, rules or module.passed_rules(function), own))
                    continue
                # `**fields`, the function's own: each call of it adds its keywords.
                kwargs = function.args.kwarg
                assert kwargs is not None and [ast.unparse(v) for v in splat] == [kwargs.arg], (
                    where,
                    call.lineno,
                )
                bound = {a.arg for a in function.args.args + function.args.kwonlyargs}
                for _, outer in module.callers.get(function.name, []):
                    added = {k.arg for k in outer.keywords if k.arg not in bound}
                    given = rules or _rules_named(outer, module.names)
                    calls.append((where, outer.lineno, given, own | added))
    return calls


CALLS = finding_calls()


def test_the_call_sites_are_found_and_each_knows_its_rules():
    assert len(CALLS) >= 40
    assert [(file, line) for file, line, rules, _ in CALLS if not rules] == []


def test_every_call_gives_the_fields_of_its_message():
    wrong = [
        (file, line, code, sorted(fields), sorted(template_fields(MESSAGES[code])))
        for file, line, rules, fields in CALLS
        for code in sorted(rules)
        if fields != template_fields(MESSAGES[code])
    ]
    assert wrong == []


def test_every_rule_with_a_message_is_made_somewhere():
    made = {code for _, _, rules, _ in CALLS for code in rules}
    assert sorted(set(MESSAGES) - made) == []


def test_a_forgotten_or_extra_field_is_seen():
    # The test's own reading, on a call written here: one field missing, one too many.
    tree = ast.parse('T001.finding("S", "A1", cells=[], label="x", found_text="y")')
    call = tree.body[0].value
    fields = {k.arg for k in call.keywords} - PARAMETERS
    assert fields == {"label", "found_text"}
    assert fields != template_fields(MESSAGES["T001"])
