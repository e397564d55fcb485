"""CF_HTML, the Windows clipboard's HTML format: offsets checked without Windows."""

from __future__ import annotations

import re
import sys

import pytest

from pointage.outputs.export.clipboard import ClipboardError, cf_html, put_html_on_clipboard

DOCUMENT = (
    '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"></head>\n'
    '<body style="font-family:Arial">\n<table><tr><td>Liévin</td><td>14 875,00 €</td></tr></table>\n'
    "</body>\n</html>\n"
)


def offsets(data: bytes) -> dict[str, int]:
    header = data[: data.index(b"<")].decode("ascii")
    return {k: int(v) for k, v in re.findall(r"^(\w+):(\d+)\r$", header, re.MULTILINE)}


def test_header_and_offsets_of_a_document():
    data = cf_html(DOCUMENT)
    assert data.startswith(b"Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:")
    places = offsets(data)
    assert places["StartHTML"] == 105 == data.index(b"<!DOCTYPE")
    assert places["EndHTML"] == len(data)
    html = DOCUMENT.replace(
        '<body style="font-family:Arial">', '<body style="font-family:Arial"><!--StartFragment-->'
    ).replace("</body>", "<!--EndFragment--></body>")
    assert data[places["StartHTML"] : places["EndHTML"]] == html.encode("utf-8")
    fragment = data[places["StartFragment"] : places["EndFragment"]]
    assert fragment == ("\n<table><tr><td>Liévin</td><td>14 875,00 €</td></tr></table>\n".encode())
    assert data[: places["StartFragment"]].endswith(b"<!--StartFragment-->")
    assert data[places["EndFragment"] :].startswith(b"<!--EndFragment-->")


def test_offsets_count_bytes_not_characters():
    data = cf_html("<p>é€</p>")
    places = offsets(data)
    # é is 2 bytes in UTF-8, € 3: the fragment is 12 bytes for 9 characters.
    assert places["EndFragment"] - places["StartFragment"] == 12
    assert data[places["StartFragment"] : places["EndFragment"]].decode("utf-8") == "<p>é€</p>"
    assert (
        data[places["StartHTML"] :]
        == "<html><body><!--StartFragment--><p>é€</p><!--EndFragment--></body></html>".encode()
    )


def test_existing_markers_are_kept():
    html = "<html><body><h1>Titre</h1><!--StartFragment--><b>x</b><!--EndFragment--></body></html>"
    data = cf_html(html)
    places = offsets(data)
    assert data[places["StartHTML"] :] == html.encode()
    assert data[places["StartFragment"] : places["EndFragment"]] == b"<b>x</b>"


@pytest.mark.skipif(sys.platform == "win32", reason="ailleurs que sous Windows seulement")
def test_clipboard_is_windows_only():
    with pytest.raises(ClipboardError) as refused:
        put_html_on_clipboard(DOCUMENT)
    assert str(refused.value) == (
        "le presse-papiers n'est accessible que sous Windows : le fichier exporté peut être "
        "ouvert et copié à la main."
    )
