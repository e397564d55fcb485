"""HTML rendering of exported tables: a complete document, inline styles.

Inline styles survive a paste into Word (CF_HTML) where a `<style>` sheet may not; the
one `<style>` sheet is for printing the file itself (`@page`). Widths are percents of
the container (the page's text width, a Word document's, a browser window's): the
table fits it, and its columns keep the shares the layout gave them. A number never
wraps (`white-space:nowrap`, and its no-break spaces).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from pointage.base.own_sheets import HTML_EXPORT_MARK
from pointage.outputs.export.content import Block, Mention
from pointage.outputs.export.layout import CM, MARGIN, PageLayout, TableLayout
from pointage.outputs.export.style import FONT, TEXT_SIZE
from pointage.outputs.palette import REPORT_HEADER_FILL as HEADER_FILL
from pointage.outputs.palette import UNCHECKED_RED as RED

_BORDER = "border:0.5pt solid #000000"


def render_html(blocks: Sequence[Block], page: PageLayout, title: str, about: Mention) -> str:
    orientation = "landscape" if page.landscape else "portrait"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        HTML_EXPORT_MARK,
        f'<meta name="description" content="{escape(about.description)}">',
        f'<meta name="pointage-empreinte-sha256" content="{escape(about.sha256)}">',
        f"<title>{escape(title)}</title>",
        f"<style>@page {{ size: A4 {orientation}; margin: {MARGIN / CM:g}cm }} "
        "table { width: 100% }</style>",
        "</head>",
        f'<body style="font-family:{FONT},sans-serif;font-size:{TEXT_SIZE:g}pt">',
    ]
    for index, (block, layout) in enumerate(zip(blocks, page.tables)):
        for number, heading in enumerate(block.headings):
            top = 12 if index and not number else 3
            parts.append(f'<p style="font-weight:bold;margin:{top}pt 0 3pt">{escape(heading)}</p>')
        if index and not block.headings:
            parts.append("<p>&nbsp;</p>")
        if block.warning:
            parts.append(f'<p style="color:#{RED};font-weight:bold;margin:3pt 0">{escape(block.warning)}</p>')
        parts.extend(_table(block, layout))
    size = min(layout.font_size for layout in page.tables)
    parts.extend(f'<p style="font-size:{size:g}pt;margin:3pt 0">{escape(line)}</p>' for line in about.lines)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _table(block: Block, layout: TableLayout) -> list[str]:
    table = block.table
    size = f"font-size:{layout.font_size:g}pt"
    shares = [100 * w / layout.width for w in layout.widths]
    lines = [
        f'<table style="border-collapse:collapse;width:100%;font-family:{FONT},sans-serif;{size}">',
        "<colgroup>" + "".join(f'<col style="width:{p:.2f}%">' for p in shares) + "</colgroup>",
        "<thead>",
        "<tr>"
        + "".join(
            f'<th style="{_BORDER};padding:1pt {layout.padding:g}pt;{size};background:#{HEADER_FILL};'
            f'text-align:center;vertical-align:middle;font-weight:bold;width:{p:.2f}%">{_text(h)}</th>'
            for h, p in zip(table.headers, shares)
        )
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    # A column repeats its cells (the same Cell object for each value): each is written
    # once, by the row's kind, and the rows join what is written.
    written: tuple[dict[int, str], dict[int, str]] = ({}, {})
    tags = _opening_tags(layout.padding, layout.font_size)
    for row in table.rows:
        known = written[row.total]
        cells = ["<tr>"]
        for cell in row.cells:
            html = known.get(id(cell))
            if html is None:
                html = known[id(cell)] = f"{tags[row.total][cell.numeric]}{_text(cell.text)}</td>"
            cells.append(html)
        cells.append("</tr>")
        lines.append("".join(cells))
    lines += ["</tbody>", "</table>"]
    return lines


def _opening_tag(numeric: bool, total: bool, padding: float, size: float) -> str:
    # The size in each cell: Word and LibreOffice do not pass the table's on to its cells.
    style = f"{_BORDER};padding:1pt {padding:g}pt;font-size:{size:g}pt;vertical-align:middle"
    if numeric:
        style += ";text-align:right;white-space:nowrap"
    if total:
        style += ";font-weight:bold"
    return f'<td style="{style}">'


def _opening_tags(padding: float, size: float) -> dict[bool, dict[bool, str]]:
    """A cell's opening tag by [row is a total][cell is a number]: four styles in all,
    written once a table rather than once per cell."""
    return {
        total: {numeric: _opening_tag(numeric, total, padding, size) for numeric in (False, True)}
        for total in (False, True)
    }


def _text(text: str) -> str:
    if "\n" not in text:
        return escape(text)
    return "<br>".join(escape(line) for line in text.split("\n"))
