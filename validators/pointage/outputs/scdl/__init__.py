"""The SCDL *subventions* export: a checked grant table as the national open-data CSV
(`api.export_scdl`), validated against the official schema (`validation.py`)."""
