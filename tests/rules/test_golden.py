"""Golden tests, one folder per rule (ruff-style).

`tests/rules/<CODE>/ko.py` and `ok.py` describe a workbook (`CLASSEUR`, a dict of
sheets in the `classeurs` syntax); `expected.json` lists the exact findings of the
rule on `ko`, with the délibération's Word text `DELIBERATION` when the case has one
(`tests/deliberations.py`; a finding in it then says its `paragraph` too), in order, each with all it says: code, severity, sheet, cell, cells (the
involved cells), message (the exact French text), expected, found. `ok` must give
none. More cases of one rule use a suffix: `ko_total.py` goes with
`expected_total.json`, and every `ok*.py` must give no finding of the rule.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from classeurs import construire
from deliberations import construire_deliberation
from pointage.engine.check import check_path, select_rules
from pointage.reading.deliberation import read_deliberation
from pointage.rules.registry import all_rules, get_rule

HERE = Path(__file__).parent
CODES = sorted(p.name for p in HERE.iterdir() if p.is_dir() and (p / "ko.py").exists())
KO_CASES = [(code, p.stem) for code in CODES for p in sorted((HERE / code).glob("ko*.py"))]
OK_CASES = [(code, p.stem) for code in CODES for p in sorted((HERE / code).glob("ok*.py"))]


def _case(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"golden_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _findings(code: str, variant: str, tmp_path: Path):
    case = _case(HERE / code / f"{variant}.py")
    workbook = construire(tmp_path / f"{code}-{variant}.xlsx", case.CLASSEUR)
    document = None
    if hasattr(case, "DELIBERATION"):
        docx = construire_deliberation(tmp_path / f"{code}-{variant}.docx", case.DELIBERATION)
        document = read_deliberation(docx)
    # A rule that reads the others' findings (D002) runs with all of them.
    after_others = get_rule(code).after_others
    report = check_path(workbook, select_rules([] if after_others else [code]), document=document)
    assert not report.unreadable, report.findings
    return [f for f in report.findings if f.code == code] if after_others else report.findings


GOLDEN_KEYS = ["code", "severity", "sheet", "cell", "cells", "message", "expected", "found"]


def as_golden(finding) -> dict:
    """A finding as in `expected*.json`: every field it reports, in this order."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "sheet": finding.sheet,
        "cell": finding.cell,
        "cells": list(finding.cells),
        "message": finding.message,
        "expected": finding.expected,
        "found": finding.found,
        **({"paragraph": finding.paragraph} if finding.document else {}),
    }


def test_every_checked_rule_has_golden_files():
    checked = {r.code for r in all_rules() if r.check is not None}
    assert checked == set(CODES)


@pytest.mark.parametrize(("code", "variant"), KO_CASES)
def test_ko(code, variant, tmp_path):
    suffix = variant[len("ko") :]
    expected = json.loads((HERE / code / f"expected{suffix}.json").read_text(encoding="utf-8"))
    found = [as_golden(f) for f in _findings(code, variant, tmp_path)]
    assert found == expected
    assert all(list(e) in (GOLDEN_KEYS, [*GOLDEN_KEYS, "paragraph"]) for e in expected), (
        f"keys in the order {GOLDEN_KEYS}"
    )
    assert expected, "a ko workbook must produce at least one finding"


@pytest.mark.parametrize(("code", "variant"), OK_CASES)
def test_ok(code, variant, tmp_path):
    assert [f for f in _findings(code, variant, tmp_path) if f.code == code] == []
