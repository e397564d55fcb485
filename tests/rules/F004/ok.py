CLASSEUR = {
    "Annexe 1": """
ANNEXE 1 – RÉPARTITION FINANCIÈRE

TERRITOIRE | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
Arrageois  | CC SUD ARTOIS      | 40 places du 1er juillet au 31 décembre 2024  | 3200
Audomarois | CIAS de Saint-Omer | 150 places du 1er juillet au 31 décembre 2024 | 12000
TOTAL      |                    | 190                                           | 15200
""",
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération                      | AE €       | Dépense €
C02-446A05     | 6568/93446            | indemnisation des organismes référents | 2105667.73 | 15200
""",
}
