# CCAS de Courrières was added to the second block (total updated to 100 places / 8 000 €) but the grand total still says 250 places / 20 000 €.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
Places d'accompagnement | CC SUD ARTOIS      | 40 places du 1er juillet au 31 décembre 2024  | 3200
Places d'accompagnement | CIAS de Saint-Omer | 150 places du 1er juillet au 31 décembre 2024 | 12000
TOTAL                   |                    | 190                                           | 15200
Places d'accompagnement | CCAS de Carvin     | 60 places du 1er juillet au 31 décembre 2024  | 4800
Places d'accompagnement | CCAS de Courrières | 40 places du 1er juillet au 31 décembre 2024  | 3200
TOTAL                   |                    | 100                                           | 8000
TOTAL GÉNÉRAL           |                    | 250                                           | 20000
""",
}
