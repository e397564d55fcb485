# The imputations of seeds 000, 002 and 003 (Pas-de-Calais, M57, 2024): expenses on
# 6568 and a revenue on 74713, each with the fonction its code opération carries.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                                 | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents            | 9169450  | 464570
C02-428C01     | 6568/93428            | Autres interventions sociales                     | 100000   | 5000
C01-444H02     | 6568/93444            | Insertion professionnelle                         | 200000   | 10000
""",
    "Recettes": """
Code Opération | Imputation budgétaire | Libellé Opération                                                 | Recette €
C02-428N01     | 74713/93428           | Fonds d'appui à la lutte contre la pauvreté et d'accès à l'emploi | 618750
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
