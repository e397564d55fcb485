# A fonctionnement account under `90` (investissement), a group of accounts, and a
# revenue account in a Dépense column.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/90446            | Indemnisation des organismes référents | 9169450  | 464570
C02-446A05     | 656/93446             | Indemnisation des organismes référents | 9169450  | 1000
C02-428N01     | 74713/93428           | Fonds d'appui                          | 618750   | 618750
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
