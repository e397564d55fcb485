# Formulas that follow one another without coming back: block totals, a grand total of the block totals, an amount computed from its row, a total beside the lines summing a whole other column, and a summary sheet taking the grand total.
CLASSEUR = {
    "Annexe": """
OPÉRATION     | STRUCTURE    | PLACES      | MONTANT RETENU | CUMUL
Bloc A        | CCAS de Lens | 10          | 800            | =SUM(D:D)
Bloc A        | AIFOR        | 5           | =C3*80         |
TOTAL         |              | =SUM(C2:C3) | =SUM(D2:D3)    |
Bloc B        | 3ID          | 15          | 1200           |
TOTAL         |              | =C5         | =D5+0          |
TOTAL GÉNÉRAL |              | =C4+C6      | =D4+D6         |
""",
    "Récapitulatif": """
ANNEXES           | MONTANT
Total des annexes | =Annexe!D7+0
""",
}
