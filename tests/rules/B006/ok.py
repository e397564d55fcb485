# Libellés that differ only by case, accents and spaces: none is reported.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 464570
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | 130000   | 5000
C02-581E02     | 6568/9358             | Logement des jeunes                    | 1200000  | 120000
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                        | AE €     | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | INDEMNISATION DES ORGANISMES REFERENTS   | 9169450  | 2105667.73   | 464570        | 1641097.73
C02-582A01     | 6568/9358             | Fonds d'aide  aux   jeunes               | 130000   | 130000       | 5000          | 125000
C02-581E02     | 6568/9358             | logement des Jeunes                      | 1200000  | 170000       | 120000        | 50000
""",
}
