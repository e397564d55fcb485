# PORTEFEUILLES/PLACES columns, 12 months by default: CCAS de Liévin is paid for 10 places instead of its 100 (15 350 € instead of 29 750 €).
from classeurs import BAREME_SEED

CLASSEUR = {
    "Annexe 5": """
TERRITOIRE   | STRUCTURE      | PORTEFEUILLES | PLACES | MONTANT RETENU
Lens Liévin  | CCAS de Lens   | 1             | 100    | 29750
Lens Liévin  | CCAS de Liévin | 1             | 100    | 15350
Hénin Carvin | CCAS de Carvin |               | 60     | 9600
TOTAL        |                | 2             | 260    | 54700
""",
    "Barème": BAREME_SEED,
}
