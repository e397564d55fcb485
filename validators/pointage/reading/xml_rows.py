"""Cutting a sheet's XML between rows, for the passes that read it block by block.

A block must end after a complete row, so that no cell is split between two blocks:
after the last `</row>`, or `</x:row>` in a sheet that writes SpreadsheetML with a
prefix (some exporters do).
"""

from __future__ import annotations

from collections.abc import Callable

_ROW_END = b"row>"


def last_row_end(buffer: bytes) -> int:
    """The position just after the buffer's last row end tag, or -1 when it has none."""
    position = len(buffer)
    while (position := buffer.rfind(_ROW_END, 0, position)) >= 0:
        start = position
        if buffer[start - 1 : start] == b":":  # `</x:row>`: skip the prefix back to `</`
            start = buffer.rfind(b"</", max(0, start - 64), start)
            if start >= 0 and buffer[start + 2 : position - 1].isalnum():
                return position + len(_ROW_END)
        elif buffer[start - 2 : start] == b"</":
            return position + len(_ROW_END)
    return -1


# The pieces handed on: a few blocks each, so that what is done once per piece (a
# regex made for the bound a census has reached) is done a few times per sheet.
PIECE = 4 << 20


class RowPieces:
    """A sheet's XML fed block by block (as `zip_parts.check_inflation` inflates it,
    then an empty block at the part's end), handed on to `take(buffer, end)` in pieces
    of about PIECE bytes that end after a complete row: `take` reads `buffer[:end]`,
    no copy made. A row longer than a piece is cut after its last tag; a run of more
    than a piece without any tag end (no sheet writes one) is cut where it must, and
    `torn` says so: only what no cut can split may then be trusted."""

    def __init__(self, take: Callable[[bytes, int], None]) -> None:
        self.take = take
        self.torn = False
        self._blocks: list[bytes] = []  # what the next piece is made of, the carry first
        self._size = 0

    def __call__(self, block: bytes) -> None:
        if block:
            self._blocks.append(block)
            self._size += len(block)
            if self._size < PIECE:
                return
        buffer = self._blocks[0] if len(self._blocks) == 1 else b"".join(self._blocks)
        self._blocks, self._size = [], 0
        if not block:  # the part's end: what is left is a last piece
            if buffer:
                self.take(buffer, len(buffer))
            return
        cut = last_row_end(buffer)
        if cut < 0:
            cut = buffer.rfind(b">") + 1
            if len(buffer) - cut > PIECE:  # the carry stays within a piece
                cut, self.torn = len(buffer) - PIECE, True
        if cut:
            self.take(buffer, cut)
        if cut < len(buffer):
            self._blocks, self._size = [buffer[cut:]], len(buffer) - cut
