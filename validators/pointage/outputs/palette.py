"""The colours of Pointage's marks, for every output that paints (RGB, no `#`)."""

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
