# Seed 000's annexe 4 retyped: a place at 170 euros a year (the Barème says 160), and a period of six months where the Paramètres say 12.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
CC SUD ARTOIS | 40 places du 1er juillet au 31 décembre 2024 | 3200
TOTAL | | 3200
""",
    "Barème": """
Unité | Coût annuel (€)
place | 160
""",
    "Paramètres": """
Paramètre | Valeur
Durée par défaut (mois) | 12
Exercice | 2024
""",
}
DELIBERATION = [
    "De valider le financement du dispositif pour la période du 1er juillet au 31 décembre 2024.",
    "Sur la base d’un coût de la place d’accompagnement à 170 euros pour un an, soit 80 € pour 6 mois.",
]
