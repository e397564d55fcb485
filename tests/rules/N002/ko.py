# A fonction that no plan has (`999`), and one typed with a digit too many (`4466`).
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93999            | Indemnisation des organismes référents | 9169450  | 464570
C02-446A05     | 6568/934466           | Indemnisation des organismes référents | 9169450  | 1000
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
