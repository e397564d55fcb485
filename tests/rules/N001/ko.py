# A nature typed one digit off (`6569`, which no plan has) next to seed 000's doubled
# slash, which stays B007's alone.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6569/93446            | Indemnisation des organismes référents | 9169450  | 464570
C02-428C01     | 6568//93428           | Autres interventions sociales          | 100000   | 5000
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2024
""",
}
