# Seed 001 as voted: article 4 = 268 567 + 5 000 (two codes), article 1 = the last grand total of its annex sheet; rows without an amount (article 5: an authorisation to sign) are not checked.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02 | 6568/9358 | Accompagnement des jeunes | 855000 | 268567
C02-582A01 | 6568/9358 | Fonds d'aide aux jeunes | 130000 | 5000
""",
    "Annexe 5": """
STRUCTURE       | DESCRIPTION                                     | MONTANT PROPOSE
CCAS d'Arras    | Prise en charge d'un portefeuille               | 13750
SAMPS           | Prise en charge d'un portefeuille               | 406250
TOTAL           |                                                 | 420000
Passeport Forma | Prise en charge d'un portefeuille de 9 places   | 720
TOTAL           |                                                 | 720
TOTAL           |                                                 | 420720
""",
    "Articles": """
ARTICLE   | OBJET                                                    | MONTANT | RÉFÉRENCE
Article 1 | Thématique 1 « Accompagnement des bénéficiaires du RSA » | 420720  | Annexe 5
Article 4 | Thématique 4 « Autonomie et inclusion des jeunes »       | 273567  | C02-582A02 + C02-582A01
Article 5 | Signature des conventions avec les structures de l'annexe 5 |      |
""",
}
