"""The rule catalogue, generated from the registered rules (docs/regles.md).

`python -m pointage.rules.catalogue docs` rewrites the files; a test fails when they are
stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pointage.rules.registry import FAMILIES, Rule, all_rules

HEADER = (
    "<!-- Généré par `python -m pointage.rules.catalogue docs` à partir du code des règles : "
    "ne pas modifier à la main. -->\n"
)
_SEVERITY = {"erreur": "erreur", "avertissement": "avertissement", "info": "info"}


def rule_page(r: Rule) -> str:
    return (
        f"{HEADER}\n# {r.code} — {_SEVERITY[r.severity.value]}\n\n"
        f"Famille : {FAMILIES[r.family]}.\n\n"
        f"## Ce que la règle vérifie\n\n{r.summary}\n\n"
        f"## Message\n\n`{r.message}`\n\n"
        f"## Exemple\n\n{r.example}\n"
    )


def catalogue() -> str:
    lines = [
        HEADER,
        "# Catalogue des règles de Pointage\n",
        "Sévérités : **erreur** (le tableau ne doit pas partir en commission tel quel ; code "
        "de sortie 1), **avertissement** (un humain doit regarder), **info** (une "
        "normalisation qui n'a rien changé). Chaque code a sa page dans `docs/regles/`.\n",
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


def expected_files(docs: Path) -> dict[Path, str]:
    files = {docs / "regles.md": catalogue()}
    for r in all_rules():
        files[docs / "regles" / f"{r.code}.md"] = rule_page(r)
    return files


def write(docs: Path) -> None:
    (docs / "regles").mkdir(parents=True, exist_ok=True)
    for path, text in expected_files(docs).items():
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
