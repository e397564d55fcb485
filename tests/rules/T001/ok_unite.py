# The places total is typed with its unit (`45 places`): it is read, not an error.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
AIFOR        | 30 places du 1er juillet au 31 décembre 2024 | 2400
3ID          | 15 places du 1er juillet au 31 décembre 2024 | 1200
TOTAL        | 45 places                                    | 3600
""",
}
