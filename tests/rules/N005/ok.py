# No Paramètres: the year is that of the séance the sheet names, whose plan is known.
CLASSEUR = {
    "Délibération": """
DELIBERATION DE LA COMMISSION PERMANENTE - REUNION DU 16 SEPTEMBRE 2024

Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/93446            | Indemnisation des organismes référents | 9169450  | 464570
""",
}
