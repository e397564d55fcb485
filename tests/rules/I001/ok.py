# The same situation with every Disponible = Budget − Engagé and every Engagé = Réalisé comptable + En cours (a negative Disponible is allowed).
CLASSEUR = {
    "Situation": """
SITUATION DES DÉPENSES ENGAGÉES

Service         | Budget | Engagé | Réalisé comptable | En cours | Disponible
FONCTIONNEMENT  | 1000   | 400    | 300               | 100      | 600
INVESTISSEMENT  | 5000   | 1200   | 1200              | 0        | 3800
RESTAURATION    | 800    | 950    | 950               | 0        | -150
""",
}
