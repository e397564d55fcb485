"""xlwings remote-engine payloads for the add-in tests, and a replay of the actions.

`payload_from_file` turns a workbook on disk into what `xw.Book(json=...)` takes
(values anchored at A1, `""` for empty cells, as the Office.js client sends them);
`payload_of` does the same from values given by sheet.
`Replay` applies `book.json()["actions"]` to a model of the book (values, formulas,
fills, notes, links, visibility) so tests can assert on the result, and `to_payload()`
gives the payload of the book after those actions.

A string starting with `=` written as a value is a formula in Excel: the replay keeps
its text in `formulas` and, for the only formula it knows, `=HYPERLINK("target","text")`,
shows `text` as the cell's value and records the link in `links` as `add_hyperlink` does;
any other formula fails the test (the add-in writes no other).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import xlwings as xw

from pointage.base.addresses import a1, parse_a1, range_a1
from pointage.reading.workbook import read_workbook

# `=HYPERLINK("#'Annexe 1'!E7","E7")`, each string with its double quotes doubled.
HYPERLINK = re.compile(r'=HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)')


def parse_hyperlink(formula: str) -> tuple[str, str]:
    """The target and the text shown of a HYPERLINK formula."""
    match = HYPERLINK.fullmatch(formula)
    assert match, f"the replay only evaluates HYPERLINK formulas, not {formula!r}"
    return match[1].replace('""', '"'), match[2].replace('""', '"')


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def payload_from_file(path: Path, notes: dict[str, list[str]] | None = None) -> dict:
    snapshot = read_workbook(path)
    sheets = []
    for sheet in snapshot.sheets:
        width = sheet.origin_col + max((len(r) for r in sheet.values), default=0)
        values = [[""] * width for _ in range(sheet.origin_row)]
        for row in sheet.values:
            values.append(
                [""] * sheet.origin_col
                + [_cell(v) for v in row]
                + [""] * (width - sheet.origin_col - len(row))
            )
        sheets.append(_sheet(sheet.name, values, (notes or {}).get(sheet.name, [])))
    return _book(Path(path).name, sheets)


def payload_of(sheets: dict[str, list[list[object]]], name: str = "classeur.xlsx") -> dict:
    """A payload of sheets given by their values from A1 (`""` for an empty cell)."""
    return _book(name, [_sheet(sheet, values, []) for sheet, values in sheets.items()])


def _book(name: str, sheets: list[dict]) -> dict:
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def _sheet(name: str, values: list[list[object]], notes: list[str], visible: bool = True) -> dict:
    rows, cols = len(values), max((len(r) for r in values), default=0)
    return {
        "name": name,
        "values": values or [[]],
        "used_range_address": range_a1(0, 0, rows - 1, cols - 1) if rows and cols else None,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [],
        "notes": [
            {"address": "$" + a.rstrip("0123456789") + "$" + a[len(a.rstrip("0123456789")) :]} for a in notes
        ],
        "visibility": "Visible" if visible else "Hidden",
        "print_area": None,
    }


@dataclass
class SheetState:
    name: str
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    fills: dict[str, str | None] = field(default_factory=dict)  # cell -> last fill written
    notes: dict[str, str | None] = field(default_factory=dict)  # cell -> text (None: the user's)
    formulas: dict[str, str] = field(default_factory=dict)  # cell -> formula written as a value
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # cell -> (target, text)
    visible: bool = True
    bold: list[str] = field(default_factory=list)
    number_formats: dict[str, str] = field(default_factory=dict)  # cell -> last format written

    def value(self, cell: str) -> object:
        return self.values.get(parse_a1(cell))

    def rows(self) -> list[list[object]]:
        if not self.values:
            return []
        height = max(r for r, _ in self.values) + 1
        width = max(c for _, c in self.values) + 1
        return [[self.values.get((r, c)) for c in range(width)] for r in range(height)]


class Replay:
    def __init__(self, payload: dict):
        self.payload = payload
        self.sheets: list[SheetState] = []
        for sheet in payload["sheets"]:
            state = SheetState(sheet["name"], visible=sheet.get("visibility", "Visible") == "Visible")
            for r, row in enumerate(sheet["values"]):
                for c, v in enumerate(row):
                    if v not in ("", None):
                        state.values[(r, c)] = v
            for note in sheet.get("notes", []):
                state.notes[note["address"].replace("$", "")] = None
            self.sheets.append(state)
        self.alerts: list[str] = []
        self.deleted: list[str] = []
        # Workbook-scoped defined names: name -> what it refers to.
        self.defined = {n["name"]: n.get("refers_to") for n in payload.get("names", [])}

    def sheet(self, name: str) -> SheetState:
        return next(s for s in self.sheets if s.name == name)

    def names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def apply(self, actions: list[dict]) -> Replay:
        for action in actions:
            getattr(self, "_" + action["func"])(action)
        return self

    @staticmethod
    def _cells(action):
        for dr in range(action["row_count"]):
            for dc in range(action["column_count"]):
                yield dr, dc, a1(action["start_row"] + dr, action["start_column"] + dc)

    def _target(self, action) -> SheetState:
        return self.sheets[action["sheet_position"]]

    def _addSheet(self, action):
        self.sheets.insert(action["args"][0], SheetState(action["args"][1]))

    def _sheetDelete(self, action):
        self.deleted.append(self.sheets.pop(action["sheet_position"]).name)

    def _setSheetVisibility(self, action):
        self._target(action).visible = action["args"][0] == "Visible"

    def _setValues(self, action):
        sheet = self._target(action)
        for r, row in enumerate(action["values"]):
            for c, v in enumerate(row):
                key = (action["start_row"] + r, action["start_column"] + c)
                cell = a1(*key)
                if sheet.formulas.pop(cell, None) is not None:
                    sheet.links.pop(cell, None)  # the formula's link goes with it
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]  # Excel keeps the text, not the apostrophe
                elif isinstance(v, str) and v.startswith("="):
                    sheet.formulas[cell] = v
                    sheet.links[cell] = parse_hyperlink(v)
                    v = sheet.links[cell][1]  # the value Excel shows (and sends back)
                if v in ("", None):
                    sheet.values.pop(key, None)
                else:
                    sheet.values[key] = v

    def _setRangeColor(self, action):
        for _, _, cell in self._cells(action):
            self._target(action).fills[cell] = action["args"][0]

    def _setRangeColors(self, action):
        matrix = action["args"][0]
        for dr, dc, cell in self._cells(action):
            if matrix[dr][dc] != "keep":
                self._target(action).fills[cell] = matrix[dr][dc]

    def _addNote(self, action):
        cell = action["args"][0].replace("$", "")
        assert cell not in self._target(action).notes, f"note added twice on {cell}"
        self._target(action).notes[cell] = action["args"][1]

    def _setNoteText(self, action):
        self._target(action).notes[action["args"][0].replace("$", "")] = action["args"][1]

    def _deleteNote(self, action):
        del self._target(action).notes[action["args"][0].replace("$", "")]

    def _addHyperlink(self, action):
        cell = a1(action["start_row"], action["start_column"])
        self._target(action).links[cell] = (action["args"][0], action["args"][1])

    def _namesAdd(self, action):
        name, refers_to = action["args"]
        assert name not in self.defined, f"name {name} added twice"
        self.defined[name] = refers_to

    def _nameDelete(self, action):
        del self.defined[action["args"][2]]

    def _alert(self, action):
        self.alerts.append(action["args"][0])

    def _setFontProperty(self, action):
        assert action["args"] == ["bold", True], action["args"]
        self._target(action).bold.append(
            range_a1(
                action["start_row"],
                action["start_column"],
                action["start_row"] + action["row_count"] - 1,
                action["start_column"] + action["column_count"] - 1,
            )
        )

    def _setNumberFormat(self, action):
        for _, _, cell in self._cells(action):
            self._target(action).number_formats[cell] = action["args"][0]

    def _setColumnWidth(self, action):
        pass

    def _setWrapText(self, action):
        pass

    def to_payload(self) -> dict:
        """The payload the client would send after these actions (notes by address)."""
        payload = copy.deepcopy(self.payload)
        payload["sheets"] = []
        for state in self.sheets:
            rows = [["" if v is None else v for v in row] for row in state.rows()]
            payload["sheets"].append(_sheet(state.name, rows, sorted(state.notes), state.visible))
        payload["book"]["active_sheet_index"] = 0
        payload["names"] = [
            {
                "name": name,
                "refers_to": refers_to,
                "sheet_index": None,
                "address": None,
                "book_scope": True,
                "scope_sheet_name": None,
                "scope_sheet_index": None,
            }
            for name, refers_to in self.defined.items()
        ]
        return payload


def write_actions(actions: list[dict]) -> list[dict]:
    """Every action that changes the book (the alert only shows a message)."""
    return [a for a in actions if a["func"] != "alert"]


def book_of(payload: dict):
    """A remote-engine book on a copy of `payload` (xlwings changes its payload in place)."""
    return xw.Book(json=copy.deepcopy(payload))
