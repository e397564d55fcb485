# nature written with a capital twice, a montant typed the French way as text, a period with `_`, a percentage of 100 for 1.
from classeurs import PUBLICATION_SCDL

CLASSEUR = {
    "Subventions": PUBLICATION_SCDL.replace("| 1200.5 |", '| "1200,50" |')
    .replace("| aide en numéraire | unique | 2024-10-01 |", "| Aide en numéraire | unique | 2024-10-01 |")
    .replace("| aide en numéraire | échelonné |", "| Aide en numéraire | échelonné |")
    .replace("2024-10-01/2025-06-30", "2024-10-01_2025-06-30")
    .replace("| 2024-11-15 | | non | 1 |", "| 2024-11-15 | | non | 100 |")
}
