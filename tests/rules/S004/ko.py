# Two beneficiaries' SIRETs with a typo (a digit changed, two digits swapped): their check digits are wrong.
CLASSEUR = {
    "Subventions": """
nomAttribuant | idAttribuant | dateConvention | referenceDecision | nomBeneficiaire | idBeneficiaire | rnaBeneficiaire | objet | montant | nature | conditionsVersement | datesPeriodeVersement | idRAE | notificationUE | pourcentageSubvention | dispositifAide
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Les Petits Pas | 38047555800059 | | Accueil de jour | 1200.5 | aide en numéraire | unique | 2024-10-01 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Amicale du Ternois | | W620001234 | Fête de quartier | 800 | aide en numéraire | échelonné | 2024-10-01/2025-06-30 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-13 | Mission locale de l'Artois | 21060004500329 | | Fonds d'aide aux jeunes | 25000 | aide en numéraire | unique | 2024-11-15 | | non | 1 |
""",
}
