# Negative amounts typed into the répartition (a real -1200, `(1 200,00)` and `-1 200,00` as text); the refused dossier at 0 is fine.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION                         | STRUCTURE                    | DESCRIPTION                          | MONTANT RETENU
Renforcement des missions locales | ADEFI - Mission Locale       | Renforcement des missions locales    | 20000
Renforcement des missions locales | Mission locale du Ternois    | Reprise du trop-perçu 2023           | -1200
Renforcement des missions locales | Mission locale de l'Artois   | Régularisation de l'avance 2023      | "(1 200,00)"
Renforcement des missions locales | Mission locale du Montreuillois | Régularisation de l'avance 2023   | "-1 200,00"
Renforcement des missions locales | Mission locale du Boulonnais | Dossier non retenu                   | 0
Renforcement des missions locales | Mission locale de Lens-Liévin | Renforcement des missions locales   | 5000
TOTAL                             |                              |                                      | 21400
""",
}
