"""HTML on the Windows clipboard (CF_HTML), so that Word pastes a real table.

CF_HTML ("HTML Format") is UTF-8 HTML preceded by a header giving byte offsets
counted from the start of the header:

    Version:0.9
    StartHTML:0000000105      where the HTML starts
    EndHTML:0000001234        where it ends
    StartFragment:0000000141  just after <!--StartFragment-->
    EndFragment:0000001198    just before <!--EndFragment-->
"""

from __future__ import annotations

import re
import sys
import time

START_MARKER = "<!--StartFragment-->"
END_MARKER = "<!--EndFragment-->"
_HEADER = (
    "Version:0.9\r\nStartHTML:{:010d}\r\nEndHTML:{:010d}\r\nStartFragment:{:010d}\r\nEndFragment:{:010d}\r\n"
)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)


class ClipboardError(Exception):
    """The clipboard cannot be written; the message is French, for the user."""


def with_fragment_markers(html: str) -> str:
    """`html` with the fragment markers around the body's content (or around it all)."""
    if START_MARKER in html and END_MARKER in html:
        return html
    opening = _BODY_OPEN.search(html)
    closings = list(_BODY_CLOSE.finditer(html))
    if opening and closings and closings[-1].start() >= opening.end():
        start, end = opening.end(), closings[-1].start()
        return html[:start] + START_MARKER + html[start:end] + END_MARKER + html[end:]
    return f"<html><body>{START_MARKER}{html}{END_MARKER}</body></html>"


def cf_html(html: str) -> bytes:
    """The bytes of the CF_HTML clipboard format for `html` (a document or a fragment)."""
    data = with_fragment_markers(html).encode("utf-8")
    start_html = len(_HEADER.format(0, 0, 0, 0).encode("ascii"))
    start_fragment = start_html + data.index(START_MARKER.encode("ascii")) + len(START_MARKER)
    end_fragment = start_html + data.rindex(END_MARKER.encode("ascii"))
    header = _HEADER.format(start_html, start_html + len(data), start_fragment, end_fragment)
    return header.encode("ascii") + data


def put_html_on_clipboard(html: str, text: str | None = None) -> None:
    """Put `html` on the Windows clipboard as CF_HTML (and `text` as plain text, if given)."""
    if sys.platform != "win32":
        raise ClipboardError(
            "le presse-papiers n'est accessible que sous Windows : le fichier exporté "
            "peut être ouvert et copié à la main."
        )
    _put_windows(cf_html(html), text)  # pragma: no cover - Windows only


def _put_windows(payload: bytes, text: str | None) -> None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    # ctypes has its Windows names on Windows only (mypy checks for this machine).
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    user32.RegisterClipboardFormatW.argtypes = [wintypes.LPCWSTR]
    user32.RegisterClipboardFormatW.restype = wintypes.UINT
    user32.OpenClipboard.argtypes = [wintypes.HWND]
    user32.OpenClipboard.restype = wintypes.BOOL
    user32.EmptyClipboard.restype = wintypes.BOOL
    user32.CloseClipboard.restype = wintypes.BOOL
    user32.SetClipboardData.argtypes = [wintypes.UINT, wintypes.HANDLE]
    user32.SetClipboardData.restype = wintypes.HANDLE
    kernel32.GlobalAlloc.argtypes = [wintypes.UINT, ctypes.c_size_t]
    kernel32.GlobalAlloc.restype = wintypes.HGLOBAL
    kernel32.GlobalLock.argtypes = [wintypes.HGLOBAL]
    kernel32.GlobalLock.restype = ctypes.c_void_p
    kernel32.GlobalUnlock.argtypes = [wintypes.HGLOBAL]
    kernel32.GlobalFree.argtypes = [wintypes.HGLOBAL]
    gmem_moveable, cf_unicodetext = 0x0002, 13

    html_format = user32.RegisterClipboardFormatW("HTML Format")
    if not html_format:
        raise ClipboardError("le format « HTML Format » du presse-papiers est indisponible.")
    for _ in range(20):  # another program may hold the clipboard for a moment
        if user32.OpenClipboard(None):
            break
        time.sleep(0.05)
    else:
        raise ClipboardError("le presse-papiers est occupé par un autre programme : réessayez.")

    def put(fmt: int, data: bytes) -> None:
        handle = kernel32.GlobalAlloc(gmem_moveable, len(data))
        pointer = kernel32.GlobalLock(handle) if handle else None
        if not pointer:
            raise ClipboardError("mémoire insuffisante pour le presse-papiers.")
        ctypes.memmove(pointer, data, len(data))
        kernel32.GlobalUnlock(handle)
        if not user32.SetClipboardData(fmt, handle):
            kernel32.GlobalFree(handle)
            raise ClipboardError(f"le presse-papiers a refusé les données (code {ctypes.get_last_error()}).")  # type: ignore[attr-defined,unused-ignore]

    try:
        user32.EmptyClipboard()
        put(html_format, payload + b"\0")
        if text is not None:
            put(cf_unicodetext, text.encode("utf-16-le") + b"\0\0")
    finally:
        user32.CloseClipboard()
