# CCAS d'Hénin Beaumont's portefeuille paid at the general 13 750 €/an instead of its Barème override 22 500 €/an (11 675 € instead of 16 050 €).
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 1": """
STRUCTURE             | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU | AVENANT/CONVENTION
CCAS de Carvin        | 60 places du 1er juillet au 31 décembre 2024                                                                    | 4800           | Avenant type annexe 2
CCAS de Courrières    | 40 places du 1er juillet au 31 décembre 2024                                                                    | 3200           | Avenant type annexe 2
CCAS d'Hénin Beaumont | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 60 places du 1er juillet au 31 décembre 2024 | 11675          | Avenant type annexe 2
CCAS de Montigny      | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 25 places du 1er juillet au 31 décembre 2024 | 8875           | Avenant type annexe 2
TOTAL                 | 185                                                                                                             | 28550          |
""",
    "Barème": BAREME_SEED,
}
