# The TOTAL row was typed just under the header, above the rows it sums: it has no detail row above it.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
TOTAL                   |                    |                                               | 12000
Places d'accompagnement | TREMPLIN FORMATION | 50 places du 1er juillet au 31 décembre 2024  | 4000
Places d'accompagnement | ID Formation       | 100 places du 1er juillet au 31 décembre 2024 | 8000
""",
}
