# The same mismatch as ko.py, in a collectivité whose codes do not carry the fonction.
CLASSEUR = {
    "Délibération": """
Code Opération | Imputation budgétaire | Libellé Opération                      | AE €     | Dépense €
C02-446A05     | 6568/9358             | Indemnisation des organismes référents | 9169450  | 464570
""",
    "Paramètres": """
Paramètre                    | Valeur
Exercice                     | 2024
Fonction du code opération   | Non
""",
}
