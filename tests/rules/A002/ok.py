# Seed 003's key figures that hold: 18 707 BRSA = 12 636 + 3 641 + 2 430, 21 ETP = 3,5 + 4,5 + 13, flux 3 300 = the range of the three territories, the volet amounts.
CLASSEUR = {
    "Chiffres clés": """
LIBELLÉ | VALEUR | COMPOSANTES
Bénéficiaires du RSA des 3 territoires | 18707 | 12 636 + 3 641 + 2 430
Délégués du CD (ETP) | 21 | 3,5 ETP ; 4,5 ETP ; 13 ETP
Nombre de BRSA entrants (flux) | 3300 | 'Chiffres clés'!B5:B7
Flux Montreuillois | 426 |
Flux Audomarois | 756 |
Flux Lensois | 2118 |
Montant alloué sur 2024 (volets 1, 2 et 3) | 4879642 | 135 000 € + 4 125 892 € + 618 750 €
""",
}
