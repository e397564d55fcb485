"""Where an export is written, and how (never over the workbook, never silently over a file)."""

from __future__ import annotations

import re
from pathlib import Path

from pointage.base.files import already_exists
from pointage.outputs.export.selection import ExportError

# Characters Windows refuses in file names (sheet names may hold some of them).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


# The file extension of each format (an SCDL export is a CSV).
_EXTENSIONS = {"docx": ("docx",), "html": ("html", "htm"), "scdl": ("csv",)}


def default_output(workbook: Path, sheet: str, fmt: str, table: int | None = None) -> Path:
    """`<classeur>-<feuille>.docx` next to the workbook (`-tableau-N` for one table of several)."""
    name = f"{workbook.stem}-{_UNSAFE.sub('_', sheet).strip()}"
    if table is not None:
        name += f"-tableau-{table}"
    return workbook.with_name(f"{name}.{_EXTENSIONS[fmt][0]}")


def check_output(workbook: Path, target: Path, fmt: str, replace: bool) -> None:
    """Refuse a target that is the workbook, has another format, or exists (unless
    `replace`)."""
    if target.suffix.lower().lstrip(".") not in _EXTENSIONS[fmt]:
        other = next((f for f, ext in _EXTENSIONS.items() if target.suffix.lower().lstrip(".") in ext), None)
        hint = f"--format {other}" if other else f"--format {'html' if fmt == 'docx' else 'docx'}"
        raise ExportError(
            f"« {target.name} » : un export {fmt} s'écrit dans un fichier .{_EXTENSIONS[fmt][0]} "
            f"(ou indiquez {hint})."
        )
    if target.exists() and workbook.exists() and target.resolve() == workbook.resolve():
        raise ExportError(f"« {target} » est le classeur lui-même : il n'est jamais modifié.")
    refusal = None if replace else already_exists(target, "--remplacer")
    if refusal:
        raise ExportError(refusal)
    if not target.parent.is_dir():
        raise ExportError(f"le dossier « {target.parent} » n'existe pas.")
