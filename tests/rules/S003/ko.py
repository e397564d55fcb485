# nature written with a capital twice, a montant typed the French way as text, a period with `_`, a percentage of 100 for 1.
CLASSEUR = {
    "Subventions": """
nomAttribuant | idAttribuant | dateConvention | referenceDecision | nomBeneficiaire | idBeneficiaire | rnaBeneficiaire | objet | montant | nature | conditionsVersement | datesPeriodeVersement | idRAE | notificationUE | pourcentageSubvention | dispositifAide
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Les Petits Pas | 38047555800058 | | Accueil de jour | "1200,50" | Aide en numéraire | unique | 2024-10-01 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Amicale du Ternois | | W620001234 | Fête de quartier | 800 | Aide en numéraire | échelonné | 2024-10-01_2025-06-30 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-13 | Mission locale de l'Artois | 21060004500392 | | Fonds d'aide aux jeunes | 25000 | aide en numéraire | unique | 2024-11-15 | | non | 100 |
""",
}
