# Seed 003's key figures: 8 661 demandeurs d'emploi "dont 1 313, 2 081 et 5 548" (= 8 942); a flux total typed 3 200 for the range of the three territories (= 3 300); portefeuilles whose components are not numbers.
CLASSEUR = {
    "Chiffres clés": """
LIBELLÉ | VALEUR | COMPOSANTES
Demandeurs d'emploi avec un droit ouvert RSA | 8661 | 1 313 + 2 081 + 5 548
Délégués du CD (ETP) | 21 | 3,5 ; 4,5 ; 13
Nombre de BRSA entrants (flux) | 3200 | B5:B7
Flux Montreuillois | 426 |
Flux Audomarois | 756 |
Flux Lensois | 2118 |
Portefeuilles France Travail | 27 | cinq + 6 + 16
""",
}
