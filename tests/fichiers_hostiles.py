"""Hostile workbooks made on the spot (no binary committed): each costs a reader memory
out of all proportion to its size on disk, by a lie of its zip archive or by the
layout of its cells. `tests/test_hostile_memoire.py` runs Pointage on each."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
MIB = 1 << 20


def bombe_menteuse(path: Path, inflated_mib: int = 1024, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The example workbook whose sheet part holds its real XML followed by
    `inflated_mib` MiB of spaces, while the archive declares the real XML's size and
    CRC: a reader that stops at the declared size sees a plain sheet; one that inflates
    the part whole holds a GiB in memory."""
    with zipfile.ZipFile(EXAMPLE) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    honest = parts.pop(part)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(honest) + compressor.flush(zlib.Z_FULL_FLUSH)
    spaces = b" " * (16 * MIB)
    block = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush nothing refers back: the same block inflates the same way again.
    assert compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    raw = head + block * (inflated_mib // 16) + compressor.flush()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        # A placeholder of the same compressed length, stored, replaced below by the raw stream.
        info = zipfile.ZipInfo(part, date_time=(2024, 9, 16, 0, 0, 0))
        target.writestr(info, b"\0" * len(raw), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    count, _, directory = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, directory + 28)
        if data[directory + 46 : directory + 46 + name_length] == part.encode():
            break
        directory += 46 + name_length + extra_length + comment_length
    local = struct.unpack_from("<I", data, directory + 42)[0]
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra_length
    data[start : start + len(raw)] = raw
    # Deflated, with the honest XML's CRC and size: the lie, in both headers.
    lie = struct.pack("<III", zlib.crc32(honest), len(raw), len(honest))
    struct.pack_into("<H", data, local + 8, 8)
    data[local + 14 : local + 26] = lie
    struct.pack_into("<H", data, directory + 10, 8)
    data[directory + 16 : directory + 28] = lie
    path.write_bytes(bytes(data))
    return path


def _cfb(stream: bytes, name: str = "Workbook") -> bytes:
    """A compound file (OLE2) holding one stream, in 512-byte sectors: the header, the
    stream (4096 bytes at least, so that it lives in regular sectors), the directory,
    the FAT."""
    sector = 512
    stream += b"\0" * (-len(stream) % sector)
    count = len(stream) // sector
    assert count >= 8, "a stream under 4096 bytes would belong in the mini stream"
    directory_at, fat_at = count, count + 1
    fat_sectors = 1
    assert count + 2 <= sector // 4
    fat = [*range(1, count), 0xFFFFFFFE]  # the stream's chain
    fat += [0xFFFFFFFE, 0xFFFFFFFD]  # the directory, the FAT itself
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (entry_name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<III", start, size, 0)
        )

    root = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
    workbook = entry(name, 2, 0xFFFFFFFF, 0, len(stream))
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", *([0xFFFFFFFF] * 3)) + b"\0" * 48
    directory = root + workbook + empty + empty
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_at, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", fat_at)
        + struct.pack("<I", 0xFFFFFFFF) * 108
    )
    assert len(header) == sector
    return header + stream + directory + struct.pack(f"<{sector // 4}I", *fat)


def _biff(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def xls_dense(path: Path, cells: list[tuple[int, int, float]] | None = None) -> Path:
    """An Excel 97-2003 workbook (BIFF8) whose one sheet holds a number in A1 and one in
    IV65536, the last cell of the format: 42 kB of records, a block of 65 536 × 256
    cells for a reader that makes a dense grid of the used range."""
    cells = cells or [(0, 0, 1.0), (65535, 255, 2.0)]
    sheet_name = "Annexe".encode("latin-1")
    bof_book = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0206))
    bof_sheet = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x0206))
    xf = struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    book_head = bof_book + _biff(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    font = _biff(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + b"\x05\x00Arial")
    book_head += (
        font * 5 + _biff(0x00E0, xf) * 16 + _biff(0x00E0, xf[:4] + struct.pack("<H", 0x0001) + xf[6:])
    )
    boundsheet_size = 4 + 8 + len(sheet_name)
    first_sheet = len(book_head) + boundsheet_size + 4
    book = book_head + _biff(
        0x0085, struct.pack("<IBBBB", first_sheet, 0, 0, len(sheet_name), 0) + sheet_name
    )
    book += _biff(0x000A)
    rows = [r for r, _, _ in cells]
    cols = [c for _, c, _ in cells]
    sheet = bof_sheet + _biff(
        0x0200, struct.pack("<IIHHH", min(rows), max(rows) + 1, min(cols), max(cols) + 1, 0)
    )
    for row, col, value in cells:
        sheet += _biff(0x0203, struct.pack("<HHHd", row, col, 16, value))
    sheet += _biff(0x000A)
    stream = book + sheet
    # Padding after the last EOF is never read; it keeps the stream out of the mini stream.
    path.write_bytes(_cfb(stream + b"\0" * max(0, 4096 - len(stream))))
    return path


def xlsx_sans_references(path: Path, rows: int, columns: int = 7) -> Path:
    """An annex of `rows` lines and `columns` columns whose `<row>` and `<c>` carry no
    `r=` (allowed: cells then follow each other), written by a program: about 120 bytes
    of XML a line where Excel's own writing takes 250."""
    with zipfile.ZipFile(EXAMPLE) as source:
        parts = {
            i.filename: source.read(i) for i in source.infolist() if i.filename != "xl/worksheets/sheet1.xml"
        }
        parts.pop("xl/sharedStrings.xml", None)
    header = "".join(f'<c t="inlineStr"><is><t>{t}</t></is></c>' for t in ["STRUCTURE", "MONTANT RETENU"])
    header += "".join(f'<c t="inlineStr"><is><t>COL{i}</t></is></c>' for i in range(columns - 2))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in parts.items():
            if name == "[Content_Types].xml":
                data = data.replace(b'<Override PartName="/xl/sharedStrings.xml"', b'<Override PartName="/x"')
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"sharedStrings.xml", b"absent.xml")
            target.writestr(name, data)
        with target.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData><row>' + header.encode() + b"</row>"
            )
            # Amounts that differ from line to line, as in a real list: it inflates 10
            # times, like a real sheet, never like a bomb.
            amounts = "".join(f"<c><v>{{{j}}}</v></c>" for j in range(1, columns))
            line = '<row><c t="inlineStr"><is><t>CCAS {0}</t></is></c>' + amounts + "</row>"
            for first in range(0, rows, 10_000):
                last = min(rows, first + 10_000)
                batch = "".join(
                    line.format(i, *(i * 7 + j for j in range(1, columns))) for i in range(first, last)
                )
                sheet.write(batch.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def ods_lointain(path: Path, last_row: int = 1_048_576, last_col: int = 26) -> Path:
    """An `.ods` whose one sheet holds a number in A1 and one in the cell (`last_row`,
    `last_col`), 1-based, the rows and cells between written as repeated empty ones (how
    LibreOffice writes a sheet's tail): a few hundred bytes for a used range of 27
    million cells (Z1048576)."""
    from classeurs import ods

    table = (
        '<table:table table:name="Annexe">'
        '<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
        "</table:table-cell></table:table-row>"
        f'<table:table-row table:number-rows-repeated="{last_row - 2}"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="{last_col - 1}"/>'
        '<table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )
    return ods(path, table)


def xlsb_lointain(path: Path, far: tuple[int, int] = (1_048_575, 16_383)) -> Path:
    """An `.xlsb` whose one sheet holds a number in A1 and one at `far` (0-based row,
    column; XFD1048576 by default) while its BrtWsDim declares A1:A1: three records,
    a few hundred bytes, for a used range of 17 billion cells in calamine."""
    from classeurs import vers_xlsb

    small = vers_xlsb(EXAMPLE, path.with_suffix(".seule.xlsb"))
    with zipfile.ZipFile(small) as source:
        parts = {
            i.filename: source.read(i)
            for i in source.infolist()
            if not i.filename.startswith("xl/worksheets/")
        }
    book = parts["xl/workbook.bin"]
    # One sheet only: the workbook part keeps its first BrtBundleSh (0x9C 0x01).
    first = book.index(b"\x9c\x01")
    second = book.find(b"\x9c\x01", first + 2)
    if second >= 0:
        book = book[:second] + book[book.index(b"\x90\x01", second) :]
    parts["xl/workbook.bin"] = book

    def record(kind: int, data: bytes = b"") -> bytes:
        head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
        return head + bytes([len(data)]) + data  # every record here is under 128 bytes

    def row(r: int) -> bytes:
        return record(0x00, struct.pack("<IIH", r, 0, 300) + b"\x00\x00\x00" + struct.pack("<I", 0))

    sheet = record(0x81) + record(0x94, struct.pack("<IIII", 0, 0, 0, 0)) + record(0x91)
    sheet += row(0) + record(0x05, struct.pack("<IId", 0, 0, 1.0))
    sheet += row(far[0]) + record(0x05, struct.pack("<IId", far[1], 0, 2.0))
    parts["xl/worksheets/sheet1.bin"] = sheet + record(0x92) + record(0x82)
    small.unlink()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path
