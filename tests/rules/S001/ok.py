# The publication with every column of the schema, its field names in lower case.
from classeurs import PUBLICATION_SCDL

CLASSEUR = {
    "Subventions": PUBLICATION_SCDL.replace(
        PUBLICATION_SCDL.split("\n")[1], PUBLICATION_SCDL.split("\n")[1].lower()
    )
}
