"""Export of a checked table for the Word report (issue 6)."""
