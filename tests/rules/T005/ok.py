# The same total as a range over the whole block, the empty line included.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 800
CCAS Liévin  |
AIFOR        | 400
TOTAL        | =SUM(B2:B4)
""",
}
