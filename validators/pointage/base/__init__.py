"""Foundations every step uses: A1 addresses, text keys, numbers, French formatting,
files. Imports nothing else of Pointage."""
