"""Workbooks for the benchmarks: big, regular, correct (the checks find nothing wrong
except what is planted), written with openpyxl's write-only mode."""

from __future__ import annotations

import random
from pathlib import Path

from pointage.outputs.template import IMPUTATION_HEADERS

STRUCTURES = ["CCAS de Lens", "CCAS de Liévin", "AIFOR", "3ID", "PAGE", "ID Formation", "MJEP"]
HEADERS = [
    "OPÉRATION",
    "TERRITOIRE(S)",
    "STRUCTURE",
    "PLACES D'ACCOMPAGNEMENT",
    "MONTANT RETENU",
    "DURÉE (MOIS)",
    "COMMENTAIRE",
]


def repartition_workbook(path: Path, rows: int, blocks: int, seed: int = 1, budget: bool = True) -> Path:
    """`rows` répartition rows in `blocks` blocks with their totals, a grand total, a
    Barème and, unless `budget` is false, a budget table (sheet « Rapport ») whose
    Proposition is the grand total."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    annexe = workbook.create_sheet("Annexe")
    annexe.append(["Annexe : répartition financière"])
    annexe.append([])
    annexe.append(HEADERS)
    per_block = rows // blocks
    grand_places = grand_amount = 0
    for block in range(blocks):
        places_total = amount_total = 0
        for i in range(per_block):
            places = rng.randint(5, 400)
            amount = places * 80  # 160 €/place/an over 6 months
            places_total += places
            amount_total += amount
            annexe.append(
                [
                    f"Opération {block + 1}",
                    f"Territoire {rng.randint(1, 9)}",
                    f"{STRUCTURES[i % len(STRUCTURES)]} {block}-{i}",
                    f"{places} places du 1er juillet au 31 décembre 2024",
                    amount,
                    6,
                    "Avenant type",
                ]
            )
        annexe.append(["Sous-total", None, None, places_total, amount_total, None, None])
        grand_places += places_total
        grand_amount += amount_total
    annexe.append(["TOTAL GÉNÉRAL", None, None, grand_places, grand_amount, None, None])
    bareme = workbook.create_sheet("Barème")
    bareme.append(["Unité", "Coût annuel (€)", "Structure"])
    bareme.append(["place", 160, None])
    if budget:
        _budget_sheet(workbook, grand_amount)
    workbook.save(path)
    return path


def _budget_sheet(workbook, grand_amount: int) -> None:
    rapport = workbook.create_sheet("Rapport")
    rapport.append(IMPUTATION_HEADERS)
    available = grand_amount * 2
    rapport.append(
        [
            "C02-446A05",
            "6568/93446",
            "accompagnement global",
            available * 2,
            available,
            grand_amount,
            available - grand_amount,
        ]
    )
