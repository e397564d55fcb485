# Corrected: the first TOTAL carries both the places (260) and the amount (20 800 €); the repeated TOTAL restates it.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE          | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
CCAS de Rouvroy    | 50 places du 1er juillet au 31 décembre 2024  | 4000
ID Formation       | 100 places du 1er juillet au 31 décembre 2024 | 8000
3ID                | 110 places du 1er juillet au 31 décembre 2024 | 8800
TOTAL              | 260                                           | 20800
TOTAL              |                                               | 20800
""",
}
