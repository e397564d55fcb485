# Rapport of seed 000: the Solde of C02-446A05 is typed 100 € too high (1 641 197,73 instead of 2 105 667,73 − 464 570,00 = 1 641 097,73).
CLASSEUR = {
    "Rapport": """
La dépense serait imputée sur le budget départemental comme suit :

Code Opération | Imputation Budgétaire | Libellé Opération                       | AE €            | Disponible €    | Proposition € | Solde €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents  | "9 169 450,00"  | "2 105 667,73"  | "464 570,00"  | "1 641 197,73"
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                 | 130000          | 130000          | 5000          | 125000
""",
}
