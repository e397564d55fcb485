# A situation des dépenses engagées: the Disponible of the FONCTIONNEMENT line is typed 690 where Budget − Engagé = 1 000 − 400 = 600 (a gap that no other column of the row explains: 700 would be Budget − Réalisé, another reading of the table, not a slip).
CLASSEUR = {
    "Situation": """
SITUATION DES DÉPENSES ENGAGÉES

Service         | Budget | Engagé | Réalisé comptable | En cours | Disponible
FONCTIONNEMENT  | 1000   | 400    | 300               | 100      | 690
INVESTISSEMENT  | 5000   | 1200   | 1200              | 0        | 3800
RESTAURATION    | 800    | 950    | 950               | 0        | -150
""",
}
