# A workbook of 2025: Pointage has no plan of that year, says so once, and guesses none.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 464570
C02-428C01     | 6569/93428            | Autres interventions sociales          | 100000   | 5000
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2025
""",
}
