# A publication (its field names written in lower case) without the columns nature and notificationUE the schema requires.
CLASSEUR = {
    "Subventions": """
nomattribuant | idattribuant | dateconvention | referencedecision | nombeneficiaire | idbeneficiaire | rnabeneficiaire | objet | montant | conditionsversement | datesperiodeversement | idrae | pourcentagesubvention | dispositifaide
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Les Petits Pas | 38047555800058 |  | Accueil de jour | 1200.5 | unique | 2024-10-01 |  | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Amicale du Ternois |  | W620001234 | Fête de quartier | 800 | échelonné | 2024-10-01/2025-06-30 |  | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-13 | Mission locale de l'Artois | 21060004500392 |  | Fonds d'aide aux jeunes | 25000 | unique | 2024-11-15 |  | 1 |
""",
}
