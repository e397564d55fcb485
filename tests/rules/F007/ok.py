CLASSEUR = {
    "Annexe 1": """
OPÉRATION                         | STRUCTURE                    | DESCRIPTION                                              | MONTANT RETENU
Renforcement des missions locales | ADEFI - Mission Locale       | Renforcement des missions locales                        | 20000
Renforcement des missions locales | Mission locale du Ternois    | Renforcement des missions locales (trop-perçu 2023 déduit) | 3800
Renforcement des missions locales | Mission locale de l'Artois   | Renforcement des missions locales (avance 2023 déduite)  | 3800
Renforcement des missions locales | Mission locale du Montreuillois | Renforcement des missions locales (avance 2023 déduite) | 3800
Renforcement des missions locales | Mission locale du Boulonnais | Dossier non retenu                                       | 0
Renforcement des missions locales | Mission locale de Lens-Liévin | Renforcement des missions locales                       | 5000
TOTAL                             |                              |                                                          | 36400
""",
}
