# A circular reference across three sheets: the total of Annexe 1 adds the summary by mistake, the total of Annexe 2 carries Annexe 1's, and the summary takes Annexe 2's.
CLASSEUR = {
    "Annexe 1": """
STRUCTURE    | PLACES | MONTANT RETENU
CCAS de Lens | 10     | 800
AIFOR        | 5      | 400
TOTAL        | =SUM(B2:B3) | =SUM(C2:C3)+Récapitulatif!B2
""",
    "Annexe 2": """
STRUCTURE    | PLACES | MONTANT RETENU
3ID          | 15     | 1200
ADEFI        | 12     | 960
TOTAL        | =SUM(B2:B3) | =SUM(C2:C3)+'Annexe 1'!C4
""",
    "Récapitulatif": """
ANNEXES           | MONTANT
Total des annexes | =SUM('Annexe 2'!C4)
""",
}
