# Totals whose formulas add their whole blocks, a grand total over the block totals, and a line's own formula that adds a number (not a total of its column).
CLASSEUR = {
    "Annexe": """
OPÉRATION | STRUCTURE    | PLACES | MONTANT RETENU | MONTANT DEMANDÉ
Bloc A    | CCAS de Lens | 10     | 800            | =D2+100
Bloc A    | CCAS Liévin  | 20     | 1600           | 1600
TOTAL     |              | =SUM(C2:C3) | =SUM(D2:D3) |
Bloc B    | 3ID          | 15     | 1200           |
Bloc B    | ADEFI        | 12     | 960            |
TOTAL     |              | =C5+C6 | =D5+D6         |
TOTAL GÉNÉRAL |          | =C4+C7 | =D4+D7         |
""",
}
