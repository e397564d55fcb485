# A list of 20 expenses where Montant TTC = Montant HT + Montant TVA on 19 rows: the Affiches row says 45,00 € for 35,00 + 7,00 = 42,00 €. No header names that identity: it is inferred (I002, at least 95 % of at least 10 rows).
CLASSEUR = {
    "Dépenses": """
Libellé                | Montant HT | Montant TVA | Montant TTC
Fournitures de bureau  | 100.0 | 20.0 | 120.0
Repas des bénévoles    | 250.5 | 25.05 | 275.55
Location de salle      | 400 | 80 | 480
Transport              | 61.2 | 6.12 | 67.32
Affiches               | 35 | 7 | 45.0
Nettoyage              | 120 | 24 | 144
Sonorisation           | 300 | 60 | 360
Assurance              | 210 | 0.0 | 210.0
Boissons               | 45.5 | 4.55 | 50.05
Décoration             | 80 | 16 | 96
Sécurité               | 500 | 100 | 600
Photographe            | 150 | 30 | 180
Badges                 | 60 | 12 | 72
Gobelets               | 90 | 18 | 108
Tentes                 | 700 | 140 | 840
Chaises                | 130 | 26 | 156
Vidéo                  | 410 | 82 | 492
Impression             | 75.25 | 15.05 | 90.3
Fleurs                 | 55 | 11 | 66
Eau                    | 20 | 2 | 22
""",
}
