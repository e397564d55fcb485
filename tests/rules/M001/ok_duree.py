# Corrected: CCAS de Calais's 2 portefeuilles over 6 months are 2 × 13 750 × 6 / 12 = 13 750 €.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 5": """
TERRITOIRE | STRUCTURE          | DESCRIPTION                                               | DURÉE (MOIS) | MONTANT RETENU
Artois     | CCAS de Béthune    | Prise en charge de 2 portefeuilles Accompagnement Global  | 12           | 27500
Artois     | MJEP               | Prise en charge d'un portefeuille Accompagnement Global   | 12           | 13750
Calaisis   | CCAS de Calais     | Prise en charge de 2 portefeuilles Accompagnement Global  | 6            | 13750
Boulonnais | CIAS Desvres/Samer | Prise en charge d'un portefeuille Accompagnement Global   | 6            | 6875
TOTAL      |                    |                                                           |              | 61875
""",
    "Barème": BAREME_SEED,
}
