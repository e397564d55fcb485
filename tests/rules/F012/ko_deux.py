# Two totals that add each other: the total of block A takes in the grand total (C7), which adds the total of block A back.
CLASSEUR = {
    "Annexe": """
OPÉRATION     | STRUCTURE    | MONTANT RETENU
Bloc A        | CCAS de Lens | 800
Bloc A        | AIFOR        | 400
TOTAL         |              | =C2+C3+C7
Bloc B        | 3ID          | 1200
TOTAL         |              | =SUM(C5:C5)
TOTAL GÉNÉRAL |              | =C4+C6
""",
}
