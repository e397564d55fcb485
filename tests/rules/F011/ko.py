# A workbook written by a program and never opened in Excel: its amounts and totals are formulas without a cached value; Pointage computes them (one finding for the file) and checks the totals.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE       | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
CCAS Outreau    | 30 places du 1er juillet au 31 décembre 2024 | =30*80
CCAS Wimereux   | 13 places du 1er juillet au 31 décembre 2024 | 1040
PIQUE ET PRESSE | 20 places du 1er juillet au 31 décembre 2024 | =1600
TOTAL           | =30+13+20                                    | =SUM(C2:C4)
""",
}
