# Fonctions of every level of the plan M57_D 2024: `0`, `58`, `421`, `4211`.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération        | AE €    | Dépense €
C02-001A01     | 6568/930              | Services généraux        | 10000   | 1000
C02-582A02     | 6568/9358             | Autres actions           | 855000  | 268567
C02-421B03     | 6568/93421            | Famille et enfance       | 20000   | 2000
C02-421B04     | 6568/934211           | Actions pour la maternité | 30000  | 3000
""",
    "Paramètres": """
Paramètre | Valeur
Norme     | M57_D
Exercice  | 2024
""",
}
