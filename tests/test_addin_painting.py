"""Fills in few calls (pointage.addin.painting): every cell gets its colour and no other
cell is touched, on the remote engine (matrices of at most MAX_CELLS cells, `keep`
elsewhere) and on desktop Excel (one call per rectangle of one colour)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from addin_payload import Replay, book_of, payload_of
from pointage.addin import painting
from pointage.addin.controls_sheet import write_controls
from pointage.base.addresses import a1, parse_a1
from pointage.outputs.marks import ControlRow, MarkPlan

COLOURS = ["#FF8080", "#FDE2E2", "#FFC000", None]
grids = st.dictionaries(
    st.tuples(st.integers(0, 14), st.integers(0, 9)), st.sampled_from(COLOURS), max_size=60
)


def _remote_sheet():
    payload = payload_of({"Feuille": [[""] * 10 for _ in range(15)]})
    book = book_of(payload)
    return payload, book, book.sheets[0]


@settings(max_examples=150, deadline=None)
@given(grids, st.sampled_from([1, 4, 12, 10_000]))
def test_remote_fills_exactly_the_cells_given(colors, max_cells):
    original = painting.MAX_CELLS
    painting.MAX_CELLS = max_cells
    try:
        payload, book, sheet = _remote_sheet()
        calls = painting.paint(sheet, colors)
    finally:
        painting.MAX_CELLS = original
    actions = book.json()["actions"]
    assert calls == len(actions)
    assert all(a["row_count"] * a["column_count"] <= max(max_cells, 1) for a in actions)
    fills = Replay(payload).apply(actions).sheet("Feuille").fills
    assert {c: f.upper() if f else None for c, f in fills.items()} == {a1(*k): v for k, v in colors.items()}


class _DesktopRange:
    def __init__(self, calls: list, address: str):
        self.calls, self.address = calls, address

    @property
    def color(self):
        raise AssertionError("not read")

    @color.setter
    def color(self, value):
        self.calls.append((self.address, value))

    def set_colors(self, matrix):
        raise AssertionError("desktop Excel sets a matrix cell by cell: never used")


class _DesktopSheet:
    book = SimpleNamespace(app=SimpleNamespace(engine=SimpleNamespace(name="excel")))

    def __init__(self):
        self.calls: list[tuple[str, str | None]] = []

    def range(self, address: str):
        return _DesktopRange(self.calls, address)


def _cells(address: str):
    first, _, last = address.partition(":")
    (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
    return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


@settings(max_examples=150, deadline=None)
@given(grids)
def test_desktop_fills_each_rectangle_of_one_colour_in_one_call(colors):
    sheet = _DesktopSheet()
    assert painting.paint(sheet, colors) == len(sheet.calls)
    written = [(cell, colour) for address, colour in sheet.calls for cell in _cells(address)]
    assert len(written) == len(colors)
    assert dict(written) == colors


def test_desktop_calls_for_marked_amounts():
    # Structure and description (light) beside the amount (strong), on two rows apart
    # and two rows together: one call per colour and rectangle.
    colors = {}
    for row in (6, 16, 17):
        colors.update({(row, 2): "#FDE2E2", (row, 3): "#FDE2E2", (row, 4): "#FF8080"})
    sheet = _DesktopSheet()
    painting.paint(sheet, colors)
    assert sorted(sheet.calls) == [
        ("C17:D18", "#FDE2E2"),
        ("C7:D7", "#FDE2E2"),
        ("E17:E18", "#FF8080"),
        ("E7", "#FF8080"),
    ]


def test_a_controles_sheet_longer_than_one_matrix():
    """2 000 findings: 16 032 cells from their header to the tables' header, more than
    one set_colors takes; the fills go in two calls."""
    controls = [
        ControlRow("M001", "erreur" if i % 2 else "avertissement", "Annexe", f"E{i + 4}", "m")
        for i in range(2_000)
    ]
    plan = MarkPlan(datetime(2026, 11, 22, 10, 41), "0" * 64, "x.xlsx", {}, [], controls)
    payload = payload_of({"Annexe": [["a"]]})
    book = book_of(payload)
    write_controls(book, plan)
    actions = book.json()["actions"]
    assert [a["func"] for a in actions].count("setRangeColors") == 2
    fills = Replay(payload).apply(actions).sheet("Contrôles").fills
    header = 10  # 0-based row of the column headers
    tables = header + 2_000 + 3  # the findings, a blank row, « Tableaux lus »
    assert {c: f.upper() for c, f in fills.items() if parse_a1(c)[0] in (header, tables)} == {
        **{a1(header, c): "#D9E1F2" for c in range(8)},
        **{a1(tables, c): "#D9E1F2" for c in range(5)},
    }
    assert {c: f.upper() for c, f in fills.items() if header < parse_a1(c)[0] < tables} == {
        a1(header + 1 + i, 1): "#FF8080" if i % 2 else "#FFC000" for i in range(2_000)
    }
