"""Text normalisation used to compare headers, labels and units."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9A-Z]+")


_LIGATURES = {ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE"}


def _latin_table() -> dict[int, str]:
    """Accented Latin letters -> their base letters (`é` -> `e`, `Œ` -> `OE`)."""
    table = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if base != chr(code) and base.isascii():
            table[code] = base
    table.update(_LIGATURES)
    return table


_LATIN = _latin_table()
# ASCII letters to upper case, digits kept, every other byte to a space.
_ASCII_WORDS = bytes(
    (c - 32 if 97 <= c <= 122 else c) if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """Letters without their accents, ligatures spelt out (`Œuvre` -> `OEuvre`). The
    Latin letters through one C-fast translation table, other scripts by Unicode
    decomposition (`strip_accents_plain` is the reference a property test compares
    it with)."""
    translated = text.translate(_LATIN)
    if translated.isascii():
        return translated
    return strip_accents_plain(translated)


def strip_accents_plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_uncached(text: str) -> str:
    """Upper-case, accent-free words separated by single spaces.

    `Sous-total  général :` -> `SOUS TOTAL GENERAL`. Used where word boundaries
    matter (TOTAL must not match `Totalement`). Uncached: for texts seen once each
    (the structures of a big table), a cache only costs.
    """
    if text.isascii():
        # Bytes translate through a 256-byte table: several times faster than the
        # regex of `words_plain`, the reference a property test compares it with.
        return b" ".join(text.encode("ascii").translate(_ASCII_WORDS).split()).decode("ascii")
    return words_plain(text)


def words_plain(text: str) -> str:
    return _NON_WORD.sub(" ", strip_accents(text).upper()).strip()


words = lru_cache(maxsize=65536)(words_uncached)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive key.

    `Montant  retenu (€)` and `MONTANT RETENU` give the same key; so do
    `Avenant / convention` and `AVENANT/CONVENTION`.
    """
    return words(text).replace(" ", "")


# As _ASCII_WORDS, but the separator of `words_of_all` (NUL) is kept.
_ASCII_WORDS_KEEP_NUL = b"\x00" + _ASCII_WORDS[1:]


def words_of_all(texts: list[str]) -> list[str]:
    """`[words(t) for t in texts]`, computed on one joined string: a column of
    100 000 distinct structures is normalised by a few C calls instead of 100 000
    Python ones."""
    joined = "\x00".join(texts)
    if not texts or joined.count("\x00") != len(texts) - 1:
        return [words_uncached(t) for t in texts]  # a text holds the separator itself
    if not joined.isascii():
        for char in {c for c in set(joined) if c > "\x7f"}:
            joined = joined.replace(char, _LATIN.get(ord(char), char))
        if not joined.isascii():  # beyond Latin letters: the careful way
            return [words_uncached(t) for t in texts]
    data = joined.encode("ascii").translate(_ASCII_WORDS_KEEP_NUL)
    while b"  " in data:  # runs of separators become one space (halved each time)
        data = data.replace(b"  ", b" ")
    data = data.strip(b" ").replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00")
    return data.decode("ascii").split("\x00")


def unit_key_of(unit: str) -> str:
    """`Portefeuilles` -> `PORTEFEUILLE`, `places` -> `PLACE`, `ETP` -> `ETP`."""
    k = key(unit)
    return k[:-1] if k.endswith(("S", "X")) and len(k) > 3 else k


def label_key(text: str) -> str:
    """Key for libellés and structure names: case, accents and spaces ignored,
    punctuation kept as a separator (`CCAS d'Hénin Beaumont` = `ccas d hénin-beaumont`)."""
    return words(text)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(cells: list[object]) -> bool:
    """`all(map(is_blank, cells))` (the reference, which a property test compares it
    with), for every row of every sheet: the usual row stops at its first cell, with
    no call per cell."""
    for value in cells:
        if value is not None and value != "" and (value.__class__ is not str or value.strip()):
            return False
    return True
