# Formulas written by a program and never calculated (no cached value): the simple ones are computed by Pointage; an amount chosen by IF is not, and is said once for the file.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE       | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
CCAS Outreau    | 30 places du 1er juillet au 31 décembre 2024 | =IF(30>0,2400,0)
CCAS Wimereux   | 13 places du 1er juillet au 31 décembre 2024 | 1040
PIQUE ET PRESSE | 20 places du 1er juillet au 31 décembre 2024 | =IF(20>0,1600,0)
TOTAL           | =30+13+20                                    | =SUM(C2:C4)
""",
}
