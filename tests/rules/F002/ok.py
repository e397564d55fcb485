CLASSEUR = {
    "Annexe 1": """
STRUCTURE               | DESCRIPTION                                                              | PORTEFEUILLES | MONTANT RETENU | COMMENTAIRE
DEMAIN                  | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024         | 1             | 6875           | Avenant type annexe 2
FJEP                    | Prise en charge d'un demi-portefeuille du 1er janvier au 30 juin 2024    | 0.5           | 3437.5         | Avenant type annexe 2
MJEP                    | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024         | 1             | 6875           | Avenant type annexe 2
CCAS de Noeux-les-Mines | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024         | 1             | 6875           | n.c.
TOTAL                   |                                                                          | 3.5           | 24062.5        |
""",
}
