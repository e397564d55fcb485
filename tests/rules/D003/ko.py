# Seed 001, article 11 retyped: the imputation of C02-582A01 quoted 6568/93558 where the budget table gives 6568/9358; the row of C02-582A02 agrees.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02 | 6568/9358 | Accompagnement des jeunes | 855000 | 268567
C02-582A01 | 6568/9358 | Fonds d'aide aux jeunes | 130000 | 5000
""",
}
DELIBERATION = [
    "Article 11 :",
    [
        ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "AE €", "Dépense €"],
        ["C02-582A02", "6568/9358", "Accompagnement des jeunes", "855 000,00", "268 567,00"],
        ["C02-582A01", "6568/93558", "Fonds d’aide aux jeunes", "130 000,00", "5 000,00"],
    ],
]
