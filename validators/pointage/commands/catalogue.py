"""The rule catalogue, generated from the registered rules (docs/regles.md) and, for
each rule, from its golden ko case: the workbook of `tests/rules/<CODE>/ko.py` and
the findings `expected.json` pins (which the golden tests check Pointage produces),
as pylint documents each message with the example it runs.

`python -m pointage.commands.catalogue docs tests/rules` rewrites the files; a test
fails when they are stale.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pointage.base.addresses import location
from pointage.report.findings import Severity
from pointage.rules.registry import FAMILIES, Rule, all_rules

HEADER = (
    "<!-- Généré par `python -m pointage.commands.catalogue docs tests/rules` à partir du code "
    "des règles et de leurs cas de test : ne pas modifier à la main. -->\n"
)


@dataclass(frozen=True)
class Example:
    """A rule's ko case: the sheets of its workbook and what Pointage says of them."""

    case: str  # `tests/rules/M001/ko.py`
    sheets: tuple[tuple[str, str], ...]  # (sheet name, its pipe table)
    findings: tuple[tuple[str, str], ...]  # (`'Annexe 1'!C3`, message)
    # The délibération's Word text checked with it (`DELIBERATION`), one line a block.
    document: tuple[str, ...] = ()


def golden_examples(folder: Path) -> dict[str, Example]:
    """The `ko.py` case of every rule folder under `folder` (tests/rules), with the
    findings of its `expected.json`."""
    examples = {}
    # The cases build their sheets with the tests' helpers (tests/classeurs.py).
    sys.path.insert(0, str(folder.parent))
    try:
        for case in sorted(folder.glob("*/ko.py")):
            code = case.parent.name
            expected = json.loads((case.parent / "expected.json").read_text(encoding="utf-8"))
            examples[code] = Example(
                case=f"{folder.parent.name}/{folder.name}/{code}/ko.py",
                sheets=tuple((name, _sheet_text(sheet)) for name, sheet in _classeur(case).items()),
                findings=tuple(
                    (location(f["sheet"], f["cell"]) or f.get("paragraph", ""), f["message"])
                    for f in expected
                ),
                document=tuple(_document_lines(case)),
            )
    finally:
        sys.path.remove(str(folder.parent))
    return examples


def _classeur(case: Path) -> dict:
    spec = importlib.util.spec_from_file_location(f"exemple_{case.parent.name}", case)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.CLASSEUR


def _document_lines(case: Path) -> list[str]:
    """The case's Word text: a paragraph a line, a table's rows as `a | b`."""
    spec = importlib.util.spec_from_file_location(f"document_{case.parent.name}", case)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    lines: list[str] = []
    for block in getattr(module, "DELIBERATION", []):
        lines.extend([block] if isinstance(block, str) else [" | ".join(row) for row in block])
    return lines


def _sheet_text(sheet: object) -> str:
    text = sheet if isinstance(sheet, str) else sheet.texte  # a `Feuille` of the tests
    return textwrap.dedent(text).strip("\n")


def rule_page(r: Rule, example: Example | None = None) -> str:
    page = (
        f"{HEADER}\n# {r.code} — {r.severity.value}\n\n"
        f"Famille : {FAMILIES[r.family]}.\n\n"
        f"## Ce que la règle vérifie\n\n{r.summary}\n\n"
        f"## Message\n\n`{r.message}`\n\n"
    )
    if example is not None:
        page += f"## Exemple vérifié\n\nLe cas de test `{example.case}`, vérifié à chaque exécution des tests :\n\n"
        for name, text in example.sheets:
            page += f"Feuille « {name} » :\n\n```text\n{text}\n```\n\n"
        if example.document:
            page += (
                "Texte de la délibération (document Word) :\n\n```text\n"
                + "\n".join(example.document)
                + "\n```\n\n"
            )
        page += "Pointage signale :\n\n"
        page += "".join(
            f"- `{address}` — {message}\n" if address else f"- {message}\n"
            for address, message in example.findings
        )
        page += "\n## Dans les délibérations publiées\n\n"
    else:
        page += "## Exemple\n\n"
    return page + f"{r.example}\n"


def catalogue() -> str:
    lines = [
        HEADER,
        "# Catalogue des règles de Pointage\n",
        "Sévérités : "
        + ", ".join(f"**{s.value}** ({s.meaning})" for s in Severity)
        + ". Chaque code a sa page dans `docs/regles/`, avec un exemple vérifié par les tests.\n",
    ]
    rules = all_rules()
    for family, title in FAMILIES.items():
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        lines.append(f"## {family} — {title}\n")
        lines.append("| code | sévérité | règle | exemple |")
        lines.append("|---|---|---|---|")
        for r in members:
            summary = r.summary.replace("|", "\\|")
            example = r.example.replace("|", "\\|")
            lines.append(f"| [{r.code}](regles/{r.code}.md) | {r.severity.value} | {summary} | {example} |")
        lines.append("")
    return "\n".join(lines)


def expected_files(docs: Path, examples: dict[str, Example]) -> dict[Path, str]:
    files = {docs / "regles.md": catalogue()}
    for r in all_rules():
        files[docs / "regles" / f"{r.code}.md"] = rule_page(r, examples.get(r.code))
    return files


def write(docs: Path, cases: Path) -> None:
    (docs / "regles").mkdir(parents=True, exist_ok=True)
    for path, text in expected_files(docs, golden_examples(cases)).items():
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -m pointage.commands.catalogue [DOCS] [CAS]`: its own French parser, so
    that `--aide` prints the help and a mistyped folder is refused, never created."""
    from pointage.cli import FrenchParser

    parser = FrenchParser(
        prog="python -m pointage.commands.catalogue",
        description="Réécrit le catalogue des règles (DOCS/regles.md et une page par règle dans "
        "DOCS/regles/) à partir du code des règles et de leurs cas de test.",
        add_help=False,
    )
    parser.add_argument("-h", "--aide", "--help", action="help", help="afficher cette aide")
    parser.add_argument(
        "docs",
        nargs="?",
        default="docs",
        metavar="DOCS",
        help="dossier de la documentation (docs par défaut)",
    )
    parser.add_argument(
        "cas",
        nargs="?",
        default="tests/rules",
        metavar="CAS",
        help="dossier des cas de test des règles (tests/rules par défaut)",
    )
    args = parser.parse_args(argv)
    docs, cases = Path(args.docs), Path(args.cas)
    for folder, what in ((docs, "de la documentation"), (cases, "des cas de test")):
        if not folder.is_dir():
            parser.error(f"le dossier {what} « {folder} » n'existe pas")
    write(docs, cases)
    print(f"Catalogue écrit : {docs / 'regles.md'} et {len(all_rules())} pages dans {docs / 'regles'}.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
