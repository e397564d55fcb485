# The same balance, every Solde débiteur − Solde créditeur equal to the débits less the crédits of its account.
CLASSEUR = {
    "Balance": """
BALANCE GÉNÉRALE AU 31/01/2025

Compte              | Débit antérieur | Crédit antérieur | Débit période | Crédit période | Solde débiteur | Solde créditeur
401000 Fournisseurs | 0               | 12000            | 9500          | 3000           | 0              | 5500
411000 Clients      | 2500            | 0                | 800           | 1200           | 2100           | 0
512000 Banque       | 30000           | 0                | 4000          | 9500           | 24500          | 0
606000 Achats       | 0               | 0                | 3000          | 0              | 3000           | 0
706000 Ventes       | 0               | 0                | 0             | 800            | 0              | 800
""",
}
