# Three slips of real workbooks in the totals' own formulas: a constant hidden in a total (`=SUM(D2:D4)+150`), a quantity total that leaves out the last two lines of its block (`=SUM(C6:C7)`), a grand total that adds an empty cell beside the block total it meant (`=D5+E10`, the total being D10).
CLASSEUR = {
    "Annexe": """
OPÉRATION | STRUCTURE    | PLACES | MONTANT RETENU
Bloc A    | CCAS de Lens | 10     | 800
Bloc A    | CCAS Liévin  | 20     | 1600
Bloc A    | AIFOR        | 5      | 400
TOTAL     |              | =SUM(C2:C4) | =SUM(D2:D4)+150
Bloc B    | 3ID          | 15     | 1200
Bloc B    | ADEFI        | 12     | 960
Bloc B    | SAMPS        | 3      | 240
Bloc B    | IDEE         | 4      | 320
TOTAL     |              | =SUM(C6:C7) | =SUM(D6:D9)
TOTAL GÉNÉRAL |          | =C5+C10 | =D5+E10
""",
}
