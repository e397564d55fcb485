from classeurs import Feuille

CLASSEUR = {
    "Annexe 1": Feuille(
        """
ANNEXE 1 – RÉPARTITION FINANCIÈRE

OPÉRATION             | TERRITOIRE(S) | STRUCTURE          | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
Accompagnement global | Boulonnais    | CCAS Outreau       | 30 places du 1er juillet au 31 décembre 2024 | 2400
Accompagnement global | Boulonnais    | CCAS Wimereux      | 13 places du 1er juillet au 31 décembre 2024 | 1040
Accompagnement global | Boulonnais    | TREMPLIN FORMATION | 50 places du 1er juillet au 31 décembre 2024 | 4000
TOTAL                 |               |                    | 93                                           | 7440
""",
        fusions=("A1:E1",),
    ),
}
