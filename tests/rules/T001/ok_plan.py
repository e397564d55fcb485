# Seed 003, volet 3 as printed: empty `Total …` and `Pour info` rows are transparent; `Total solutions locales CD` = 250 000 + 148 750 + 220 000.
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Renforcement des équipes locales PE / CD
ETP CD | Accompagnement
Total ETP CD
Pour info : Total ETP PE
Solutions locales CD | Accompagnement délégué à une structure du PDI (organisme référent) | 11 ETP soit 275 000 sur 6 mois | 21 ETP soit 525 000 sur 6 mois | 10 ETP soit 250 000 sur 6 mois | 250000
 | Ateliers collectifs d'activités | 225 places | 415 places | 190 places | 148750
 | Modules collectifs de développement des savoirs être | 412 places | 722 places | 310 places | 220000
Total solutions locales CD | | | | | 618750
Pour info : Total solutions locales PE
Total Solutions locales
TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 3 : | | | | | 618750
""",
}
