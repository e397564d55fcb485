# Well-formed codes (C02-446A05) and imputations (6568/93446).
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 464570
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | 130000   | 5000
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                      | AE €     | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 2105667.73   | 464570        | 1641097.73
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | 130000   | 130000       | 5000          | 125000
""",
}
