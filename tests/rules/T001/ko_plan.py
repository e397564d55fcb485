# Seed 003, volet 2, "Remobilisation" section: the section total says 959 164 € where its two rows give 598 000 + 361 146 = 959 146 €.
CLASSEUR = {
    "Annexe 2": """
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
Remobilisation / entrée de parcours
Remobilisation | Pack inclusion renforcé pour l'emploi | 4000 places | 4240 places | 240 places | 598000
 | Pack inclusion renforcé pour l'emploi dans le bassin minier (ERBM) | 600 places | 630 place | 30 places | 361146
Total | | | | | 959164
""",
}
