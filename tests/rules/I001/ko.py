# A situation des dépenses engagées: the Disponible of the FONCTIONNEMENT line is typed 700 where Budget − Engagé = 1 000 − 400 = 600.
CLASSEUR = {
    "Situation": """
SITUATION DES DÉPENSES ENGAGÉES

Service         | Budget | Engagé | Réalisé comptable | En cours | Disponible
FONCTIONNEMENT  | 1000   | 400    | 300               | 100      | 700
INVESTISSEMENT  | 5000   | 1200   | 1200              | 0        | 3800
RESTAURATION    | 800    | 950    | 950               | 0        | -150
""",
}
