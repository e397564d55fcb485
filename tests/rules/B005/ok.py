# Same codes in both tables, same AE, Dépense = Proposition.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €          | Dépense €
C02-566A05     | 6568/93566            | Indemnisation des organismes référents | "6 019 600,00" | "420 720,00"
C02-582A02     | 6568/9358             | Accompagnement des jeunes              | "855 000,00"   | "268 567,00"
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | "130 000,00"   | "5 000,00"
""",
    "Rapport": """
Code Opération | Imputation Budgétaire | Libellé Opération                      | AE €           | Disponible €    | Proposition € | Solde €
C02-566A05     | 6568/93566            | Indemnisation des organismes référents | "6 019 600,00" | "1 235 586,67"  | "420 720,00"  | "814 866,67"
C02-582A02     | 6568/9358             | Accompagnement des jeunes              | "855 000,00"   | "387 000,00"    | "268 567,00"  | "118 433,00"
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes                | "130 000,00"   | "130 000,00"    | "5 000,00"    | "125 000,00"
""",
}
