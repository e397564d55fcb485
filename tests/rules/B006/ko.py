# Same codes, libellés that really differ: seed 000's "indéminisation" and seed 001's "Fond d'aide" (C02-581E02 differs only by case: not reported).
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | indemnisation des organismes référents | 9169450  | 464570
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | 130000   | 5000
C02-581E02     | 6568/9358             | Logement des jeunes                    | 1200000  | 120000
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                       | AE €     | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | indéminisation des organismes référents | 9169450  | 2105667.73   | 464570        | 1641097.73
C02-582A01     | 6568/9358             | Fond d'aide aux jeunes                  | 130000   | 130000       | 5000          | 125000
C02-581E02     | 6568/9358             | LOGEMENT DES JEUNES                     | 1200000  | 170000       | 120000        | 50000
""",
}
