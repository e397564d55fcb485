# Seed 003, volet 3, as printed: 10 ETP × 25 000 € = 250 000; rows without a stated cost are not checked.
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes (ETP et volumes financiers) sur 6 mois | Cible (besoins et ETP ou volumes financiers) sur 6 mois | Delta entre la cible et l'existant (en ETP et volumes financiers) sur 6 mois | Montant delta (en volume financier compte tenu d'une montée en charge progressive) sur 6 mois
Solutions locales CD | Accompagnement délégué à une structure du PDI (organisme référent) | 11 ETP soit 275 000 sur 6 mois | 21 ETP soit 525 000 sur 6 mois | 10 ETP soit 250 000 sur 6 mois | 250000
 | Ateliers collectifs d'activités | 225 places | 415 places | 190 places | 148750
Total solutions locales CD | | | | | 398750
""",
}
