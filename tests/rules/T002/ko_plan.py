# Seed 003, volet 2: the `TOTAL BESOINS DEPARTEMENTAUX` line restates the plan total with two digits swapped (4 125 982 € for 4 125 892 €).
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Intensification de l'accompagnement des allocataires du RSA | Solutions d'accompagnement complémentaires | 7600 places | 15200 places | 7600 places | 1650000
 | ETP d'accompagnement (CD, PE...) | 700 places | 1030 places | 330 places | 807000
Total | | | | | 2457000
Remobilisation | Pack inclusion renforcé pour l'emploi | 4000 places | 4240 places | 240 places | 1668892
Total | | | | | 1668892
Total | | | | | 4125892
Référencement de l'offre de solution du territoire | ETP
Total
TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 2 : | | | | | 4125982
""",
}
