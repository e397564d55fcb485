# Seed 000's two wrong amounts: CCAS de Bethune paid 24 150 € instead of 17 275 €; CCAS de Boulogne-sur-Mer's portefeuille runs 1 month (`du 1er au 30 juin 2024`) but is paid for 6.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE                | PLACES D'ACCOMPAGNEMENT                                                                                        | MONTANT RETENU | AVENANT/CONVENTION
DEMAIN                   | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 280 places du 1er juillet au 31 décembre 2024 | 29275          | Avenant type annexe 2
CCAS de Bethune          | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 130 places du 1er juillet au 31 décembre 2024 | 24150          | Avenant type annexe 2
CC SUD ARTOIS            | 40 places du 1er juillet au 31 décembre 2024                                                                   | 3200           | Avenant type annexe 2
CCAS de Boulogne-sur-Mer | Prise en charge d'un portefeuille du 1er au 30 juin 2024 + 160 places du 1er juillet au 31 décembre 2024        | 19675          | Avenant type annexe 2
TOTAL                    | 610                                                                                                            | 76300          |
""",
    "Barème": BAREME_SEED,
}
