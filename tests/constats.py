"""Checking a workbook built from a readable description, and its findings as tests
compare them: (code, severity, sheet, cell, cells, message)."""

from __future__ import annotations

from classeurs import construire
from pointage.engine.check import check_path


def verifie(dossier, feuilles):
    """The report of the workbook `feuilles` (see `classeurs.construire`), read."""
    report = check_path(construire(dossier / "c.xlsx", feuilles))
    assert not report.unreadable, report.reason
    return report


def montres(report) -> list[tuple]:
    return [(f.code, f.severity.value, f.sheet, f.cell, f.cells, f.message) for f in report.findings]
