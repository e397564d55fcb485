# The annex corrected (330 places): the text quoting 330 places quotes a figure no rule doubts.
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Intensification de l'accompagnement des allocataires du RSA | Solutions d'accompagnement complémentaires | 7600 places | 15200 places | 7600 places | 1650000
 | ETP d'accompagnement (CD, PE...) | 700 places | 1030 places | 330 places | 807000
Total | | | | | 2457000
""",
}
DELIBERATION = [
    [
        ["Objet de la dépense", "Existant", "Cible", "Delta", "Montant delta"],
        ["ETP d'accompagnement (CD, PE...)", "700 places", "1030 places", "330 places", "807 000,00 €"],
    ],
]
