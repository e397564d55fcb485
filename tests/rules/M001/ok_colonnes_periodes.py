# A NB PLACES column beside descriptions with periods (seed 000 rows): the column gives
# the places, the text the portfolio and the periods; every amount is right.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE       | PLACES D'ACCOMPAGNEMENT                                                                                    | NB PLACES | MONTANT RETENU
DEMAIN          | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 280 places du 1er juillet au 31 décembre 2024 | 280       | 29275
FJEP            | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024                                             |           | 6875
CC SUD ARTOIS   | 40 places du 1er juillet au 31 décembre 2024                                                               | 40        | 3200
TOTAL           | 320                                                                                                        | 320       | 39350
""",
    "Barème": BAREME_SEED,
}
