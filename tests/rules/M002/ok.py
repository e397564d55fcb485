# Corrected: the PLACES and PORTEFEUILLES columns repeat the quantities of the descriptions (40 places; deux portefeuilles).
CLASSEUR = {
    "Annexe 1": """
STRUCTURE         | DESCRIPTION                                                                                                        | PORTEFEUILLES | PLACES | MONTANT RETENU
CC SUD ARTOIS     | 40 places du 1er juillet au 31 décembre 2024                                                                       |               | 40     | 3200
SIVOM de l'Artois | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 60 places du 1er juillet au 31 décembre 2024    | 1             | 60     | 11675
Habitat Insertion | Prise en charge de deux portefeuilles du 1er janvier au 30 juin 2024 + 110 places du 1er juillet au 31 décembre 2024 | 2             | 110    | 22550
TOTAL             |                                                                                                                    | 3             | 210    | 37425
""",
}
