"""The sheets Pointage writes into a workbook (annotated copy, add-in): never annex
tables, removed when the marks are removed."""

CONTROLES_SHEET = "Contrôles"  # the summary of the findings, one line each
JOURNAL_SHEET = "_pointage"  # hidden: the add-in's record of every mark, to undo them
POINTAGE_SHEETS = frozenset({CONTROLES_SHEET, JOURNAL_SHEET})
