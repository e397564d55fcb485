# Rapport of seed 001: the Disponible of C02-581E04 (2 634 365,40) exceeds its AE (2 072 445,40); Solde is consistent.
CLASSEUR = {
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                          | AE €          | Disponible €  | Proposition € | Solde €
C02-581E04     | 6568/9358             | Politique inclusive en faveur du logement  | 2072445.40    | 2634365.40    | 565493        | 2068872.40
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                    | 130000        | 130000        | 5000          | 125000
""",
}
