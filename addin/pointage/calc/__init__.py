"""The LibreOffice Calc extension: the .oxt built from this package, and what it asks of Pointage."""
