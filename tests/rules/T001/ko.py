# Two blocks; the second block's total is off by 100 € and by 5 places.
CLASSEUR = {
    "Annexe": """
OPÉRATION | STRUCTURE    | PLACES D'ACCOMPAGNEMENT              | MONTANT RETENU
Bloc A    | CCAS de Lens | 10 places du 1er juillet au 31 décembre 2024 | 800
Bloc A    | CCAS Liévin  | 20 places du 1er juillet au 31 décembre 2024 | 1600
TOTAL     |              | 30                                   | 2400
Bloc B    | AIFOR        | 30 places du 1er juillet au 31 décembre 2024 | 2400
Bloc B    | 3ID          | 15 places du 1er juillet au 31 décembre 2024 | 1200
TOTAL     |              | 50                                   | 3700
""",
}
