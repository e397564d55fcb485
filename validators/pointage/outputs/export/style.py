"""The look shared by the Word and HTML exports (its colours are in outputs/palette.py)."""

FONT = "Arial"  # layout.py measures text with Arial's metrics
TEXT_SIZE = 10.0  # points: the lines around the tables
