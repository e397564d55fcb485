# Seed 000 retyped with three slips in the Word text: article 1's total (464 571 €), the Dépense of C02-446A05 in article 3's table (464 750,00), and a count of places the annex does not hold.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CC SUD ARTOIS | 40 places du 1er juillet au 31 décembre 2024 | 3200
CCAS Outreau | 30 places du 1er juillet au 31 décembre 2024 | 2400
TOTAL | | 5600
""",
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération | AE € | Dépense €
C02-446A05 | 6568/93446 | indemnisation des organismes référents | 9169450 | 5600
""",
}
DELIBERATION = [
    "Article 1 :",
    "De valider le financement du dispositif « Accompagnement Global », pour un montant total de 5 601 €, "
    "selon la répartition financière proposée en annexe 1.",
    "Article 3 :",
    "Les dépenses sont imputées sur le budget départemental comme suit :",
    [
        ["Code Opération", "Imputation budgétaire", "Libellé Opération", "AE €", "Dépense €"],
        ["C02-446A05", "6568/93446", "indemnisation des organismes référents", "9 169 450,00", "5 660,00"],
    ],
    "Les structures accompagnent 71 places du 1er juillet au 31 décembre 2024.",
]
