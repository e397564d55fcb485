"""Step 2, snapshot -> tables: headers by meaning, column roles, row kinds, the
Barème and Paramètres sheets."""
