# The same text without slips; a unit cost (`80 € pour 6 mois`) and an amount in words are not looked up; a document without amount.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CC SUD ARTOIS | 40 places du 1er juillet au 31 décembre 2024 | 3200
CCAS Outreau | 30 places du 1er juillet au 31 décembre 2024 | 2400
TOTAL | 70 | 5600
""",
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération | AE € | Dépense €
C02-446A05 | 6568/93446 | indemnisation des organismes référents | 9169450 | 5600
""",
}
DELIBERATION = [
    "Article 1 :",
    "De valider le financement pour un montant total de 5\u202f600,00 euros, soit cinq mille six cents euros.",
    "Sur la base d’un coût de la place à 160 euros pour un an, soit 80 € pour 6 mois.",
    "Article 3 :",
    [
        ["Code Opération", "Imputation budgétaire", "Libellé Opération", "AE €", "Dépense €"],
        ["C02-446A05", "6568/93446", "indemnisation des organismes référents", "9 169 450,00", "5 600,00"],
    ],
    "Les structures accompagnent 70 places du 1er juillet au 31 décembre 2024.",
]
