# Rapport of seed 001: C02-581E02 proposes 175 000,00 € on a line with only 170 000,00 € disponible (Solde negative).
CLASSEUR = {
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération        | AE €       | Disponible € | Proposition € | Solde €
C02-582A02     | 6568/9358             | Accompagnement des jeunes | 855000     | 387000       | 268567        | 118433
C02-581E02     | 6568/9358             | Logement des jeunes      | 1200000    | 170000       | 175000        | -5000
""",
}
