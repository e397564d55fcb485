"""The look shared by the Word and HTML exports."""

FONT = "Arial"  # layout.py measures text with Arial's metrics
TEXT_SIZE = 10.0  # points: the lines around the tables
RED = "C00000"  # the TABLEAU NON VÉRIFIÉ line
HEADER_FILL = "D9D9D9"  # header row background
