# Half-cent boundary: a place costs 160,02 €/an, so 1 place for 1 month is 16 002 / 12 = 1 333,5 centimes, 13,34 € rounded half-up; the amount typed, 13,33 €, is the truncated one.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE    | PLACES D'ACCOMPAGNEMENT              | MONTANT RETENU
CCAS de Lens | 1 place du 1er juin au 30 juin 2024  | 13.33
TOTAL        | 1                                    | 13.33
""",
    "Barème": """
Unité | Coût annuel (€) | Structure
place | 160.02          |
""",
}
