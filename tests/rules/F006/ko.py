# Two detail rows (3 and 5) and the AVENANT/CONVENTION column are hidden inside the table; the hidden note row 10 and hidden empty column G are outside it.
from classeurs import Feuille

CLASSEUR = {
    "Annexe 1": Feuille(
        """
OPÉRATION             | STRUCTURE       | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU | AVENANT/CONVENTION
Accompagnement global | CCAS de Calais  | Prise en charge de deux portefeuilles du 1er janvier au 30 juin 2024 + 370 places du 1er juillet au 31 décembre 2024 | 43350 | Avenant type annexe 2
Accompagnement global | CCAS de Coulogne | 5 places du 1er juillet au 31 décembre 2024                                                                    | 400            | Avenant type annexe 2
Accompagnement global | CCAS de Sangatte | 5 places du 1er juillet au 31 décembre 2024                                                                    | 400            | Avenant type annexe 2
Accompagnement global | CIAS d'Audruicq | 15 places du 1er juillet au 31 décembre 2024                                                                    | 1200           | Avenant type annexe 2
TOTAL                 |                 | 395                                                                                                             | 45350          |



Note interne : montants vérifiés par le service le 02/09/2024
""",
        lignes_masquees=(3, 5, 10),
        colonnes_masquees=("E", "G"),
    ),
}
