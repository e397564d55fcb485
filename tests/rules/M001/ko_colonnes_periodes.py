# Seed 000's CCAS de Bethune with a NB PLACES column: still 17 275,00 € at the barème,
# 24 150,00 € typed.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE       | PLACES D'ACCOMPAGNEMENT                                                                                    | NB PLACES | MONTANT RETENU
CCAS de Bethune | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 130 places du 1er juillet au 31 décembre 2024 | 130       | 24150
CC SUD ARTOIS   | 40 places du 1er juillet au 31 décembre 2024                                                               | 40        | 3200
""",
    "Barème": BAREME_SEED,
}
