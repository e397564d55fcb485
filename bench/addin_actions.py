"""Write actions of the add-in's `verifier` on the seed 000 example (remote engine).

    XLWINGS_LICENSE_KEY=noncommercial python bench/addin_actions.py

Prints the actions by kind, and checks the budget of issue 4: write actions <=
marked cells + rows of Contrôles + 10 (the message box is not a write).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from addin_payload import book_of, payload_from_file, write_actions  # noqa: E402
from pointage.addin.macros import verifier  # noqa: E402
from pointage.base.own_sheets import CONTROLES_SHEET  # noqa: E402

EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


def main() -> int:
    from pointage.outputs.marks import controls_rows

    book = book_of(payload_from_file(EXAMPLE))
    plan = verifier(book, datetime(2026, 11, 22, 10, 41))
    actions = book.json()["actions"]
    writes = write_actions(actions)
    finding_rows = len(plan.controls)
    sheet_rows = len(controls_rows(plan)[0])
    budget = len(plan.marks) + finding_rows + 10
    for func, count in sorted(Counter(a["func"] for a in actions).items()):
        print(f"{func:22} {count}")
    print(f"actions (toutes)       {len(actions)}")
    print(f"actions d'écriture     {len(writes)}")
    print(f"cellules marquées      {len(plan.marks)}")
    print(f"lignes de {CONTROLES_SHEET}    {finding_rows} constats ({sheet_rows} lignes avec l'en-tête)")
    print(f"budget                 {budget} (cellules marquées + constats + 10)")
    ok = len(writes) <= budget
    print("budget respecté" if ok else "BUDGET DÉPASSÉ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
