# Répartition with a CODE OPÉRATION column: the FAJ rows of C02-582A01 add up to 5 500,00 € but the rapport proposes 5 000,00 €.
CLASSEUR = {
    "Annexe 5": """
THÉMATIQUE                | CODE OPÉRATION | STRUCTURE                       | TERRITOIRE  | MONTANT RETENU
Accompagnement des jeunes | C02-582A02     | Mission locale de l'Artois      | Artois      | 150000
Accompagnement des jeunes | C02-582A02     | Mission locale du Ternois       | Ternois     | 118567
TOTAL                     |                |                                 |             | 268567
Fonds d'aide aux jeunes   | C02-582A01     | Mission locale de Lens-Liévin   | Lens-Hénin  | 3000
Fonds d'aide aux jeunes   | C02-582A01     | Mission locale de l'Audomarois  | Audomarois  | 2500
TOTAL                     |                |                                 |             | 5500
TOTAL GÉNÉRAL             |                |                                 |             | 274067
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération         | AE €    | Disponible € | Proposition € | Solde €
C02-582A02     | 6568/9358             | Accompagnement des jeunes | 855000  | 387000       | 268567        | 118433
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes   | 130000  | 130000       | 5000          | 125000
""",
}
