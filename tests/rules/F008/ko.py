# The CCAS de Lens row is pasted twice in the Accompagnement global block (row 5 = row 4); SAMPS in two territories, the two ADEFI projects and ADEFI in two blocks are not duplicates.
CLASSEUR = {
    "Annexe 1": """
OPÉRATION             | TERRITOIRE  | STRUCTURE              | DESCRIPTION                                            | MONTANT RETENU
Accompagnement global | Arrageois   | SAMPS                  | Prise en charge d'un portefeuille Accompagnement Global | 13750
Accompagnement global | Lens Liévin | SAMPS                  | Prise en charge d'un portefeuille Accompagnement Global | 13750
Accompagnement global | Lens Liévin | CCAS de Lens           | Prise en charge d'un portefeuille Accompagnement Global | 13750
Accompagnement global | Lens Liévin | CCAS de Lens           | Prise en charge d'un portefeuille Accompagnement Global | 13750
Accompagnement global | Ternois     | ADEFI - Mission Locale | Subvention de fonctionnement 2024                      | 5000
TOTAL                 |             |                        |                                                        | 60000
Mobilité              | Ternois     | ADEFI - Mission Locale | Projet « Permis de conduire »                          | 5000
Mobilité              | Ternois     | ADEFI - Mission Locale | Projet « Location de scooters »                        | 7500
Mobilité              | Ternois     | ADEFI - Mission Locale | Subvention de fonctionnement 2024                      | 5000
TOTAL                 |             |                        |                                                        | 17500
TOTAL GÉNÉRAL         |             |                        |                                                        | 77500
""",
}
