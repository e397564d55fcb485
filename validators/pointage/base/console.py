"""What Pointage writes on standard output and standard error.

Text goes out in the stream's own encoding (on Windows, the console's code page, or
cp1252 in a redirected file): a character that encoding lacks becomes its nearest
equivalent (`−` → `-`, a narrow no-break space → a space), never a UnicodeEncodeError
that would leave an empty file behind. JSON is always written as UTF-8 bytes (RFC 8259),
whatever the console. Cell text, sheet and file names reach a terminal through
`printable`: a control or bidirectional character never acts on the line.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import TextIO

# What Pointage's own messages and a workbook's text hold most often, said with the
# characters every code page has. Anything else: its letter without accent (`ő` → `o`),
# else `<U+XXXX>`.
_EQUIVALENTS = {
    "\u2212": "-",  # minus sign, in every difference Pointage writes
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",  # narrow no-break space, Excel's French thousands separator
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "<>",
    "\u2192": "->",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u03a3": "Somme",
    "\u2714": "ok",
    "\u2718": "x",
    "\u2588": "#",  # the progress bar
    "\u00b7": ".",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00e6": "ae",
    "\u00c6": "AE",
}


def _equivalent(char: str, encoding: str) -> str:
    """`char` said with characters `encoding` has."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name the system could not decode
        return f"\\x{code - 0xDC00:02x}"
    candidates = []
    if char in _EQUIVALENTS:
        candidates.append(_EQUIVALENTS[char])
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and bare != char:
        candidates.append(bare)
    for candidate in candidates:
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    return f"<U+{code:04X}>"


def _handler_for(encoding: str) -> Callable[[UnicodeError], tuple[str, int]]:
    def replace(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        unencodable = error.object[error.start : error.end]
        return "".join(_equivalent(char, encoding) for char in unencodable), error.end

    return replace


def _handler_name(encoding: str) -> str:
    """The codec error handler for `encoding`, registered once (a handler is told the
    codec's family, `charmap`, not the encoding, so there is one per encoding)."""
    name = codecs.lookup(encoding).name
    handler = f"pointage-equivalents-{name}"
    try:
        codecs.lookup_error(handler)
    except LookupError:
        codecs.register_error(handler, _handler_for(name))
    return handler


def prepare_streams() -> None:
    """From now on, standard output and error write what their encoding cannot hold
    as its equivalent, instead of failing (UnicodeEncodeError) or writing `\\u2212`."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding and reconfigure:
            with contextlib.suppress(LookupError, ValueError, OSError):
                reconfigure(errors=_handler_name(encoding))


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A lone surrogate (a file name's undecodable byte) as its JSON escape: the
    document stays UTF-8 and a JSON reader gets the same string back."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    unencodable = error.object[error.start : error.end]
    return "".join(f"\\u{ord(char):04x}" for char in unencodable), error.end


codecs.register_error("pointage-json", _json_escape)


def write_json(document: str, stream: TextIO | None = None) -> None:
    """`document` and a line break, as UTF-8 bytes whatever the stream's encoding."""
    stream = stream if stream is not None else sys.stdout
    text = document if document.endswith("\n") else document + "\n"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a stream of text only (a test's StringIO): it takes any character
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", errors="pointage-json"))
    buffer.flush()


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = "\t\n\r\u2028\u2029"


def _visible(match: re.Match) -> str:
    char = match.group()
    if char in _LINE_BREAKS:
        return " "
    if char < " ":
        return chr(0x2400 + ord(char))  # the control's symbol: ␀, ␁…
    if char == "\x7f":
        return "\u2421"
    return f"<U+{ord(char):04X}>"


def printable(text: str) -> str:
    """Text as a terminal line shows it safely: tabs and line breaks become spaces, the
    other control characters their visible symbol (U+2400 block), never raw bytes; a
    bidirectional control (U+202E, U+2066…), which would reorder the line, and a C1
    control are written `<U+202E>`. JSON keeps the text exact."""
    return _INVISIBLE.sub(_visible, text)


def printable_lines(text: str) -> str:
    """`printable` on each line of `text`, its line breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
