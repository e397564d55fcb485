# Corrected: MJEP, 6 875 + 30 × 80 = 9 275 €.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE         | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU | AVENANT/CONVENTION
MJEP              | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 30 places du 1er juillet au 31 décembre 2024 | 9275           | Avenant type annexe 2
CIAS Pays d'Opale | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 30 places du 1er juillet au 31 décembre 2024 | 9275           | Avenant type annexe 2
TOTAL             | 60                                                                                                              | 18550          |
""",
    "Barème": BAREME_SEED,
}
