# The imputations as in the budget table, spaced or not; a paragraph quoting two codes and one imputation (which goes with which is not said) is not compared.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02 | 6568/9358 | Accompagnement des jeunes | 855000 | 268567
C02-582A01 | 6568/9358 | Fonds d'aide aux jeunes | 130000 | 5000
""",
}
DELIBERATION = [
    "Les crédits de C02-582A02 et C02-582A01 sont imputés sur 6568/93558.",
    [
        ["Code Opération", "Imputation Budgétaire", "Dépense €"],
        ["C02-582A02", "6568/9358", "268 567,00"],
        ["C02-582A01", "6568 / 9358", "5 000,00"],
    ],
]
