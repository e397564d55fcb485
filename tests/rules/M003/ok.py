# Corrected: the three refused requests are at 0 € (seed 001), only the retained one is funded.
CLASSEUR = {
    "Annexe 4": """
TERRITOIRE    | STRUCTURE                                       | DESCRIPTION                                                      | DOSSIER RETENU | MONTANT RETENU
Montreuillois | Mission locale de Montreuil - Côte d'Opale      | Aide au permis de conduire des jeunes                            | Oui            | 5218
Ternois       | ADEFI - Mission Locale                          | Projet « Vaillant-es et engagées : les supers héros de demain »  | Non            | 0
Ternois       | ADEFI - Mission Locale                          | Projet « MILES » : mobilité internationale                       | Non            | "0 €"
Lens Liévin   | Mission locale de l'agglomération de Lens Liévin | Projet « Here We Go : les jeunes s'engagent »                   | Non            | 0
TOTAL         |                                                 |                                                                  |                | 5218
""",
}
