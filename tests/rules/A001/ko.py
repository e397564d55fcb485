# Seed 001, articles 4 and 5: article 4 was typed 273 576 € (digits swapped) for C02-582A02 + C02-582A01 = 268 567 + 5 000; article 5 names a code the budget table does not have.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02 | 6568/9358 | Accompagnement des jeunes | 855000 | 268567
C02-582A01 | 6568/9358 | Fonds d'aide aux jeunes | 130000 | 5000
""",
    "Articles": """
ARTICLE | OBJET | MONTANT | RÉFÉRENCE
Article 4 | Thématique 4 « Autonomie et inclusion des jeunes » | 273576 | C02-582A02 + C02-582A01
Article 5 | Fonds d'aide aux jeunes individuel | 5000 | C02-582A03
""",
}
