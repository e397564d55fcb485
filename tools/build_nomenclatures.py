"""Build the nomenclature resource the N rules read, from the DGFiP's plans de comptes.

    python tools/build_nomenclatures.py [SOURCE] [RESOURCE]

SOURCE defaults to `../shared/nomenclatures` (one folder per year, one `planDeCompte.xml`
per variant, as TotEM publishes them: see its README), RESOURCE to the package data file
`validators/pointage/analysis/nomenclatures.json.xz`. Adding a year is copying its folder
into SOURCE and running this script again; the test `tests/test_nomenclature_resource.py`
checks that the committed resource is what this script builds.

Only the facts the rules use are kept: for each plan (variant and year, as the file's own
attributes say, never its folder), the nature chapters (libellé, section), the nature
accounts (libellé, chapter of a real expense, chapter of a real revenue) and the fonctions
(libellé). Plain standard library: xml.etree, json, lzma (whose window spans the whole
file, so that the near-identical plans of successive years cost little).
"""

from __future__ import annotations

import json
import lzma
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "nomenclatures"
DEFAULT_RESOURCE = ROOT / "validators" / "pointage" / "analysis" / "nomenclatures.json.xz"
FORMAT = 1

Plan = dict[str, object]


def read_plan(path: Path) -> tuple[str, Plan]:
    """(key `M57_D/2024`, facts) of one `planDeCompte.xml`."""
    root = ET.parse(path).getroot()
    variant, year = root.attrib["Declinaison"], int(root.attrib["Exer"])
    nature = root.find("Nature")
    fonction = root.find("Fonction")
    if nature is None or fonction is None:
        raise ValueError(f"{path}: no Nature or Fonction part")
    chapters = {
        c.attrib["Code"]: [c.attrib.get("Libelle", "").strip(), c.attrib.get("Section", "")]
        for c in nature.iterfind("Chapitres/Chapitre")
    }
    accounts = {
        c.attrib["Code"]: [
            c.attrib.get("Libelle", "").strip(),
            c.attrib.get("DR", ""),
            c.attrib.get("RR", ""),
        ]
        for c in nature.iterfind("Comptes//Compte")
    }
    functions = {
        f.attrib["Code"]: f.attrib.get("Libelle", "").strip()
        for f in fonction.iterfind("RefFonctionnelles//RefFonc")
    }
    plan: Plan = {
        "norme": root.attrib["Norme"],
        "declinaison": variant,
        "exercice": year,
        "source": f"{path.parent.name}/{path.name}",
        "chapitres": chapters,
        "comptes": accounts,
        "fonctions": functions,
    }
    return f"{variant}/{year}", plan


def build(source: Path) -> tuple[dict[str, Plan], list[str]]:
    """Every plan under `source` by key, and what was set aside (said by the script).

    Two files may claim the same variant and year: a byte copy of an older plan
    (`2022/M57.xml` is the 2020 plan) is the same plan; a file whose folder name differs
    from the variant it declares (`2023/M57_P.xml` says M57_D) gives way to the file
    whose name matches, since the two cannot both be the M57_D plan of 2023."""
    plans: dict[str, Plan] = {}
    set_aside: list[str] = []
    for path in sorted(source.glob("*/*.xml")):
        key, plan = read_plan(path)
        held = plans.get(key)
        if held is None:
            plans[key] = plan
            continue
        if _facts(held) == _facts(plan):
            continue
        if path.stem == plan["declinaison"] and Path(str(held["source"])).stem != held["declinaison"]:
            set_aside.append(f"{held['source']} ({key}, nom de fichier différent)")
            plans[key] = plan
        else:
            set_aside.append(f"{plan['source']} ({key}, nom de fichier différent)")
    return dict(sorted(plans.items())), set_aside


def _facts(plan: Plan) -> tuple[object, ...]:
    return plan["chapitres"], plan["comptes"], plan["fonctions"]


def encode(plans: dict[str, Plan]) -> bytes:
    """The resource's bytes: one JSON document, each plan a JSON string of its own (the
    loader parses only the plan a workbook needs), compressed with xz."""
    document = {
        "format": FORMAT,
        "plans": {
            key: json.dumps(plan, ensure_ascii=False, separators=(",", ":")) for key, plan in plans.items()
        },
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME)


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    resource = Path(argv[1]) if len(argv) > 1 else DEFAULT_RESOURCE
    if not source.is_dir():
        print(f"Dossier des nomenclatures introuvable : {source}", file=sys.stderr)
        return 2
    plans, set_aside = build(source)
    data = encode(plans)
    resource.write_bytes(data)
    for note in set_aside:
        print(f"écarté : {note}")
    print(f"{len(plans)} plans ({', '.join(plans)}) -> {resource} ({len(data)} octets)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
