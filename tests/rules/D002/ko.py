# Seed 003: the plan de financement in the Word text quotes the delta of 3030 places that the annex has wrong (1 030 − 700 = 330).
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes (ETP et volumes financiers) | Cible (besoins en ETP et volumes financiers) | Delta entre la cible et l'existant (en ETP et volumes financiers) | Montant delta (en volume financier compte tenu d'une montée en charge progressive)
Intensification de l'accompagnement des allocataires du RSA | Solutions d'accompagnement complémentaires | 7600 places | 15200 places | 7600 places | 1650000
 | ETP d'accompagnement (CD, PE...) | 700 places | 1030 places | 3030 places | 807000
Total | | | | | 2457000
""",
}
DELIBERATION = [
    "Construction du plan de financement - VOLET 2",
    [
        ["Objet de la dépense", "Existant", "Cible", "Delta", "Montant delta"],
        ["ETP d'accompagnement (CD, PE...)", "700 places", "1030 places", "3030 places", "807 000,00 €"],
    ],
]
