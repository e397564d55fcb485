# The commonest circular reference: a total whose SUM takes in its own row (`=SUM(D2:D5)` written in D5), as when the range is dragged one row too far.
CLASSEUR = {
    "Annexe": """
OPÉRATION | STRUCTURE    | PLACES      | MONTANT RETENU
Bloc A    | CCAS de Lens | 10          | 800
Bloc A    | CCAS Liévin  | 20          | 1600
Bloc A    | AIFOR        | 5           | 400
TOTAL     |              | =SUM(C2:C4) | =SUM(D2:D5)
""",
}
