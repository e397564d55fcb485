"""Opening a workbook with python-calamine, whatever the file is named.

calamine chooses its reader by the file's extension: a file whose name does not say
its format (a `.xlsx` renamed `.xls`) is handed over as bytes, which calamine reads by
content. calamine may also panic on a malformed file; a panic is a `BaseException`,
not an `Exception`, and must end as a French message like any other failure.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import python_calamine

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.formats import (
    CALAMINE_SUFFIX,
    FORMAT_NAMES,
    XLSX,
    normalise_part,
    rels_of,
)
from pointage.reading.zip_parts import open_part, read_part

USUAL_WORKBOOK = "xl/workbook.xml"

_SAME_READER = {".xlsm": XLSX, ".xlam": XLSX}


def open_calamine(path: Path, kind: str, workbook: str | None = None) -> python_calamine.CalamineWorkbook:
    """The workbook, opened by calamine's reader for `kind`; UnreadableWorkbook with a
    French reason when calamine cannot open it. `workbook`: the workbook part of an
    Office Open XML package, as its relationships name it."""
    suffix = path.suffix.lower()
    try:
        usual = _usual_package(path, workbook) if workbook not in (None, USUAL_WORKBOOK) else None
        if usual is not None:
            return python_calamine.CalamineWorkbook.from_filelike(usual)
        if suffix == CALAMINE_SUFFIX[kind] or _SAME_READER.get(suffix) == kind:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except python_calamine.PasswordError as exc:
        raise UnreadableWorkbook("le classeur est protégé par un mot de passe.") from exc
    except BaseException as exc:
        if not is_calamine_failure(exc):
            raise
        raise UnreadableWorkbook(calamine_reason(exc, kind)) from exc


def _usual_package(path: Path, workbook: str) -> io.BytesIO:
    """calamine looks for `xl/workbook.xml` by that name; a package whose workbook part
    has another name (allowed: `_rels/.rels` says which) is handed over in memory with
    its workbook part and relationships under the usual names."""
    with zipfile.ZipFile(path) as archive:
        folder = PurePosixPath(workbook).parent
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as usual:
            for info in archive.infolist():
                name = info.filename
                if name in (USUAL_WORKBOOK, rels_of(USUAL_WORKBOOK)) or info.is_dir():
                    continue
                if name == rels_of(workbook):
                    data = _targets_from_xl(read_part(archive, info), folder)
                    usual.writestr(rels_of(USUAL_WORKBOOK), data)
                    continue
                # Part by part, in blocks: the copy never holds a part whole.
                with (
                    open_part(archive, info) as part,
                    usual.open(USUAL_WORKBOOK if name == workbook else name, "w", force_zip64=True) as copy,
                ):
                    shutil.copyfileobj(part, copy, 1 << 20)
    out.seek(0)
    return out


def _targets_from_xl(rels: bytes, folder: PurePosixPath) -> bytes:
    """The workbook's relationships, their targets made relative to `xl/`."""

    def moved(match: re.Match) -> bytes:
        target = match.group(1).decode()
        part = target.lstrip("/") if target.startswith("/") else normalise_part(str(folder / target))
        relative = part[3:] if part.startswith("xl/") else "../" + part
        return b'Target="' + relative.encode() + b'"'

    return re.sub(rb'Target="([^"]*)"', moved, rels)


def sheet_cells(workbook: python_calamine.CalamineWorkbook, name: str) -> tuple[tuple[int, int], list[list]]:
    """The (first row, first column) and the values of the sheet `name` as calamine
    reads them: numbers, dates and times as such, texts, booleans. A failure of calamine
    is raised as it comes (see is_calamine_failure)."""
    sheet = workbook.get_sheet_by_name(name)
    first_row, first_col = sheet.start or (0, 0)
    return (first_row, first_col), sheet.to_python(skip_empty_area=True)


def worksheet_names(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    return [m.name for m in workbook.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]


def calamine_reason(exc: BaseException, kind: str) -> str:
    """What to tell the user of a calamine failure, in French (its own text is kept for
    the detail)."""
    if "limit exceeded" in str(exc).lower():
        return (
            "une feuille du classeur s'étend trop loin pour être lue (des cellules remplies très "
            "éloignées les unes des autres) : rapprochez ses cellules ou supprimez les cellules isolées."
        )
    return f"le classeur (format {FORMAT_NAMES[kind]}) est endommagé : son contenu ne peut pas être lu."


def is_calamine_failure(exc: BaseException) -> bool:
    """An error of calamine's: one of its exceptions, a panic of its Rust code, or an
    ordinary Python error raised from it; never an interruption by the user."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        return False
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"
