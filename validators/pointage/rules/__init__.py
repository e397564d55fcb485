"""Step 4, analyses -> findings: one module per family of rules (see families.py),
the registry where a rule is defined, and the generated catalogue."""
