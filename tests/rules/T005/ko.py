# A total written term by term that skips a line of its block, empty today (its places are filled): an amount typed there later would not be counted.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | PLACES | MONTANT RETENU
CCAS de Lens | 10     | 800
CCAS Liévin  | 20     |
AIFOR        | 5      | 400
TOTAL        | =SUM(B2:B4) | =C2+C4
""",
}
