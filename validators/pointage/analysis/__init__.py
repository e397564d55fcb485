"""Step 3, tables -> analyses: what totals sum, amounts recomputed at the Barème,
budget lines, references. The check context carries them to the rules."""
