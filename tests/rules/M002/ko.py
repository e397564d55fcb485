# The PLACES column says 50 for CC SUD ARTOIS whose description gives 40 places, and PORTEFEUILLES says 1 for Habitat Insertion whose description gives deux portefeuilles.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE         | DESCRIPTION                                                                                                        | PORTEFEUILLES | PLACES | MONTANT RETENU
CC SUD ARTOIS     | 40 places du 1er juillet au 31 décembre 2024                                                                       |               | 50     | 3200
SIVOM de l'Artois | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 60 places du 1er juillet au 31 décembre 2024    | 1             | 60     | 11675
Habitat Insertion | Prise en charge de deux portefeuilles du 1er janvier au 30 juin 2024 + 110 places du 1er juillet au 31 décembre 2024 | 1             | 110    | 22550
TOTAL             |                                                                                                                    | 2             | 220    | 37425
""",
}
