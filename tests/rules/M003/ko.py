# Two FAJ requests refused by the DPID (DOSSIER RETENU = Non) still carry the requested amount instead of 0 €.
CLASSEUR = {
    "Annexe 4": """
TERRITOIRE    | STRUCTURE                                       | DESCRIPTION                                                      | DOSSIER RETENU | MONTANT RETENU
Montreuillois | Mission locale de Montreuil - Côte d'Opale      | Aide au permis de conduire des jeunes                            | Oui            | 5218
Ternois       | ADEFI - Mission Locale                          | Projet « Vaillant-es et engagées : les supers héros de demain »  | Non            | 15000
Ternois       | ADEFI - Mission Locale                          | Projet « MILES » : mobilité internationale                       | Non            | "20 000,00 €"
Lens Liévin   | Mission locale de l'agglomération de Lens Liévin | Projet « Here We Go : les jeunes s'engagent »                   | Non            | 0
TOTAL         |                                                 |                                                                  |                | 40218
""",
}
