"""The error values Excel shows in a cell: values of their own, read by every reader."""

from __future__ import annotations


class ExcelError(str):
    """An error value that Excel shows in a cell (`#REF!`, `#DIV/0!`, `#N/A`…): a value
    of its own, never an empty cell, never 0, never a text the user typed."""

    __slots__ = ()


EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!")
)
