# Amounts pasted as text with abnormal digit grouping: `11 9885,36 €` and `8 00,00 €` (the other text amounts are grouped normally).
CLASSEUR = {
    "Annexe 1": """
STRUCTURE      | PLACES D'ACCOMPAGNEMENT                                                                                         | MONTANT RETENU
CCAS de Calais | Prise en charge de deux portefeuilles du 1er janvier au 30 juin 2024 + 370 places du 1er juillet au 31 décembre 2024 | "43 350,00 €"
PAGE           | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 261 places du 1er juillet au 31 décembre 2024 | "27\u202f755,00\u00a0€"
AIFOR          | 222 places du 1er juillet au 31 décembre 2024                                                                   | "17760,00 €"
CCAS de Lens   | Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 100 places du 1er juillet au 31 décembre 2024 | "11 9885,36 €"
ACTISHOP       | 10 places du 1er juillet au 31 décembre 2024                                                                    | "8 00,00 €"
TOTAL          | "963"                                                                                                           | "104 540,00 €"
""",
}
