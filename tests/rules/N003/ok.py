# An equipment grant in investissement (`90`), an expense and a revenue in fonctionnement
# (`93`), and a rapport's Proposition, which may be either.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                   | AE €    | Dépense €
C02-428E01     | 204112/90428          | Bâtiments des structures d'accueil  | 500000  | 50000
C02-446A05     | 6568/93446            | Indemnisation des organismes        | 9169450 | 464570
""",
    "Recettes": """
Code Opération | Imputation budgétaire | Libellé Opération | Recette €
C02-428N01     | 74713/93428           | Fonds d'appui     | 618750
""",
    "Rapport": """
Code Opération | Imputation budgétaire | Libellé Opération | AE €   | Proposition €
C02-428N01     | 74713/93428           | Fonds d'appui     | 618750 | 618750
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
