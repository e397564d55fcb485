# dateConvention left empty on the first two lines; the second has neither SIRET nor RNA.
from classeurs import PUBLICATION_SCDL

CLASSEUR = {
    "Subventions": PUBLICATION_SCDL.replace(
        "| 2024-09-16 | CP-2024-09-16-12 |", "|  | CP-2024-09-16-12 |"
    ).replace("| W620001234 |", "|  |")
}
