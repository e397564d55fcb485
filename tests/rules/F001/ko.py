# Amounts pasted from the PDF as French text (spaces U+0020, U+00A0, U+202F, `20 000€`, `(1 200,00)`) and a places total typed as text.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION                         | TERRITOIRE(S) | STRUCTURE              | PLACES D'ACCOMPAGNEMENT                                                                                    | MONTANT RETENU
Accompagnement global             | Artois        | DEMAIN                 | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 280 places du 1er juillet au 31 décembre 2024 | "29 275,00 €"
Accompagnement global             | Artois        | FJEP                   | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024                                           | "6\u00a0875,00\u00a0€"
Accompagnement global             | Artois        | CC SUD ARTOIS          | 40 places du 1er juillet au 31 décembre 2024                                                               | "3\u202f200,00\u202f€"
Accompagnement global             | Audomarois    | CIAS de Saint-Omer     | 150 places du 1er juillet au 31 décembre 2024                                                              | 12000
TOTAL                             |               |                        | "470"                                                                                                      | 51350
Renforcement des missions locales | Ternois       | ADEFI - Mission Locale | Renforcement des missions locales                                                                          | "20 000€"
Renforcement des missions locales | Ternois       | ADEFI - Mission Locale | Reprise du trop-perçu 2023                                                                                 | "(1 200,00)"
Renforcement des missions locales | Artois        | Mission locale de l'Artois | Renforcement des missions locales                                                                      | "5 000 €"
TOTAL                             |               |                        |                                                                                                            | 23800
TOTAL GÉNÉRAL                     |               |                        |                                                                                                            | "75 150,00 €"
""",
}
