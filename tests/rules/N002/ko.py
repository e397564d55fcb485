# A fonction that no plan has (`999`), after an existing nature.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93999            | Indemnisation des organismes référents | 9169450  | 464570
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
