"""A desktop-like engine for the macros' tests: xlwings' remote engine, whose book API
the macros use as they use desktop Excel's, made to read fills and note texts back as
desktop Excel does (the remote engine raises NotImplementedError for both).

`DesktopState` holds every cell's fill and note text, keyed by (sheet, cell); while
`desktop_like(state)` is active, the remote engine's Range.color, Range.set_colors,
Range.add_note and Note.text/delete read and write it (and still record their actions,
so that `Replay` keeps the values and the sheets)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from pointage.base.addresses import a1


@dataclass
class DesktopState:
    fills: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, A1) -> "#RRGGBB"
    notes: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, A1) -> text


def _cells(rng):
    first_row, first_col = rng.row - 1, rng.column - 1
    rows, cols = rng.shape
    return [[(rng.sheet.name, a1(first_row + r, first_col + c)) for c in range(cols)] for r in range(rows)]


@contextlib.contextmanager
def desktop_like(monkeypatch, state: DesktopState):
    from xlwings.pro import _xlremote

    color = _xlremote.Range.color
    set_colors = _xlremote.Range.set_colors
    add_note = _xlremote.Range.add_note
    note_text = _xlremote.Note.text
    note_delete = _xlremote.Note.delete

    def get_color(self):
        (key,) = (k for row in _cells(self) for k in row)
        return state.fills.get(key)

    def put_color(self, value):
        for row in _cells(self):
            for key in row:
                if value is None:
                    state.fills.pop(key, None)
                else:
                    state.fills[key] = _xlremote._color_to_hex(value).upper()
        color.fset(self, value)

    def put_colors(self, colors):
        for keys, values in zip(_cells(self), colors):
            for key, value in zip(keys, values):
                if value is ...:
                    continue
                if value is None:
                    state.fills.pop(key, None)
                else:
                    state.fills[key] = _xlremote._color_to_hex(value).upper()
        set_colors(self, colors)

    def put_note(self, text):
        state.notes[(self.sheet.name, self.address.replace("$", ""))] = text
        return add_note(self, text)

    def _key(note):
        return (note.range.sheet.name, note.range.address.replace("$", ""))

    def get_text(self):
        return state.notes.get(_key(self), "")

    def put_text(self, text):
        state.notes[_key(self)] = text
        note_text.fset(self, text)

    def delete(self):
        state.notes.pop(_key(self), None)
        note_delete(self)

    monkeypatch.setattr(_xlremote.Range, "color", property(get_color, put_color))
    monkeypatch.setattr(_xlremote.Range, "set_colors", put_colors)
    monkeypatch.setattr(_xlremote.Range, "add_note", put_note)
    monkeypatch.setattr(_xlremote.Note, "text", property(get_text, put_text))
    monkeypatch.setattr(_xlremote.Note, "delete", delete)
    yield state
