# The commonest circular reference: a total whose SUM takes in its own row (`=SUM(D2:D5)` written in D5), as when the range is dragged one row too far.
CLASSEUR = {
    "Annexe": """
OPÉRATION   | STRUCTURE         | PLACES      | MONTANT RETENU
Insertion   | CCAS d'Arras      | 12          | 960
Insertion   | Mission locale    | 8           | 640
Insertion   | PLIE du Calaisis  | 6           | 480
TOTAL       |                   | =SUM(C2:C4) | =SUM(D2:D5)
""",
}
