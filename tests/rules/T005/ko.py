# A total written term by term that skips a line of its block, empty today: an amount typed there later would not be counted.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 800
CCAS Liévin  |
AIFOR        | 400
TOTAL        | =B2+B4
""",
}
