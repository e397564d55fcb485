"""Loading the checked workbook with openpyxl for its annotated copy, without the
changes openpyxl's reader makes on the way.

openpyxl's reader, left to itself:
- reads a cell format without a number format (`<xf/>`) as one of format 0, which a
  workbook may redefine (`0` as `dd.mm.yyyy`, ClosedXML's `xf_default_values.xlsx`):
  its numbers, General for Excel and calamine, became dates (9 169 450 `#VALUE!`) and
  were saved as dates. Here such a format is General, written so, and no number is
  turned into a date on the way (a date is written back as the serial it was);
- keeps the spaces that Excel does not read around a `<t>` written without
  `xml:space="preserve"`, and drops the runs of a text that has a plain part first
  (`<si><t>tval</t><r>…</r></si>`): here each text is what Excel reads (`excel_text`);
- makes an object per cell of each merged range and copies borders to its edges (26 s
  for a sheet of many merges): here the ranges are kept as written, their cells as the
  file has them;
- parses a print area or print titles with a regular expression whose time grows with
  the square of the text: a definition that is not one is kept as written;
- writes a number with 16 significant digits (0.30000000000000004 becomes 0.3): a
  number that needs more keeps its exact writing.
"""

from __future__ import annotations

import re

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS, XML_NS
from openpyxl.xml.functions import fromstring, iterparse

from pointage.reading.zip_parts import open_part, read_part

_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"
_RPR = f"{{{SHEET_MAIN_NS}}}rPr"
_C = f"{{{SHEET_MAIN_NS}}}c"
_ROW = f"{{{SHEET_MAIN_NS}}}row"
_IS = f"{{{SHEET_MAIN_NS}}}is"
_SPACE = f"{{{XML_NS}}}space"
# White space as XML defines it: a no-break space is a character, kept.
XML_SPACES = " \t\r\n"

# What a print area or print titles may hold: cells, rows or columns, each after its
# sheet's name, separated by commas. Linear: each alternative starts differently.
_SHEET = r"(?:'(?:[^']|'')+'|[^'!,\s]+)!"
_AREA = r"\$?(?:[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\d+:\$?\d+)"
_PRINT_REFERENCE = re.compile(rf"(?:{_SHEET})?{_AREA}(?:,(?:{_SHEET})?{_AREA})*")
_PARSED_NAMES = ("_xlnm.Print_Titles", "_xlnm.Print_Area")
# In a sheet's XML, where openpyxl's reading of an inline string and Excel's may differ.
_READ_OTHERWISE = re.compile(rb"<(?:\w+:)?t>(?:\s|&#)|(?:\s|;)</(?:\w+:)?t>|</(?:\w+:)?t><(?:\w+:)?r>")


def load_for_copy(handle, keep_vba: bool):
    """The openpyxl workbook of the file open as `handle`."""
    reader = _SourceReader(handle, keep_vba=keep_vba, rich_text=True)
    reader.read()
    for index, name in reader.names_kept_as_written:
        if 0 <= index < len(reader.wb._sheets):
            reader.wb._sheets[index].defined_names[name.name] = name
    for sheet in reader.wb.worksheets:
        _numbers_written_exactly(sheet)
    return reader.wb


def excel_text(element) -> str | CellRichText:
    """The text of a shared string `<si>` or an inline string `<is>` as Excel reads it:
    its plain part and its runs, in order; a part written without
    `xml:space="preserve"` without the white space around it. Phonetic guides
    (`<rPh>`) are not part of the text."""
    parts: list[str | TextBlock] = []
    for child in element:
        if child.tag == _T:
            parts.append(_as_read(child))
        elif child.tag == _R:
            text = child.find(_T)
            font = child.find(_RPR)
            read = _as_read(text) if text is not None else ""
            parts.append(TextBlock(InlineFont.from_tree(font), read) if font is not None else read)
    parts = [p for p in parts if (p.text if isinstance(p, TextBlock) else p)]
    if all(isinstance(p, str) for p in parts):
        return "".join(parts)
    return CellRichText(parts)


def _as_read(t) -> str:
    text = (t.text or "").replace("x005F_", "")  # openpyxl's own unescaping, kept
    return text if t.get(_SPACE) == "preserve" else text.strip(XML_SPACES)


def _read_shared_strings(source) -> list:
    strings = []
    for _, node in iterparse(source):
        if node.tag == _SI:
            strings.append(excel_text(node))
            node.clear()
    return strings


class _SourceReader(ExcelReader):
    names_kept_as_written: list

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)  # as openpyxl finds it
        if part is not None:
            with open_part(self.archive, part.PartName[1:]) as source:
                self.shared_strings = _read_shared_strings(source)

    def read_worksheets(self):
        _general_where_no_format_is_given(self.archive, self.wb)
        # The numbers stay numbers: a date is written back as the serial it was.
        self.wb._date_formats, self.wb._timedelta_formats = set(), set()
        self.names_kept_as_written = _set_aside_unparsable_print_names(self.parser.defined_names)
        sheets = []
        create_sheet = self.wb.create_sheet

        def created(*args, **kwargs):
            sheet = create_sheet(*args, **kwargs)
            # openpyxl calls this for each merged range it reads, to make a MergedCell of
            # every cell of the range: the range alone is kept instead.
            sheet._clean_merge_range = _range_only
            sheets.append(sheet)
            return sheet

        self.wb.create_sheet = created
        try:
            super().read_worksheets()
        finally:
            del self.wb.create_sheet
            for sheet in sheets:
                del sheet._clean_merge_range
        _read_inline_strings_again(self.archive, self.parser, self.wb)


def _numbers_written_exactly(sheet) -> None:
    """openpyxl writes a number as `"%.16g" % value`: one that this does not give back
    gets its exact writing as its value (openpyxl writes a text value of a number cell
    as it is)."""
    for cell in sheet._cells.values():
        value = cell._value
        kind = value.__class__
        if kind is float:
            if float(f"{value:.16g}") != value:
                cell._value = repr(value)
        elif kind is int and not -(10**15) < value < 10**15:
            cell._value = str(value)


def _range_only(merged_range) -> None:
    """A merged range read: nothing to do to its cells."""


def _general_where_no_format_is_given(archive, workbook) -> None:
    """A cell format that gives no number format id is General (as Excel and calamine
    read it), even where the workbook redefines id 0, which openpyxl gives it."""
    if ARC_STYLE not in archive.namelist():
        return
    styles = fromstring(read_part(archive, ARC_STYLE))
    formats = styles.find(f"{{{SHEET_MAIN_NS}}}numFmts")
    if formats is None or not any(f.get("numFmtId") == "0" for f in formats):
        return
    cell_formats = styles.find(f"{{{SHEET_MAIN_NS}}}cellXfs")
    # openpyxl made its cell formats from `cellXfs`, one for one, in order.
    kept = list(workbook._cell_styles)
    for index, xf in enumerate(list(cell_formats if cell_formats is not None else [])[: len(kept)]):
        if xf.get("numFmtId") is None and kept[index].numFmtId != 0:
            kept[index] = type(kept[index])(kept[index])
            kept[index].numFmtId = 0  # the copy redefines no built-in format
    workbook._cell_styles = IndexedList(kept)


def _set_aside_unparsable_print_names(defined_names) -> list:
    """The sheets' print areas and print titles that are not references (openpyxl would
    spend minutes on a long one, then fail): taken from openpyxl's list, to be kept as
    the sheet's own names, written as they were."""
    if defined_names is None:
        return []
    kept, aside = [], []
    for name in defined_names.definedName:
        value = (name.value or "").strip()
        if (
            name.name in _PARSED_NAMES
            and name.localSheetId is not None
            and not _PRINT_REFERENCE.fullmatch(value)
        ):
            aside.append((int(name.localSheetId), name))
        else:
            kept.append(name)
    if aside:
        defined_names.definedName = kept
    return aside


def _read_inline_strings_again(archive, parser, workbook) -> None:
    """openpyxl reads an inline string (`<c t="inlineStr"><is>…`) as written: each is
    read again here, as Excel reads it, in the sheets where one may be read otherwise
    (a `<t>` with white space or a character reference at an end, or a plain part
    followed by runs)."""
    parts = set(archive.namelist())
    for sheet, rel in parser.find_sheets():
        part = rel.target
        if part not in parts or sheet.name not in workbook.sheetnames:
            continue
        if not _holds(archive, part, _READ_OTHERWISE):
            continue
        worksheet = workbook[sheet.name]
        with open_part(archive, part) as source:
            for _, node in iterparse(source):
                if node.tag == _ROW:
                    node.clear()
                if node.tag != _C:
                    continue
                if node.get("t") == "inlineStr" and node.get("r") and node.find(_IS) is not None:
                    cell = worksheet[node.get("r")]
                    if cell.data_type == "s":  # a text, even one that starts with =
                        cell._value = excel_text(node.find(_IS))
                node.clear()


def _holds(archive, part: str, pattern: re.Pattern) -> bool:
    tail = b""
    with open_part(archive, part) as stream:
        while chunk := stream.read(1 << 20):
            if pattern.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False
