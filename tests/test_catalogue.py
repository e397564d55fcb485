from pathlib import Path

from pointage.commands.catalogue import expected_files, golden_examples
from pointage.rules.registry import all_rules

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
CASES = ROOT / "tests" / "rules"


def test_catalogue_is_up_to_date():
    stale = [
        str(path.relative_to(DOCS))
        for path, text in expected_files(DOCS, golden_examples(CASES)).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"régénérer avec `python -m pointage.commands.catalogue docs tests/rules` : {stale}"


def test_every_checked_rule_page_shows_its_verified_example():
    examples = golden_examples(CASES)
    for r in all_rules():
        if r.check is None:
            continue
        page = (DOCS / "regles" / f"{r.code}.md").read_text(encoding="utf-8")
        assert "## Exemple vérifié" in page, r.code
        for address, message in examples[r.code].findings:
            line = f"- `{address}` — {message}" if address else f"- {message}"  # a workbook's finding
            assert line in page, (r.code, address)


def test_no_orphan_rule_page():
    pages = {p.stem for p in (DOCS / "regles").glob("*.md")}
    assert pages == {r.code for r in all_rules()}


def test_every_rule_is_documented_in_french():
    for r in all_rules():
        assert r.summary and r.message and r.example, r.code
        assert r.code[0] in "TMBFEXAPIDS" and len(r.code) == 4
