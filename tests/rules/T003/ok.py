# Corrected: the first block's TOTAL carries its amount, 2 400 + 1 040 = 3 440 €.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE         | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
Places d'accompagnement | CCAS Outreau      | 30 places du 1er juillet au 31 décembre 2024 | 2400
Places d'accompagnement | CCAS Wimereux     | 13 places du 1er juillet au 31 décembre 2024 | 1040
TOTAL                   |                   | 43                                           | 3440
Places d'accompagnement | CCAS de Coulogne  | 5 places du 1er juillet au 31 décembre 2024  | 400
Places d'accompagnement | CCAS de Sangatte  | 5 places du 1er juillet au 31 décembre 2024  | 400
TOTAL                   |                   | 10                                           | 800
TOTAL GÉNÉRAL           |                   | 53                                           | 4240
""",
}
