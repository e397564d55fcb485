"""What the Calc extension asks of Pointage: one workbook checked, and everything to
write in the document, decided here.

The extension runs in LibreOffice's own Python, which cannot import Pointage: it runs
`pointage addin calc-marques FICHIER` and applies the JSON this module prints, plain
data only. Every decision is the Excel add-in's: the mark plan (pointage.outputs.marks),
the marks of a merged area on its top-left cell and the notes joined
(pointage.addin.marking), the layout of `Contrôles` (pointage.outputs.controls_layout),
the name of that sheet when a user's sheet has it, the closing message
(pointage.addin.macros). The report itself is the one `pointage verifier --format json`
prints, under `verifier`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pointage.addin.macros import summary_message, unreadable_message
from pointage.addin.marking import _targets
from pointage.base import exit_codes
from pointage.base.addresses import sheet_key
from pointage.base.fingerprint import sha256_of
from pointage.base.own_sheets import CONTROLES_SHEET, free_name
from pointage.engine.check import check_path
from pointage.outputs.controls_layout import CONTROLES_HEADERS, controls_layout
from pointage.outputs.json_report import report_to_dict
from pointage.outputs.marks import MarkPlan, build_plan
from pointage.reading.snapshot import WorkbookSnapshot
from pointage.report.model import Report

# What the extension reads; it refuses another version (a .oxt older than Pointage).
PAYLOAD_VERSION = 1
CHECKED, NOT_CHECKED = "verifie", "non_verifie"


def calc_payload(path: Path, protected: Sequence[str] = ()) -> dict[str, object]:
    """Check the workbook at `path`; the payload the extension applies. The sheets
    `protected` (Calc refuses to change their cells) get no mark: their findings are on
    `Contrôles`, and the message says how to see them on the cells."""
    retained: list[object] = []
    report = check_path(path, retain=retained)
    verifier = report_to_dict(Report(files=[report]))
    if report.unreadable or report.nothing_recognised or not retained:
        return {
            "version": PAYLOAD_VERSION,
            "status": NOT_CHECKED,
            "message": unreadable_message(report),
            "verifier": verifier,
        }
    snapshot = retained[0][0]  # type: ignore[index]
    assert isinstance(snapshot, WorkbookSnapshot)
    plan = build_plan(report, sha256_of(path))
    locked = {sheet_key(name) for name in protected}
    every_mark = _marks(plan, snapshot)
    marks = [mark for mark in every_mark if sheet_key(str(mark["sheet"])) not in locked]
    # The extension removes its own sheets before saving the document: the sheets read
    # are the user's, and `Contrôles` takes a name none of them has.
    sheet = free_name(CONTROLES_SHEET, [s.name for s in snapshot.sheets])
    return {
        "version": PAYLOAD_VERSION,
        "status": CHECKED,
        "message": summary_message(report, len(marks), sheet) + _left_unmarked(every_mark, locked),
        "marks": marks,
        "controls": _controls(plan, sheet),
        "verifier": verifier,
    }


def _marks(plan: MarkPlan, snapshot: WorkbookSnapshot) -> list[dict[str, object]]:
    """One entry per cell written: its sheet, its cell, the fill (`#RRGGBB`), the note."""
    merged = {s.name: s.merged for s in snapshot.sheets}
    marks: list[dict[str, object]] = []
    for sheet, cell_marks in plan.by_sheet().items():
        for (row, col), target in _targets(cell_marks, merged.get(sheet, [])).items():
            marks.append(
                {"sheet": sheet, "row": row, "col": col, "fill": "#" + target.fill, "note": target.note}
            )
    return marks


def _left_unmarked(marks: list[dict[str, object]], locked: set[str]) -> str:
    """What the message adds for each protected sheet that has cells to mark."""
    sheets = dict.fromkeys(str(m["sheet"]) for m in marks if sheet_key(str(m["sheet"])) in locked)
    return "".join(
        f"\nLa feuille « {sheet} » est protégée : ses cellules ne sont pas marquées. Ôtez la "
        "protection (Outils > Protéger la feuille) puis cliquez à nouveau sur « Vérifier » "
        "pour les voir."
        for sheet in sheets
    )


def _controls(plan: MarkPlan, name: str) -> dict[str, object]:
    """The `Contrôles` sheet as cells: values, links, fills, bold rows, formats, widths."""
    layout = controls_layout(plan)
    return {
        "name": name,
        "rows": layout.rows,
        "links": [
            {"row": link.row, "col": link.column, "target": link.target, "text": link.text}
            for link in layout.links
        ],
        "fills": [[row, col, "#" + fill] for (row, col), fill in sorted(layout.cell_fills.items())],
        "bold": [[header, columns] for header, columns in layout.headers] + [[layout.section_row, 1]],
        "formats": [[row, col, code] for (row, col), code in sorted(layout.formats.items())],
        "widths": list(layout.widths),
        "wrapped": [layout.first_finding - 1, len(layout.rows) - 1, len(CONTROLES_HEADERS)],
    }


def run_calc_marques(fichier: str, protected: Sequence[str] = ()) -> int:
    """`pointage addin calc-marques FICHIER`: the payload on standard output, in ASCII
    (escaped), whatever the encoding of the pipe the extension reads (cp1252 on Windows)."""
    path = Path(fichier)
    if not path.is_file():
        print(f"Classeur introuvable : {path}", file=sys.stderr)
        return exit_codes.USAGE
    try:
        payload = calc_payload(path, protected)
    except Exception:  # a bug of Pointage: a French sentence in the extension's message box
        print(
            "erreur inattendue de Pointage. Vérifiez le classeur en ligne de commande "
            "(pointage verifier --details) et transmettez le détail à l'équipe Pointage.",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    sys.stdout.write(json.dumps(payload, ensure_ascii=True))
    sys.stdout.write("\n")
    return exit_codes.OK
