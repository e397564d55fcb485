"""Writing workbooks that Pointage itself produces (template, examples)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pointage.base.files import write_atomically

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

# The same bytes for the same content: shipped files can be rebuilt and compared.
FIXED_STAMP = datetime(2024, 9, 16)
# English format code, shown by French Excel as `1 234,50 €` (excel-facts.md).
MONEY_FORMAT = '#,##0.00 "€"'


def build_main(build: Callable[[], Workbook], stamp: datetime, default: Path, argv: list[str]) -> int:
    """`main()` of an example's build script: write `build()` to argv[1] or `default`."""
    path = Path(argv[1]) if len(argv) > 1 else default
    save_deterministic(build(), path, stamp)
    print(path)
    return 0


def save_deterministic(
    workbook: Workbook,
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
    write_atomically(Path(path), out.getvalue())
