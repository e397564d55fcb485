"""Every read of a part of a zip archive (`.xlsx`, `.xlsb`, `.ods`), in bounded memory.

A part is inflated here from its raw compressed bytes with its own decompressor, never
by Python's `ZipFile.read`: that one trusts the size the archive declares (it stops
there, so a part that lies about its size passes its checks) and inflates up to 2 GiB
in one call when asked for a whole part. Here, whatever the archive declares, a part
never yields more than its declared size, never more than its caller's cap, never more
than BOMB_RATIO times its compressed size past BOMB_FLOOR: each is refused as soon as
it is passed, after one block, with a French reason.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from typing import IO

from pointage.base.errors import UnreadableWorkbook
from pointage.base.formatting import count

MIB = 1024 * 1024
# Zip bombs: a part that inflates to more than BOMB_RATIO times its size in the archive,
# past BOMB_FLOOR, is refused as a trap while it streams, before calamine reads it.
# Real sheets inflate 5 to 30 times (the 100 000-row benchmark sheet: 12).
BOMB_RATIO = 100
BOMB_FLOOR = 64 * MIB
# Too big to check: a check takes about 5 times its sheets' XML in memory (bench
# `memoire`: 205 MiB for 41 MiB), so past this it would pass 1 GiB. 100 000 annex rows
# of 7 columns are 41 MiB of XML: the limit is near 450 000 such rows.
MAX_CHECKED_XML_BYTES = 192 * MIB
# A part read whole into memory (the workbook, relationships, styles, a table's or a
# pivot table's definition, a small sheet): Excel's largest (a styles part at its
# 64 000 cell formats) stay under 16 MiB.
MAX_WHOLE_PART = 32 * MIB

DAMAGED = "le fichier est endommagé (archive tronquée ou corrompue)."
_CHUNK = 1 << 16
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def check_inflation(
    archive: zipfile.ZipFile, watchers: Mapping[str, Callable[[bytes], None]] | None = None
) -> None:
    """Every part of the archive (whatever its name: a sheet part may be called
    `sheet1.dat`), inflated once here in constant memory and CRC-checked, before
    calamine reads any: a part that inflates like a bomb, or past the size the archive
    declares, is refused as a trap; a workbook whose sheets are too big to check is
    refused as too big. For `.xlsx`, `.xlsb` and `.ods` alike. `watchers`: part ->
    what sees each of its blocks as it streams, then an empty block at its end (the
    cells of a sheet counted, its XML scanned): the only inflate of those parts."""
    parts = [i for i in archive.infolist() if not i.is_dir()]
    for info in parts:  # what the archive says of itself, first: a trap is a trap
        refuse_bomb(info, info.file_size)
    declared = sum(i.file_size for i in parts if _counts_for_memory(i.filename))
    if declared > MAX_CHECKED_XML_BYTES:
        raise UnreadableWorkbook(too_big_message(declared))
    total = 0
    for info in parts:
        watch = (watchers or {}).get(info.filename)
        counted = _counts_for_memory(info.filename)
        with open_part(archive, info) as stream:
            while block := stream.read(1 << 20):
                if counted:
                    total += len(block)
                    if total > MAX_CHECKED_XML_BYTES:
                        raise UnreadableWorkbook(too_big_message(total))
                if watch is not None:
                    watch(block)
        if watch is not None:
            watch(b"")


def _counts_for_memory(name: str) -> bool:
    """The parts whose size the check's memory follows: sheets and their strings (the
    sheets of an `.ods` are all in its content.xml)."""
    return "worksheets/" in name or "sharedStrings." in name or name == "content.xml"


def too_big_message(size: int) -> str:
    return (
        f"le classeur est trop volumineux pour être vérifié : ses feuilles font au moins "
        f"{size // MIB} Mo une fois décompressées, au-delà de {MAX_CHECKED_XML_BYTES // MIB} Mo "
        "(environ 450 000 lignes d'annexe de 7 colonnes ; la vérification prendrait plus de "
        "1 Gio de mémoire) : découpez-le en plusieurs classeurs."
    )


def holds(archive: zipfile.ZipFile, part: str, needle: bytes) -> bool:
    """Whether the part's bytes hold `needle`, read in blocks."""
    carry = b""
    with open_part(archive, part) as stream:
        while block := stream.read(1 << 20):
            if needle in carry + block:
                return True
            carry = block[-len(needle) :]
    return False


def open_part(archive: zipfile.ZipFile, part: str | zipfile.ZipInfo) -> PartStream:
    """The part, to be read in blocks (`read(n)`, `iterparse`); KeyError when the
    archive has no such part."""
    info = part if isinstance(part, zipfile.ZipInfo) else archive.getinfo(part)
    return PartStream(archive, info)


def read_part(archive: zipfile.ZipFile, part: str | zipfile.ZipInfo, limit: int = MAX_WHOLE_PART) -> bytes:
    """The whole part, when it inflates to `limit` bytes at most (whatever the archive
    declares); UnreadableWorkbook otherwise."""
    with open_part(archive, part) as stream:
        refuse_bomb(stream.info, stream.info.file_size)
        if stream.info.file_size > limit:
            raise UnreadableWorkbook(too_big_part(stream.info.filename, limit))
        stream.limit = limit
        return stream.read()


def too_big_part(name: str, limit: int) -> str:
    return (
        f"une partie du classeur ({name}) fait plus de {limit // MIB} Mo une fois décompressée : "
        "trop volumineuse pour être lue (découpez le classeur en plusieurs classeurs)."
    )


def refuse_bomb(info: zipfile.ZipInfo, inflated: int) -> None:
    """A part that has inflated to `inflated` bytes (or declares so) like a bomb is a trap."""
    if inflated > BOMB_FLOOR and inflated > BOMB_RATIO * max(info.compress_size, 1):
        raise UnreadableWorkbook(
            f"une partie du classeur ({info.filename}) se décompresse à plus de {BOMB_RATIO} fois "
            f"sa taille ({inflated // MIB} Mo au moins pour {max(info.compress_size // MIB, 1)} Mo "
            "dans l'archive) : fichier refusé (archive piégée)."
        )


def _damaged(detail: str) -> UnreadableWorkbook:
    """The French refusal, the archive's own fault kept as its cause (said as detail)."""
    error = UnreadableWorkbook(DAMAGED)
    error.__cause__ = zipfile.BadZipFile(detail)
    return error


def _beyond_declared(info: zipfile.ZipInfo) -> str:
    return (
        f"une partie du classeur ({info.filename}) se décompresse au-delà de la taille que "
        f"l'archive annonce pour elle ({count(info.file_size, 'octet')}) : fichier refusé (archive piégée)."
    )


class PartStream(io.RawIOBase):
    """One part, inflated block by block from its raw bytes, CRC-checked at its end.
    `limit`: the most it may yield (its declared size, at most)."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        super().__init__()
        self.info, self.limit = info, info.file_size
        if archive.fp is None:
            raise ValueError("archive closed")
        self._file: IO[bytes] = archive.fp
        self._at, self._left = self._data_start(), info.compress_size
        if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
            # bzip2, lzma: Excel never writes them
            raise _damaged(f"compression method {info.compress_type} of {info.filename!r}")
        self._inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        self._tail = b""  # compressed bytes read, not inflated yet
        self._done = False
        self.inflated = 0
        self._crc = 0

    def _data_start(self) -> int:
        """Where the part's compressed bytes begin, after its local header."""
        info = self.info
        self._file.seek(0, io.SEEK_END)
        size = self._file.tell()
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise _damaged(f"Bad magic number for file header of {info.filename!r}")
        fields = _LOCAL_HEADER.unpack(header)
        flags, name_length, extra_length = fields[3], fields[10], fields[11]
        if flags & 0x1:  # an encrypted part: never Excel's own encryption (that is OLE)
            raise _damaged(f"{info.filename!r} is encrypted")
        start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.compress_size > size:
            raise _damaged(f"{info.filename!r} ends beyond the end of the file")
        return start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            blocks = []
            while block := self.read(1 << 20):
                blocks.append(block)
            return b"".join(blocks)
        out = b""
        while not out and not self._done and size:
            out = self._next(size)
        return out

    def _next(self, size: int) -> bytes:
        if not self._tail and self._left:
            self._file.seek(self._at)
            raw = self._file.read(min(_CHUNK, self._left))
            if not raw:
                raise _damaged(f"{self.info.filename!r} ends before its end")
            self._at, self._left = self._at + len(raw), self._left - len(raw)
            self._tail = raw
        # One byte more than may be yielded: a part inflating past its cap is seen here.
        room = self.limit - self.inflated + 1
        want = min(size, room)
        try:
            if self._inflater is None:
                out, self._tail = self._tail[:want], self._tail[want:]
                ended = not self._tail and not self._left
            else:
                out = self._inflater.decompress(self._tail, want)
                self._tail = self._inflater.unconsumed_tail
                ended = self._inflater.eof
                if not out and not self._tail and not self._left and not ended:
                    raise _damaged(
                        f"{self.info.filename!r}: compressed data ended before its end-of-stream marker"
                    )
        except zlib.error as exc:
            raise UnreadableWorkbook(DAMAGED) from exc
        self.inflated += len(out)
        self._guard()
        self._crc = zlib.crc32(out, self._crc)
        if ended:
            self._done = True
            if self._crc != self.info.CRC:
                raise _damaged(f"Bad CRC-32 for file {self.info.filename!r}")
        return out

    def _guard(self) -> None:
        info = self.info
        if self.inflated > info.file_size:
            raise UnreadableWorkbook(_beyond_declared(info))
        refuse_bomb(info, self.inflated)
        if self.inflated > self.limit:
            raise UnreadableWorkbook(too_big_part(info.filename, self.limit))
