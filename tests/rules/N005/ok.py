# The plan of the year is known (seed 000's, corrected).
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 464570
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
