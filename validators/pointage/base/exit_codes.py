"""The exit codes of every `pointage` command (README: 0, 1, 2)."""

OK = 0  # no erreur (nothing refused)
ERREUR = 1  # at least one erreur: a table must be corrected (or an export was refused)
USAGE = 2  # a file that cannot be read, a bad command line, an output that cannot be written
# Nothing checked at all: every workbook given opened but holds no table Pointage
# understands (one such file among checked ones changes nothing: a commission's folder
# holds workbooks that are not annexes).
NOTHING_CHECKED = 3
