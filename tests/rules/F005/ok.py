# Layout merges are not findings: OPÉRATION merged down its block, one STRUCTURE merged over its two grants (each row is a detail row of that structure, not a total), the TOTAL label merged over three columns.
from classeurs import Feuille

CLASSEUR = {
    "Annexe 1": Feuille(
        """
ANNEXE 1 – RÉPARTITION FINANCIÈRE

OPÉRATION             | TERRITOIRE(S) | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
Accompagnement global | Boulonnais    | CCAS Outreau       | 30 places du 1er juillet au 31 décembre 2024 | 2400
                      | Boulonnais    |                    | 13 places du 1er juillet au 31 décembre 2024 | 1040
                      | Boulonnais    | TREMPLIN FORMATION | 50 places du 1er juillet au 31 décembre 2024 | 4000
TOTAL                 |               |                    | 93                                           | 7440
""",
        fusions=("A1:E1", "A4:A6", "C4:C5", "A7:C7"),
    ),
}
