"""Step 1, source -> snapshot: a workbook file read once per sheet."""
