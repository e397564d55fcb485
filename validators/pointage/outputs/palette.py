"""Every colour Pointage paints with (RGB, no `#`): the marks and the Contrôles sheet
(annotated copy, add-in), and the Word/HTML export of a table."""

from pointage.report.findings import Severity

# The wrong cell gets the strong colour, the other cells involved a light one. Info
# findings are listed, never painted.
FILLS = {
    (Severity.ERREUR, True): "FF8080",
    (Severity.ERREUR, False): "FDE2E2",
    (Severity.AVERTISSEMENT, True): "FFC000",
    (Severity.AVERTISSEMENT, False): "FFF2CC",
}
# The severity column of the Contrôles sheet takes the strong colour.
SEVERITY_FILLS = {s.value: FILLS[(s, True)] for s in (Severity.ERREUR, Severity.AVERTISSEMENT)}
HEADER_FILL = "D9E1F2"  # column headers of the Contrôles sheet
LINK_COLOUR = "0563C1"  # Excel's hyperlink blue, on the Contrôles sheet

# The export of a table for the Word report.
REPORT_HEADER_FILL = "D9D9D9"  # header row background
UNCHECKED_RED = "C00000"  # the TABLEAU NON VÉRIFIÉ line
