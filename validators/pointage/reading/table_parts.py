"""What the own parts of an Excel Table and of a pivot table say about their structure.

An Excel Table's part (`xl/tables/tableN.xml`) says where it is, whether its last row
is a totals row and which columns that row sums (`totalsRowFunction="sum"`), and its
calculated columns (`Logement[[#This Row],[Projeté]]-Logement[[#This Row],[Réel]]`):
only those that are signed sums of other columns of the same row are kept, as an
identity a person wrote. A pivot table's definition (`xl/pivotTables/…`) says its
frame, where its values start, the depth of each row's item and which row is the
grand total, and whether its last column is the grand total over its column items.

Nothing else of these parts is read (styles, filters, the pivot cache: the values
shown are the sheet's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

from pointage.base.addresses import parse_a1
from pointage.reading.snapshot import ListObject, PivotFrame, RowSum

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# One term of a calculated column: `Table[[#This Row],[Col]]`, `Table[@[Col]]`,
# `[@Col]` (a column name escapes `[`, `]`, `#` and `'` with `'`).
_NAME = r"(?:[^\[\]']|'.)+"
_THIS_ROW = re.compile(
    rf"^(?P<table>[^\[\]+\-]*)\[(?:\[#This Row\],\s*\[(?P<a>{_NAME})\]|@\[(?P<b>{_NAME})\]|@(?P<c>{_NAME}))\]$",
    re.DOTALL | re.IGNORECASE,
)
_SUBTOTAL_OF = re.compile(
    r"^\s*SUBTOTAL\(\s*(?:9|109)\s*,\s*(?P<table>[^\[\]]*)\[(?P<col>" + _NAME + r")\]\s*\)\s*$",
    re.DOTALL | re.IGNORECASE,
)
_SUMMING = frozenset({"sum"})
# What a pivot's values may be and still add up along its rows.
_ADDING = frozenset({"sum", "count", "countNums"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _unescape_xml_name(text: str) -> str:
    """`Projeté_x000a_Coût` is `Projeté\\nCoût` (OOXML escapes characters in names)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _column_name(text: str) -> str:
    return re.sub(r"'(.)", r"\1", text, flags=re.DOTALL)


def _key(name: str) -> str:
    """Names compared as Excel does: case aside, line breaks and spaces as written."""
    return name.replace("\r\n", "\n").casefold()


def list_object(table: ElementTree.Element, fallback_name: str) -> ListObject:
    """The ListObject of a table part; ValueError/KeyError when its `ref` is unreadable."""
    name = table.get("displayName") or table.get("name") or fallback_name
    (r1, c1), (r2, c2) = (parse_a1(a) for a in table.get("ref", "").split(":"))
    totals = _int(table.get("totalsRowCount")) > 0 and table.get("totalsRowShown") != "0"
    columns = _child(table, "tableColumns")
    cols = _children(columns, "tableColumn") if columns is not None else []
    index = {_key(_unescape_xml_name(c.get("name", ""))): c1 + i for i, c in enumerate(cols)}
    summed: list[int] = []
    row_sums: list[RowSum] = []
    for i, column in enumerate(cols):
        col = c1 + i
        function = column.get("totalsRowFunction", "")
        formula = _child(column, "totalsRowFormula")
        if function in _SUMMING or (
            function == "custom"
            and formula is not None
            and _sums_itself(formula.text or "", name, index, col)
        ):
            summed.append(col)
        calculated = _child(column, "calculatedColumnFormula")
        if calculated is not None and calculated.text:
            terms = _signed_terms(calculated.text, name, index)
            if terms and all(c != col for _, c in terms):
                row_sums.append((col, terms))
    names = tuple((c1 + i, _unescape_xml_name(c.get("name", ""))) for i, c in enumerate(cols))
    return ListObject(
        name,
        r1,
        c1,
        r2,
        c2,
        totals_row=totals,
        summed_cols=tuple(summed),
        row_sums=tuple(row_sums),
        columns=names,
    )


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _sums_itself(formula: str, table: str, index: dict[str, int], col: int) -> bool:
    match = _SUBTOTAL_OF.match(formula)
    return bool(
        match
        and match.group("table").strip() in ("", table)
        and index.get(_key(_column_name(match.group("col")))) == col
    )


def _signed_terms(formula: str, table: str, index: dict[str, int]) -> tuple[tuple[int, int], ...]:
    """The (sign, column) terms of `A+B-C` where each term is a column of this row of
    this table; () for any other formula (a product, a constant, another table)."""
    terms: list[tuple[int, int]] = []
    for piece in _signed_pieces(formula.strip().lstrip("=")):
        match = _THIS_ROW.match(piece.text.strip())
        if match is None or match.group("table").strip() not in ("", table):
            return ()
        name = match.group("a") or match.group("b") or match.group("c") or ""
        col = index.get(_key(_column_name(name)))
        if col is None:
            return ()
        terms.append((piece.sign, col))
    return tuple(terms) if len(terms) >= 2 else ()


@dataclass(frozen=True)
class _SignedPiece:
    """One term of a formula cut at its `+` and `-`: the sign before it (+1 for the
    first term) and its text, untrimmed."""

    sign: int
    text: str


def _signed_pieces(text: str) -> list[_SignedPiece]:
    """`text` cut at each `+` and `-` outside brackets (a column may be named `Coût-HT`;
    a `'` escapes the bracket after it)."""
    pieces: list[_SignedPiece] = []
    depth, sign, start = 0, 1, 0
    for at, ch in enumerate(text):
        if ch == "'" and depth:
            continue
        if ch == "[" and not (at and text[at - 1] == "'"):
            depth += 1
        elif ch == "]" and not (at and text[at - 1] == "'"):
            depth -= 1
        elif depth == 0 and ch in "+-":
            pieces.append(_SignedPiece(sign, text[start:at]))
            sign, start = (1 if ch == "+" else -1), at + 1
    pieces.append(_SignedPiece(sign, text[start:]))
    return pieces


def pivot_frame(definition: ElementTree.Element) -> PivotFrame | None:
    """The frame of a pivot table's definition, or None when its location is unreadable."""
    location = _child(definition, "location")
    if location is None:
        return None
    try:
        (r1, c1), (r2, c2) = (parse_a1(a) for a in location.get("ref", "").split(":"))
    except (KeyError, ValueError):
        return None
    data_row = r1 + _int(location.get("firstDataRow"))
    data_col = c1 + _int(location.get("firstDataCol"))
    data_fields = _child(definition, "dataFields")
    fields = _children(data_fields, "dataField") if data_fields is not None else []
    adding = len(fields) == 1 and fields[0].get("subtotal", "sum") in _ADDING
    rows = _pivot_rows(definition, data_row, r2, adding)
    column_total = _column_total(definition, data_col, c2) if adding else None
    return PivotFrame(
        r1,
        c1,
        r2,
        c2,
        data_row,
        data_col,
        rows.depths,
        rows.grand,
        rows.tree and bool(rows.depths),
        column_total,
    )


@dataclass(frozen=True)
class _PivotRows:
    """What a pivot table's row items say: (row, depth) of each item row, the grand
    total rows, and whether every row is a plain item (each then sums the rows one
    level deeper under it)."""

    depths: tuple[tuple[int, int], ...]
    grand: tuple[int, ...]
    tree: bool


def _pivot_rows(definition: ElementTree.Element, data_row: int, last_row: int, adding: bool) -> _PivotRows:
    """The row items of a pivot table, when the definition lists one per row of its
    values (otherwise nothing is known of its rows)."""
    row_items = _child(definition, "rowItems")
    items = _children(row_items, "i") if row_items is not None else []
    if not items or len(items) != last_row - data_row + 1:
        return _PivotRows((), (), False)
    depths: list[tuple[int, int]] = []
    grand: list[int] = []
    tree = adding
    for row, item in enumerate(items, data_row):
        kind = item.get("t", "data")
        if kind == "grand":
            grand.append(row)
            continue
        shown = len(_children(item, "x"))
        if kind != "data" or shown != 1:
            tree = False  # a subtotal row of its own, or several fields on one row
        depths.append((row, _int(item.get("r")) + max(shown, 1) - 1))
    return _PivotRows(tuple(depths), tuple(grand), tree)


def _column_total(definition: ElementTree.Element, data_col: int, last_col: int) -> int | None:
    """The last column of an adding pivot table when it is the grand total over three
    or more column items (not over the values fields themselves), else None."""
    col_fields = _child(definition, "colFields")
    col_items = _child(definition, "colItems")
    if col_fields is None or col_items is None:
        return None
    values_field = any(f.get("x") == "-2" for f in _children(col_fields, "field"))
    columns = _children(col_items, "i")
    if (
        not values_field
        and len(columns) >= 3
        and columns[-1].get("t") == "grand"
        and len(columns) == last_col - data_col + 1
    ):
        return last_col
    return None


_SUM_CALL = re.compile(
    r"^\s*=?\s*(?:SUM\(|SUBTOTAL\(\s*(?:9|109)\s*,)(?P<args>.*)\)\s*$", re.DOTALL | re.IGNORECASE
)
_COLUMN_REF = re.compile(rf"^(?P<table>[^\[\],]+)\[(?:\[(?P<a>{_NAME})\]|(?P<b>{_NAME}))\]$", re.DOTALL)


def resolve_structured_sums(
    formulas: dict[tuple[int, int], str], tables: list[ListObject]
) -> dict[tuple[int, int], tuple[tuple[int, int, int], ...]]:
    """cell -> (column, first line, last line) of each Excel Table column its formula
    sums by name, for the formulas that sum whole columns of this sheet's Tables only
    (`SUBTOTAL(109,Logement[Coût],Transport[Coût])`); any other term (a range, a
    constant, a row `[@Coût]`, a Table elsewhere) and the formula is left out."""
    if not formulas or not tables:
        return {}
    found: dict[tuple[int, int], tuple[tuple[int, int, int], ...]] = {}
    for cell, formula in formulas.items():
        match = _SUM_CALL.match(formula)
        if match is None:
            continue
        parts = _split_arguments(match.group("args"))
        columns = [column for part in parts if (column := _table_column(part.strip(), tables)) is not None]
        if columns and len(columns) == len(parts):
            found[cell] = tuple(columns)
    return found


def _split_arguments(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for at, ch in enumerate(text):
        escaped = at and text[at - 1] == "'"
        if ch == "[" and not escaped:
            depth += 1
        elif ch == "]" and not escaped:
            depth -= 1
        elif ch in "(" and depth == 0:
            return []  # a nested call
        elif ch == "," and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def _table_column(term: str, tables: list[ListObject]) -> tuple[int, int, int] | None:
    match = _COLUMN_REF.match(term)
    if match is None:
        return None
    table = next((t for t in tables if t.name.casefold() == match.group("table").strip().casefold()), None)
    name = match.group("a") or match.group("b") or ""
    if table is None or name.startswith("#") or not table.columns:
        return None
    wanted = _key(_column_name(name))
    col = next((c for c, header in table.columns if _key(header) == wanted), None)
    if col is None:
        return None
    last = table.last_row - 1 if table.totals_row else table.last_row
    return (col, table.first_row + 1, last) if last > table.first_row else None
