# The fonction of the imputation (58) is not the one the code opération carries (446).
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/9358             | Indemnisation des organismes référents | 9169450  | 464570
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
