# Seed 001's values: Disponible ≤ AE (C02-582A01 has Disponible = AE, which is allowed).
CLASSEUR = {
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                          | AE €          | Disponible €  | Proposition € | Solde €
C02-581E04     | 6568/9358             | Politique inclusive en faveur du logement  | 2072445.40    | 634365.40     | 565493        | 68872.40
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                    | 130000        | 130000        | 5000          | 125000
""",
}
