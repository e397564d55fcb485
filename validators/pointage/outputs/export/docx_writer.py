"""Word (.docx) rendering of exported tables, with python-docx."""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from datetime import datetime
from typing import TYPE_CHECKING

from pointage.outputs.export.content import Block, ExportedTable, Mention
from pointage.outputs.export.layout import MARGIN, PageLayout, TableLayout
from pointage.outputs.export.style import FONT, TEXT_SIZE
from pointage.outputs.palette import REPORT_HEADER_FILL as HEADER_FILL
from pointage.outputs.palette import UNCHECKED_RED as RED

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row

TWIPS = 20  # per point
HEADING_SPACE = 12  # points above the headings of a table that follows another
# Characters in a cell beyond which its row may split across two pages (ten lines or
# so in a usual column): kept whole, such a row leaves the page before it half empty.
LONG_CELL = 300


def render_docx(
    blocks: Sequence[Block], page: PageLayout, title: str, about: Mention, now: datetime
) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "Pointage", "Pointage"
    properties.created = properties.modified = now
    properties.revision = 1
    # The fingerprint stays out of the pasted text: Fichier > Informations > Propriétés.
    properties.comments = about.description
    properties.identifier = f"sha256:{about.sha256}"
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(TEXT_SIZE)
    _east_asian_font(normal.element)

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(page.page_width), Pt(page.page_height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(MARGIN))

    for index, (block, layout) in enumerate(zip(blocks, page.tables)):
        for number, heading in enumerate(block.headings):
            _line(
                document,
                heading,
                bold=True,
                keep_with_next=True,
                before=HEADING_SPACE if index and not number else 3,
            )
        if index and not block.headings:  # two tables with nothing between would merge into one
            document.add_paragraph()
        if block.warning:
            _line(document, block.warning, bold=True, color=RED, keep_with_next=True)
        _table(document, block.table, layout)
    size = min(layout.font_size for layout in page.tables)
    for text in about.lines:
        _line(document, text, size=size)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _line(document, text: str, *, bold=False, color=None, size=None, keep_with_next=False, before=3):
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(3)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if size:
        run.font.size = Pt(size)
    return paragraph


def _table(document, table: ExportedTable, layout: TableLayout, copies: bool = True) -> None:
    """The table; `copies=False` formats every row through python-docx (the plain
    reference the copies are tested against)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    _fixed_layout(grid, layout)
    for col, width in enumerate(layout.widths):
        grid.columns[col].width = Pt(width)
    _format_row(grid.rows[0], table.headers, (False,) * len(table.headers), True, True, layout)
    # python-docx's properties cost about forty XML searches a cell: each shape of row
    # (bold or not, which cells right-aligned, which hold text) is formatted once
    # through them, and its later rows are copies of that row with their own texts.
    made: dict[tuple[object, ...], CT_Row] = {}
    body = grid._tbl
    for row in table.rows:
        texts = tuple(c.text for c in row.cells)
        right = tuple(c.numeric for c in row.cells)
        tall = max(map(len, texts)) > LONG_CELL
        shape = (row.total, right, tuple(bool(t) for t in texts), tall)
        template = made.get(shape)
        # A line break or a tab becomes its own element in a run: such rows go one by one.
        special = any(ch in t for t in texts for ch in "\n\r\t")
        if not copies or template is None or special:
            added = grid.add_row()
            _format_row(added, texts, right, row.total, False, layout, tall)
            if not special:
                made[shape] = added._tr
            continue
        copy = deepcopy(template)
        for element, text in zip(copy.iter(_TEXT), (t for t in texts if t)):
            element.text = text
            # As python-docx writes a run: spaces at either end are kept by Word only so.
            if text.strip() != text:
                element.set(_SPACE, "preserve")
            elif _SPACE in element.attrib:
                del element.attrib[_SPACE]
        body.append(copy)


_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _format_row(row, texts, right, bold: bool, header: bool, layout: TableLayout, tall: bool = False) -> None:
    """One row through python-docx: its properties, each cell's width, shading,
    alignment and spacing, and its text in one run (bold in a header or total row)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    _row_properties(row, header, tall)
    # `row.cells` is rebuilt at each access: taken once.
    for col, (cell, text, width) in enumerate(zip(row.cells, texts, layout.widths)):
        cell.width = Pt(width)
        if header:  # before vAlign: python-docx inserts vAlign after w:shd
            _shade(cell, HEADER_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(1)
        paragraph.paragraph_format.space_after = Pt(1)
        if header:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right[col]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(layout.font_size)


def _fixed_layout(grid, layout: TableLayout) -> None:
    """The table's total width, its indent, small equal cell margins.

    `grid.autofit = False` has already made the layout fixed (w:tblLayout).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = grid._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:w"), str(round(layout.width * TWIPS)))
    width.set(qn("w:type"), "dxa")
    # Word and LibreOffice put the first cell's text, not its border, at the margin:
    # indent by the cell padding so that the borders stay inside the margins.
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(round(layout.padding * TWIPS)))
    indent.set(qn("w:type"), "dxa")
    properties.append(indent)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(layout.padding * TWIPS)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    # The schema orders tblPr's children; python-docx leaves reordering to us.
    order = [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]
    children = sorted(
        properties,
        key=lambda e: order.index(e.tag.split("}")[1]) if e.tag.split("}")[1] in order else len(order),
    )
    for child in children:
        properties.remove(child)
        properties.append(child)


def _row_properties(row, header: bool, tall: bool = False) -> None:
    """A row does not split across pages, unless it is tall (a page would be left half
    empty before it); the header row repeats on each page."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    if not tall:
        properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _east_asian_font(style_element) -> None:
    """python-docx sets w:ascii/w:hAnsi only; Word also reads w:cs for some glyphs."""
    from docx.oxml.ns import qn

    fonts = style_element.rPr.rFonts
    fonts.set(qn("w:cs"), FONT)
    fonts.set(qn("w:eastAsia"), FONT)
