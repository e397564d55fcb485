# The places total typed with its unit is wrong: 45 places are written above, not 50.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
AIFOR        | 30 places du 1er juillet au 31 décembre 2024 | 2400
3ID          | 15 places du 1er juillet au 31 décembre 2024 | 1200
TOTAL        | 50 places                                    | 3600
""",
}
