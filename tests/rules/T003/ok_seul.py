# Corrected: the TOTAL row closes the block, under its two rows (4 000 + 8 000 = 12 000 €).
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
Places d'accompagnement | TREMPLIN FORMATION | 50 places du 1er juillet au 31 décembre 2024  | 4000
Places d'accompagnement | ID Formation       | 100 places du 1er juillet au 31 décembre 2024 | 8000
TOTAL                   |                    |                                               | 12000
""",
}
