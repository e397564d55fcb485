# Two beneficiaries' SIRETs with a typo (a digit changed, two digits swapped): their check digits are wrong.
from classeurs import PUBLICATION_SCDL

CLASSEUR = {
    "Subventions": PUBLICATION_SCDL.replace("38047555800058", "38047555800059").replace(
        "21060004500392", "21060004500329"
    )
}
