CLASSEUR = {
    "Annexe 1": """
STRUCTURE       | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
CCAS Outreau    | 30 places du 1er juillet au 31 décembre 2024 | 2400
CCAS Wimereux   | 13 places du 1er juillet au 31 décembre 2024 | 1040
PIQUE ET PRESSE | 20 places du 1er juillet au 31 décembre 2024 | 1600
TOTAL           | 63                                           | 5040
""",
}
