"""Opening a workbook with python-calamine, whatever the file is named.

calamine chooses its reader by the file's extension: a file whose name does not say
its format (a `.xlsx` renamed `.xls`) is handed over as bytes, which calamine reads by
content. calamine may also panic on a malformed file; a panic is a `BaseException`,
not an `Exception`, and must end as a French message like any other failure.
"""

from __future__ import annotations

import io
from pathlib import Path

import python_calamine

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.formats import CALAMINE_SUFFIX, FORMAT_NAMES, XLSX

_SAME_READER = {".xlsm": XLSX, ".xlam": XLSX}


def open_calamine(path: Path, kind: str) -> python_calamine.CalamineWorkbook:
    """The workbook, opened by calamine's reader for `kind`; UnreadableWorkbook with a
    French reason when calamine cannot open it."""
    suffix = path.suffix.lower()
    try:
        if suffix == CALAMINE_SUFFIX[kind] or _SAME_READER.get(suffix) == kind:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except python_calamine.PasswordError as exc:
        raise UnreadableWorkbook("le classeur est protégé par un mot de passe.") from exc
    except BaseException as exc:
        if not is_calamine_failure(exc):
            raise
        raise UnreadableWorkbook(
            f"le classeur (format {FORMAT_NAMES[kind]}) est endommagé : son contenu ne peut pas être lu."
        ) from exc


def is_calamine_failure(exc: BaseException) -> bool:
    """An error of calamine's: one of its exceptions, a panic of its Rust code, or an
    ordinary Python error raised from it; never an interruption by the user."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        return False
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"
