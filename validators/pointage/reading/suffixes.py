"""The workbook formats Pointage reads, as the user knows them: the names a folder is
searched for, and the list the help and the messages give (light to import: the
command line's help needs it before any reader is loaded)."""

from __future__ import annotations

# What a folder is searched for: the names of the formats Pointage reads. A file given
# by name is read whatever its name says.
# An `.xml` file is sniffed like any other: Excel 2003 XML, or skipped.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")

# `.xlsx, .xlsm, .xls, .xlsb, .ods, XML Excel 2003, CSV`: every format read, for a
# person. A `.csv` is sniffed like an `.xml`: read when its lines hold columns.
FORMATS_READ = ", ".join(WORKBOOK_SUFFIXES) + ", XML Excel 2003, CSV"
