# Seed 001, article 1, referring to the sheet of its annex: the sheet's last grand total is 420 720 €, the article says 420 270 €.
CLASSEUR = {
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
Article 1 | Thématique 1 « Accompagnement des bénéficiaires du RSA » | 420270  | Annexe 5
""",
}
