# Second form, edge case: two block totals and no grand total. The Dépense (12 475,00 €) is the sum of both blocks;
# the répartition has no grand total (classeur.md: each TOTAL follows detail rows, so both are block totals), so the
# "one répartition grand total" form does not apply and nothing must be reported. In particular the last block
# total (6 875,00 €) is not the répartition's total.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION               | STRUCTURE        | PLACES D'ACCOMPAGNEMENT                        | MONTANT RETENU
Places d'accompagnement | CCAS de Lens     | 40 places du 1er juillet au 31 décembre 2024   | 3200
Places d'accompagnement | CCAS de Liévin   | 30 places du 1er juillet au 31 décembre 2024   | 2400
TOTAL                   |                  | 70                                             | 5600
Portefeuilles           | CCAS de Bethune  | un portefeuille du 1er janvier au 30 juin 2024 | 6875
TOTAL                   |                  |                                                | 6875
""",
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 12475
""",
}
