# Seed 000 shape (TOTAL, then TOTAL repeated) with the first TOTAL's amount left empty: only that cell is a T003, the repeated TOTAL has 3 detail rows above it.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE          | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
CCAS de Rouvroy    | 50 places du 1er juillet au 31 décembre 2024  | 4000
ID Formation       | 100 places du 1er juillet au 31 décembre 2024 | 8000
3ID                | 110 places du 1er juillet au 31 décembre 2024 | 8800
TOTAL              | 260                                           |
TOTAL              |                                               | 20800
""",
}
