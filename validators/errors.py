"""Errors that stop the reading of one workbook (never the whole run)."""


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; the message is French, for the user."""
