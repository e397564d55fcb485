"""Cutting a sheet's XML between rows, for the passes that read it block by block.

A block must end after a complete row, so that no cell is split between two blocks:
after the last `</row>`, or `</x:row>` in a sheet that writes SpreadsheetML with a
prefix (some exporters do).
"""

from __future__ import annotations

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
