# The DURÉE (MOIS) column says CCAS de Calais is funded for 6 months, but its amount is the full-year one (2 × 13 750 €).
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 5": """
TERRITOIRE | STRUCTURE          | DESCRIPTION                                               | DURÉE (MOIS) | MONTANT RETENU
Artois     | CCAS de Béthune    | Prise en charge de 2 portefeuilles Accompagnement Global  | 12           | 27500
Artois     | MJEP               | Prise en charge d'un portefeuille Accompagnement Global   | 12           | 13750
Calaisis   | CCAS de Calais     | Prise en charge de 2 portefeuilles Accompagnement Global  | 6            | 27500
Boulonnais | CIAS Desvres/Samer | Prise en charge d'un portefeuille Accompagnement Global   | 6            | 6875
TOTAL      |                    |                                                           |              | 75625
""",
    "Barème": BAREME_SEED,
}
