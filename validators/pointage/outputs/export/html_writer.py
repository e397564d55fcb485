"""HTML rendering of exported tables: a complete document, inline styles only.

Inline styles survive a paste into Word (CF_HTML) where a `<style>` sheet may not.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from pointage.base.own_sheets import HTML_EXPORT_MARK
from pointage.outputs.export.content import Block
from pointage.outputs.export.layout import CELL_PADDING, PageLayout, TableLayout
from pointage.outputs.export.style import FONT, TEXT_SIZE
from pointage.outputs.palette import REPORT_HEADER_FILL as HEADER_FILL
from pointage.outputs.palette import UNCHECKED_RED as RED

_BORDER = "border:0.5pt solid #000000"


def render_html(blocks: Sequence[Block], page: PageLayout, title: str) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        HTML_EXPORT_MARK,
        f"<title>{escape(title)}</title>",
        "</head>",
        f'<body style="font-family:{FONT},sans-serif;font-size:{TEXT_SIZE:g}pt">',
    ]
    for index, (block, layout) in enumerate(zip(blocks, page.tables)):
        if index:
            parts.append("<p>&nbsp;</p>")
        if block.warning:
            parts.append(f'<p style="color:#{RED};font-weight:bold;margin:3pt 0">{escape(block.warning)}</p>')
        parts.extend(_table(block, layout))
        parts.append(f'<p style="font-size:{layout.font_size:g}pt;margin:3pt 0">{escape(block.stamp)}</p>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _table(block: Block, layout: TableLayout) -> list[str]:
    table = block.table
    size = f"font-size:{layout.font_size:g}pt"
    lines = [
        f'<table style="border-collapse:collapse;width:{layout.width:.1f}pt;'
        f'font-family:{FONT},sans-serif;{size}">',
        "<colgroup>" + "".join(f'<col style="width:{w:.1f}pt">' for w in layout.widths) + "</colgroup>",
        "<thead>",
        "<tr>"
        + "".join(
            f'<th style="{_BORDER};padding:1pt {CELL_PADDING:g}pt;background:#{HEADER_FILL};'
            f'text-align:center;vertical-align:middle;font-weight:bold;width:{w:.1f}pt">{_text(h)}</th>'
            for h, w in zip(table.headers, layout.widths)
        )
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    closed: dict[str, str] = {}  # a column repeats its texts: each is escaped once
    for row in table.rows:
        opening = _OPENING_TAGS[row.total]
        cells = ["<tr>"]
        for cell in row.cells:
            text = closed.get(cell.text)
            if text is None:
                text = closed[cell.text] = _text(cell.text) + "</td>"
            cells.append(opening[cell.numeric] + text)
        cells.append("</tr>")
        lines.append("".join(cells))
    lines += ["</tbody>", "</table>"]
    return lines


def _opening_tag(numeric: bool, total: bool) -> str:
    style = f"{_BORDER};padding:1pt {CELL_PADDING:g}pt;vertical-align:middle"
    if numeric:
        style += ";text-align:right;white-space:nowrap"
    if total:
        style += ";font-weight:bold"
    return f'<td style="{style}">'


# A cell's opening tag by [row is a total][cell is a number]: four styles in all,
# written once rather than once per cell.
_OPENING_TAGS = {
    total: {numeric: _opening_tag(numeric, total) for numeric in (False, True)} for total in (False, True)
}


def _text(text: str) -> str:
    if "\n" not in text:
        return escape(text)
    return "<br>".join(escape(line) for line in text.split("\n"))
