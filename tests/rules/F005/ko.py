# One MONTANT RETENU merged over the two rows of a structure (one amount for two lines: which one does the total count?); OPÉRATION merged over the block and the TOTAL label merged over three columns are layout, not findings.
from classeurs import Feuille

CLASSEUR = {
    "Annexe 1": Feuille(
        """
ANNEXE 1 – RÉPARTITION FINANCIÈRE

OPÉRATION             | TERRITOIRE(S) | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
Accompagnement global | Boulonnais    | CCAS Outreau       | 30 places du 1er juillet au 31 décembre 2024 | 2400
                      | Boulonnais    | CCAS Outreau       | 13 places du 1er juillet au 31 décembre 2024 |
                      | Boulonnais    | TREMPLIN FORMATION | 50 places du 1er juillet au 31 décembre 2024 | 4000
TOTAL                 |               |                    | 93                                           | 6400
""",
        fusions=("A1:E1", "A4:A6", "E4:E5", "A7:C7"),
    ),
}
