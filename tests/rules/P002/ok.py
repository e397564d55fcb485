# Seed 003 as printed: volet 1 totals 135 000 € for a plafond of 135 000,00 (equal is allowed); volet 3, three blank rows below, has an empty PLAFOND line (no ceiling to check).
CLASSEUR = {
    "Annexe 2": """
Construction du plan de financement - VOLET 1 - Période du 01/01/24 au 31/12/24
PLAFOND DEPARTEMENT | | 135000
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
ETP CD | Ingénierie (chefferie de projet) | 0,20 ETP | 2,20ETP | 2ETP | 100000
Total ETP CD | | | | | 100000
Dépenses CD | Paramétrage SI en vue de l'interconnexion | | | | 35000
Total | | | | | 35000
TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 : | | | | | 135000



Construction du plan de financement - VOLET 3 - Période du 01/07/24 au 31/12/24
PLAFOND DEPARTEMENT
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Solutions locales CD | Ateliers collectifs d'activités | 225 places | 415 places | 190 places | 618750
Total solutions locales CD | | | | | 618750
""",
}
