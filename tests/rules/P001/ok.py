# Corrected delta (330 places), units written in several ways (`630 place`, `2,20ETP`, `4 000 places`), and a row whose units differ (not checked).
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Intensification de l'accompagnement des allocataires du RSA | Solutions d'accompagnement complémentaires | 7600 places | 15200 places | 7600 places | 1650000
 | ETP d'accompagnement (CD, PE...) | 700 places | 1030 places | 330 places | 807000
Remobilisation | Pack inclusion renforcé pour l'emploi dans le bassin minier (ERBM) | 600 places | 630 place | 30 places | 361146
ETP CD | Ingénierie (chefferie de projet) | 0,20 ETP | 2,20ETP | 2ETP | 100000
Santé | Pack médiation insertion-santé | 4 000 places | 5 760 places | 1 760 places | 709746
Autre | Unités différentes | 3 ETP | 700 places | 12 places | 1000
Total | | | | | 3628892
""",
}
