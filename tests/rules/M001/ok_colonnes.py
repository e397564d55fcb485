# Corrected: CCAS de Liévin, 1 portefeuille + 100 places over 12 months = 13 750 + 16 000 = 29 750 €.
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 5": """
TERRITOIRE   | STRUCTURE      | PORTEFEUILLES | PLACES | MONTANT RETENU
Lens Liévin  | CCAS de Lens   | 1             | 100    | 29750
Lens Liévin  | CCAS de Liévin | 1             | 100    | 29750
Hénin Carvin | CCAS de Carvin |               | 60     | 9600
TOTAL        |                | 2             | 260    | 69100
""",
    "Barème": BAREME_SEED,
}
