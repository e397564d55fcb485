# The same total as a range over the whole block, the empty line included; and a title line inside the block (no number at all), skipped by a total written term by term.
CLASSEUR = {
    "Annexe": """
STRUCTURE    | PLACES | MONTANT RETENU
CCAS de Lens | 10     | 800
CCAS Liévin  | 20     |
AIFOR        | 5      | 400
TOTAL        | =SUM(B2:B4) | =SUM(C2:C4)
Fonctionnement |      |
3ID          | 15     | 1200
ADEFI        | 12     | 960
TOTAL        | =B7+B8 | =C7+C8
""",
}
