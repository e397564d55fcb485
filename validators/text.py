"""Text normalisation used to compare headers, labels and units."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9A-Z]+")


def _latin_table() -> dict[int, str]:
    """Accented Latin letters -> their base letters (`é` -> `e`, `Œ` -> `OE`)."""
    table = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if base != chr(code) and base.isascii():
            table[code] = base
    table.update({ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE"})
    return table


_LATIN = _latin_table()
# ASCII letters to upper case, digits kept, every other byte to a space.
_ASCII_WORDS = bytes(
    (c - 32 if 97 <= c <= 122 else c) if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    # str.translate is C-fast and covers French; other scripts take the slow path.
    translated = text.translate(_LATIN)
    if translated.isascii():
        return translated
    decomposed = unicodedata.normalize("NFKD", translated)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_uncached(text: str) -> str:
    """Upper-case, accent-free words separated by single spaces.

    `Sous-total  général :` -> `SOUS TOTAL GENERAL`. Used where word boundaries
    matter (TOTAL must not match `Totalement`). Uncached: for texts seen once each
    (the structures of a big table), a cache only costs.
    """
    if text.isascii():
        # Bytes translate through a 256-byte table: several times faster than a regex.
        return b" ".join(text.encode("ascii").translate(_ASCII_WORDS).split()).decode("ascii")
    return _NON_WORD.sub(" ", strip_accents(text).upper()).strip()


words = lru_cache(maxsize=65536)(words_uncached)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive key.

    `Montant  retenu (€)` and `MONTANT RETENU` give the same key; so do
    `Avenant / convention` and `AVENANT/CONVENTION`.
    """
    return words(text).replace(" ", "")


def label_key(text: str) -> str:
    """Key for libellés and structure names: case, accents and spaces ignored,
    punctuation kept as a separator (`CCAS d'Hénin Beaumont` = `ccas d hénin-beaumont`)."""
    return words(text)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
