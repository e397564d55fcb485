"""Actions of the add-in's `verifier` through xlwings' remote engine, where every write
is one action sent back to Excel.

    XLWINGS_LICENSE_KEY=noncommercial python bench/addin_actions.py

Two books, each with its actions by kind:

- the seed 000 example, and the budget of issue 4: write actions <= marked cells + rows
  of Contrôles (its findings and its tables read) + 10 (the message box is not a write);
- a generated répartition sheet of 10 000 rows (100 blocks and their totals, a Barème)
  in which 100 amounts are wrong, hence 100 findings, and the target of issue 14:
  actions (all of them) <= 150. « Effacer les marques » on it is shown too.

One note per marked cell is one action each (xlwings adds one note per call); the
links of Contrôles are HYPERLINK formulas written with its values, in the same action
(213 actions on the generated sheet when they were one add_hyperlink each, 113 since, 115 with the two names that mark Pointage's own sheets).
"""

from __future__ import annotations

import copy
import json
import os
import random
import sys
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from addin_payload import Replay, book_of, payload_from_file, write_actions  # noqa: E402
from generate import repartition_workbook  # noqa: E402
from pointage.addin.macros import effacer_marques, verifier  # noqa: E402
from pointage.base.addresses import parse_a1  # noqa: E402
from pointage.base.own_sheets import CONTROLES_SHEET  # noqa: E402

EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 11, 22, 10, 41)

# The generated sheet: issue 14's « 10 000-row sheet with 100 findings ».
SHEET_ROWS, SHEET_BLOCKS, SHEET_WRONG, SHEET_SEED = 10_000, 100, 100, 7
WRONG_BY = 800  # ten places more than the text says, at the Barème's 80 € a place for 6 months
TARGET = 150


def generated_payload(
    folder: Path,
    rows: int = SHEET_ROWS,
    blocks: int = SHEET_BLOCKS,
    wrong: int = SHEET_WRONG,
    seed: int = SHEET_SEED,
) -> dict:
    """The payload of bench/generate.py's répartition workbook in which `wrong` amounts,
    spread evenly over the rows, are WRONG_BY € too high. Their block total, the grand
    total and the budget table's Proposition and Solde follow them, so that the only
    findings are the `wrong` M001 (an amount that is not the Barème's)."""
    path = repartition_workbook(folder / f"repartition-{rows}.xlsx", rows, blocks, seed)
    payload = payload_from_file(path)
    values = _sheet_values(payload, "Annexe")
    header = next(i for i, line in enumerate(values) if "MONTANT RETENU" in line)
    amount = values[header].index("MONTANT RETENU")
    details: list[int] = []
    total_of: dict[int, int] = {}  # detail row -> row of its block's total
    grand = None
    pending: list[int] = []
    for i in range(header + 1, len(values)):
        label = str(values[i][0])
        if label.startswith("Sous-total"):
            total_of.update(dict.fromkeys(pending, i))
            pending = []
        elif label.startswith("TOTAL"):
            grand = i
        elif isinstance(values[i][amount], (int, float)):
            details.append(i)
            pending.append(i)
    rng = random.Random(seed)
    step = len(details) // wrong
    for k in range(wrong):
        row = details[k * step + rng.randrange(step)]
        for target in (row, total_of[row], grand):
            values[target][amount] += WRONG_BY
    budget = _sheet_values(payload, "Rapport")
    if budget:
        titles = [str(v) for v in budget[0]]
        proposal = next(i for i, t in enumerate(titles) if t.startswith("Proposition"))
        balance = next(i for i, t in enumerate(titles) if t.startswith("Solde"))
        budget[1][proposal] += wrong * WRONG_BY
        budget[1][balance] -= wrong * WRONG_BY
    return payload


def amount_moved(payload: dict, cell: str, by: int) -> dict:
    """A copy of the payload in which the amount in `cell` of the Annexe sheet is `by` €
    more: the user's one change between two clicks."""
    changed = copy.deepcopy(payload)
    row, col = parse_a1(cell)
    _sheet_values(changed, "Annexe")[row][col] += by
    return changed


def _sheet_values(payload: dict, name: str) -> list[list[object]]:
    return next((s["values"] for s in payload["sheets"] if s["name"] == name), [])


def print_actions(actions: list[dict]) -> None:
    for func, n in sorted(Counter(a["func"] for a in actions).items()):
        print(f"  {func:22} {n}")
    size = len(json.dumps(actions, ensure_ascii=False).encode("utf-8"))
    print(f"  actions (toutes)       {len(actions)}")
    print(f"  actions d'écriture     {len(write_actions(actions))}")
    print(f"  taille (JSON)          {size / 1024:.0f} Kio")


def seed_000() -> bool:
    from pointage.outputs.controls_layout import controls_layout

    print(f"Exemple du seed 000 ({EXAMPLE.name})")
    book = book_of(payload_from_file(EXAMPLE))
    plan = verifier(book, WHEN)
    actions = book.json()["actions"]
    print_actions(actions)
    writes = write_actions(actions)
    finding_rows = len(plan.controls)
    sheet_rows = len(controls_layout(plan).rows)
    budget = len(plan.marks) + finding_rows + len(plan.tables) + 10
    print(f"  cellules marquées      {len(plan.marks)}")
    print(
        f"  lignes de {CONTROLES_SHEET}    {finding_rows} constats, {len(plan.tables)} tableaux lus ({sheet_rows} lignes en tout)"
    )
    print(f"  budget                 {budget} (cellules marquées + constats + tableaux lus + 10)")
    ok = len(writes) <= budget
    print("  budget respecté" if ok else "  BUDGET DÉPASSÉ")
    return ok


def generated_sheet() -> bool:
    print(f"\nFeuille générée : {SHEET_ROWS} lignes, {SHEET_BLOCKS} blocs, {SHEET_WRONG} montants faux")
    with tempfile.TemporaryDirectory() as folder:
        payload = generated_payload(Path(folder))
    book = book_of(payload)
    plan = verifier(book, WHEN)
    actions = book.json()["actions"]
    print_actions(actions)
    by_kind = Counter(a["func"] for a in actions)
    print(f"  constats               {len(plan.controls)} ({len(plan.marks)} cellules marquées)")
    links = sum(
        isinstance(v, str) and v.startswith("=HYPERLINK(")
        for a in actions
        if a["func"] == "setValues"
        for row in a["values"]
        for v in row
    )
    print(f"  dont une action par note ({by_kind['addNote']}) : xlwings n'en pose qu'une par appel")
    print(
        f"  liens de {CONTROLES_SHEET}      {links} formules =HYPERLINK dans son bloc de valeurs, "
        f"{by_kind['addHyperlink']} add_hyperlink"
    )
    ok = len(actions) <= TARGET
    verdict = "atteint" if ok else "NON ATTEINT"
    print(f"  objectif               {len(actions)} actions pour {TARGET} au plus : {verdict}")
    after = Replay(payload).apply(actions).to_payload()
    book = book_of(after)
    effacer_marques(book)
    print("« Effacer les marques » sur cette feuille")
    print_actions(book.json()["actions"])
    return ok


def main() -> int:
    ok = seed_000()
    ok = generated_sheet() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
