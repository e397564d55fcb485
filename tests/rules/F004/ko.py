# The répartition has no STRUCTURE column (TERRITOIRE | … | MONTANT RETENU), and the délibération's budget table has no IMPUTATION column.
CLASSEUR = {
    "Annexe 1": """
ANNEXE 1 – RÉPARTITION FINANCIÈRE

TERRITOIRE | PLACES D'ACCOMPAGNEMENT                       | MONTANT RETENU
Arrageois  | 40 places du 1er juillet au 31 décembre 2024  | 3200
Audomarois | 150 places du 1er juillet au 31 décembre 2024 | 12000
TOTAL      | 190                                           | 15200
""",
    "Délibération": """
Code Opération | Libellé Opération                      | AE €       | Dépense €
C02-446A05     | indemnisation des organismes référents | 2105667.73 | 15200
""",
}
