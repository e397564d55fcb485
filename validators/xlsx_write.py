"""Writing workbooks that Pointage itself produces (template, examples)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

# The same bytes for the same content: shipped files can be rebuilt and compared.
FIXED_STAMP = datetime(2024, 9, 16)


def save_deterministic(
    workbook,
    path: Path,
    stamp: datetime = FIXED_STAMP,
    transform: Callable[[str, bytes], bytes] | None = None,
) -> None:
    """Save with fixed document dates and zip timestamps; `transform(name, data)` may
    rewrite a part on the way (openpyxl cannot write a formula's cached value)."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, unlike Workbook.save, keeps `modified` as set above.
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if transform is not None:
                data = transform(info.filename, data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    Path(path).write_bytes(out.getvalue())
