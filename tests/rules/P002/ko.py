# Seed 003, volet 1, with the SI line raised to 50 000 €: the plan total (150 000 €) exceeds the PLAFOND DEPARTEMENT of 135 000,00 written above the table; the section totals do not.
CLASSEUR = {
    "Annexe 2": """
Construction du plan de financement - VOLET 1 - Période du 01/01/24 au 31/12/24
PLAFOND DEPARTEMENT | | 135000
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
ETP CD | Ingénierie (chefferie de projet) | 0,20 ETP | 2,20ETP | 2ETP | 100000
Total ETP CD | | | | | 100000
Dépenses CD | Paramétrage SI en vue de l'interconnexion | | | | 50000
Total | | | | | 50000
TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 : | | | | | 150000
""",
}
