# Corrected: CCAS d'Hénin Beaumont at its own rate, 22 500 × 6 / 12 + 60 × 80 = 16 050 € (seed 000).
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE             | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU | AVENANT/CONVENTION
CCAS de Carvin        | 60 places du 1er juillet au 31 décembre 2024                                                                    | 4800           | Avenant type annexe 2
CCAS de Courrières    | 40 places du 1er juillet au 31 décembre 2024                                                                    | 3200           | Avenant type annexe 2
CCAS d'Hénin Beaumont | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 60 places du 1er juillet au 31 décembre 2024 | 16050          | Avenant type annexe 2
CCAS de Montigny      | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 25 places du 1er juillet au 31 décembre 2024 | 8875           | Avenant type annexe 2
TOTAL                 | 185                                                                                                             | 32925          |
""",
    "Barème": BAREME_SEED,
}
