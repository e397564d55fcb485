# Proposition within the Disponible; C02-581E02 commits exactly what is available (Solde 0).
CLASSEUR = {
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération        | AE €       | Disponible € | Proposition € | Solde €
C02-582A02     | 6568/9358             | Accompagnement des jeunes | 855000     | 387000       | 268567        | 118433
C02-581E02     | 6568/9358             | Logement des jeunes      | 1200000    | 170000       | 170000        | 0
""",
}
