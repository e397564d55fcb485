# Second form: Dépense and Proposition both equal the répartition's grand total, 12 475,00 €.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE        | PLACES D'ACCOMPAGNEMENT                        | MONTANT RETENU
Places d'accompagnement | CCAS de Lens     | 40 places du 1er juillet au 31 décembre 2024   | 3200
Places d'accompagnement | CCAS de Liévin   | 30 places du 1er juillet au 31 décembre 2024   | 2400
TOTAL                   |                  | 70                                             | 5600
Portefeuilles           | CCAS de Bethune  | un portefeuille du 1er janvier au 30 juin 2024 | 6875
TOTAL                   |                  |                                                | 6875
TOTAL GÉNÉRAL           |                  |                                                | 12475
""",
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 12475
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                      | AE €     | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 2105667.73   | 12475         | 2093192.73
""",
}
