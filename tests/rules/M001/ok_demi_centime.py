# Half-cent boundary: 1 place at 160,02 €/an for 1 month is 1 333,5 centimes, rounded half-up to 13,34 € (not truncated to 13,33 €).
CLASSEUR = {
    "Annexe 1": """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT              | MONTANT RETENU
CCAS de Lens | 1 place du 1er juin au 30 juin 2024  | 13.34
TOTAL        | 1                                    | 13.34
""",
    "Barème": """
Unité | Coût annuel (€) | Structure
place | 160.02          |
""",
}
