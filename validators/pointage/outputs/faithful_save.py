"""Saving an openpyxl workbook without the losses openpyxl makes on the way.

openpyxl writes a formula without its cached value, and a text run that starts or
ends with white space without `xml:space="preserve"` when nothing else is left once
stripped (`" "`, `"\u00a0 "`): Excel and calamine then drop the spaces, « CCAS de
Bethune » becomes « CCASde Bethune ». Each sheet part is mended as openpyxl writes it
into the archive, in one pass over its XML: no second archive is built.
"""

from __future__ import annotations

import re
import zipfile

# openpyxl's own writing of a formula cell: `<c r="E10" s="5"><f>SUM(E4:E9)</f><v/></c>`
# (lxml writes `<v/>`, ElementTree `<v />`, both may write `<v></v>`).
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]+\d+)"((?: s="\d+")?)>(<f(?:\s[^>]*)?(?:/>|>[^<]*</f>))<v(?:\s*/>|></v>)</c>'
)
# A text element written without `xml:space`: it needs "preserve" when its text starts
# or ends with white space (or a character reference, which may be one: "preserve" on
# a text with nothing to trim changes nothing).
_BARE_TEXT = re.compile(rb"<t>([^<]*)</t>")
_MAY_BE_SPACE_FIRST = b" \t\r\n&"
_MAY_BE_SPACE_LAST = b" \t\r\n;"


class FaithfulArchive(zipfile.ZipFile):
    """The zip file openpyxl's ExcelWriter writes into; `cached[part]` gives, for the
    sheet saved as `part`, the cached values of its formula cells (reference -> (type
    attribute, value text), see reading/cached_values.py)."""

    def __init__(self, file, cached: dict[str, dict[bytes, tuple[bytes, bytes]]]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.cached = cached

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, everything else by writestr.
        if arcname is not None and str(arcname).startswith("xl/worksheets/"):
            with open(filename, "rb") as handle:
                data = handle.read()
            return self.writestr(str(arcname), data, compress_type, compresslevel)
        return super().write(filename, arcname, compress_type, compresslevel)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        name = zinfo_or_arcname if isinstance(zinfo_or_arcname, str) else zinfo_or_arcname.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            data = mend_sheet(
                data if isinstance(data, bytes) else data.encode("utf-8"), self.cached.get(name, {})
            )
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


def mend_sheet(xml: bytes, cached: dict[bytes, tuple[bytes, bytes]]) -> bytes:
    """The sheet as openpyxl wrote it, with its formulas' cached values and the spaces
    of its text runs kept."""
    if b"<t>" in xml:
        xml = _BARE_TEXT.sub(_preserved, xml)
    if cached and b"<f" in xml:

        def with_value(match: re.Match) -> bytes:
            ref, style, formula = match.group(1), match.group(2), match.group(3)
            known = cached.get(ref)
            if known is None:
                return match.group(0)
            kind, value = known
            typed = b"" if kind == b"n" else b' t="' + kind + b'"'
            return b'<c r="' + ref + b'"' + style + typed + b">" + formula + b"<v>" + value + b"</v></c>"

        xml = _FORMULA_CELL.sub(with_value, xml)
    return xml


def _preserved(match: re.Match) -> bytes:
    text = match.group(1)
    if text and (text[0] in _MAY_BE_SPACE_FIRST or text[-1] in _MAY_BE_SPACE_LAST):
        return b'<t xml:space="preserve">' + text + b"</t>"
    return match.group(0)
