CLASSEUR = {
    "Annexe 1": """
OPÉRATION                         | TERRITOIRE(S) | STRUCTURE              | PLACES D'ACCOMPAGNEMENT                                                                                    | MONTANT RETENU
Accompagnement global             | Artois        | DEMAIN                 | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 280 places du 1er juillet au 31 décembre 2024 | 29275
Accompagnement global             | Artois        | FJEP                   | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024                                           | 6875
Accompagnement global             | Artois        | CC SUD ARTOIS          | 40 places du 1er juillet au 31 décembre 2024                                                               | 3200
Accompagnement global             | Audomarois    | CIAS de Saint-Omer     | 150 places du 1er juillet au 31 décembre 2024                                                              | 12000
TOTAL                             |               |                        | 470                                                                                                        | 51350
Renforcement des missions locales | Ternois       | ADEFI - Mission Locale | Renforcement des missions locales                                                                          | 20000
Renforcement des missions locales | Ternois       | ADEFI - Mission Locale | Reprise du trop-perçu 2023                                                                                 | -1200
Renforcement des missions locales | Artois        | Mission locale de l'Artois | Renforcement des missions locales                                                                      | 5000
TOTAL                             |               |                        |                                                                                                            | 23800
TOTAL GÉNÉRAL                     |               |                        |                                                                                                            | 75150.00
""",
}
