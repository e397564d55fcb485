# MJEP's amount was typed with two digits swapped (9 725 € for 9 275 €): no single change of a count or a duration explains it.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE         | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU | AVENANT/CONVENTION
MJEP              | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 30 places du 1er juillet au 31 décembre 2024 | 9725           | Avenant type annexe 2
CIAS Pays d'Opale | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 30 places du 1er juillet au 31 décembre 2024 | 9275           | Avenant type annexe 2
TOTAL             | 60                                                                                                              | 19000          |
""",
    "Barème": BAREME_SEED,
}
