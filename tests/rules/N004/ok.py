# Seed 001 (2022, Pas-de-Calais still in M52, no Norme written): `6568/9358` goes with
# C02-582A02 and C02-581E02 (fonction 58), `6568/93566` with C02-566A05.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-566A05     | 6568/93566            | Indemnisation des organismes référents | 6019600  | 420720
C02-582A02     | 6568/9358             | Accompagnement des jeunes              | 855000   | 268567
C01-564H02     | 6568/93564            | Appui aux parcours intégrés 2021-2027  | 15680078 | 267566
C02-581E02     | 6568/9358             | Accès au logement                      | 500000   | 1000
""",
    "Paramètres": """
Paramètre | Valeur
Exercice  | 2022
""",
}
