"""Which kind of workbook a file is, from its content, never from its name.

A `.xlsx` renamed `.xls`, an Excel 2003 XML file or an HTML table saved as `.xls` by
finance software, a `.ods` from LibreOffice: the first bytes and, for a zip, its parts
say what the file is. Only the kinds a reader exists for are accepted; every other one
gets a French reason.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from pointage.base.errors import UnreadableWorkbook
from pointage.base.own_sheets import HTML_EXPORT_MARK
from pointage.reading.zip_parts import read_part

# The package's own small parts (its type, its relationships, its content types): a
# few kB in any real file.
_SMALL_PART = 1024 * 1024

XLSX = "xlsx"  # Office Open XML, transitional or Strict (.xlsx, .xlsm)
XLS = "xls"  # Excel 97-2003 (BIFF in an OLE2 container)
XLSB = "xlsb"  # Excel binary workbook
ODS = "ods"  # OpenDocument spreadsheet
XML2003 = "xml2003"  # Excel 2003 XML Spreadsheet
CSV = "csv"  # text, one line a row (open-data publications)

# What the user knows each kind as, in messages.
FORMAT_NAMES = {
    XLSX: "Excel (.xlsx)",
    XLS: "Excel 97-2003 (.xls)",
    XLSB: "Excel binaire (.xlsb)",
    ODS: "OpenDocument (.ods)",
    XML2003: "XML Excel 2003",
    CSV: "CSV",
}
# The name calamine chooses its reader by (it reads by extension).
CALAMINE_SUFFIX = {XLSX: ".xlsx", XLS: ".xls", XLSB: ".xlsb", ODS: ".ods"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
_BOOK_STREAM = "Book\x00".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_POWERPOINT_STREAM = "PowerPoint Document".encode("utf-16-le")
_WORKBOOK_TYPE = "/officeDocument"
_SPREADSHEET_2003 = b"urn:schemas-microsoft-com:office:spreadsheet"


def sniff(path: Path) -> str:
    """The kind of workbook `path` holds; UnreadableWorkbook with the reason otherwise
    (OSError when the system will not open it)."""
    if path.exists() and not path.is_file():
        raise UnreadableWorkbook("ce n'est pas un fichier.")
    # A file gone since it was listed, or one the system will not let us read: the
    # OSError, which the caller says as what it is (`errors.reading_failure`).
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if not head:
        raise UnreadableWorkbook("le fichier est vide (0 octet).")
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if head.startswith(b"PK"):
        return zip_kind(path)
    return _text_kind(head)


def _ole_kind(path: Path) -> str:
    # An encrypted OOXML file is an OLE container holding an `EncryptionInfo` stream;
    # the directory entries that name it sit in the first sectors.
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if _ENCRYPTED_MARK in head:
        raise UnreadableWorkbook(
            "le classeur est protégé par un mot de passe : enregistrez-en une copie "
            "sans mot de passe (Fichier > Informations > Protéger le classeur)."
        )
    # The streams an OLE file holds say what it is: `Workbook` (or `Book`) for Excel;
    # Word and PowerPoint use the same container.
    if _WORKBOOK_STREAM not in head and _BOOK_STREAM not in head:
        if _WORD_STREAM in head:
            raise UnreadableWorkbook("c'est un document Word (.doc), pas un classeur Excel.")
        if _POWERPOINT_STREAM in head:
            raise UnreadableWorkbook("c'est une présentation PowerPoint (.ppt), pas un classeur Excel.")
    return XLS


def zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = read_part(archive, "mimetype", _SMALL_PART)[:200]
                if b"opendocument.spreadsheet" in mimetype:
                    return ODS
                raise UnreadableWorkbook(
                    "c'est un document OpenDocument, mais pas un classeur (texte ou présentation)."
                )
            workbook = workbook_part(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise UnreadableWorkbook(
            "le fichier est endommagé (archive tronquée ou corrompue) : il ne peut pas "
            "être lu comme un classeur Excel."
        ) from exc
    if workbook is None:
        if "word/document.xml" in names:
            raise UnreadableWorkbook("c'est un document Word, pas un classeur Excel.")
        if "ppt/presentation.xml" in names:
            raise UnreadableWorkbook("c'est une présentation PowerPoint, pas un classeur Excel.")
        raise UnreadableWorkbook("ce n'est pas un classeur Excel : l'archive ne contient aucun classeur.")
    return XLSB if workbook.endswith(".bin") else XLSX


def workbook_part(archive: zipfile.ZipFile) -> str | None:
    """The workbook part that `_rels/.rels` names (`xl/workbook.xml` as Excel writes
    it, but any name is allowed), or the usual name when the package has no such
    relationship."""
    names = set(archive.namelist())
    try:
        rels = ElementTree.fromstring(read_part(archive, "_rels/.rels", _SMALL_PART))
    except (KeyError, ElementTree.ParseError):
        rels = None
    if rels is not None:
        for rel in rels:
            if rel.get("Type", "").endswith(_WORKBOOK_TYPE):
                target = rel.get("Target", "").lstrip("/")
                part = normalise_part(target)
                if part in names:
                    # Word and PowerPoint name their main part by the same relationship.
                    return part if _is_spreadsheet(archive, part) else None
    for usual in ("xl/workbook.xml", "xl/workbook.bin"):
        if usual in names:
            return usual
    return None


def _is_spreadsheet(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the package's content types (or, without them, the part's folder) say
    that `part` is a workbook."""
    try:
        types = ElementTree.fromstring(read_part(archive, "[Content_Types].xml", _SMALL_PART))
    except (KeyError, ElementTree.ParseError):
        types = None
    if types is not None:
        for override in types:
            if override.get("PartName", "").lstrip("/") == part:
                kind = override.get("ContentType", "")
                return "spreadsheetml" in kind or "ms-excel" in kind
    return not part.startswith(("word/", "ppt/"))


def normalise_part(part: str) -> str:
    stack: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if stack:
                stack.pop()
        elif piece and piece != ".":
            stack.append(piece)
    return "/".join(stack)


def rels_of(part: str) -> str:
    """`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`."""
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / (path.name + ".rels")).lstrip("./")


def _looks_like_csv(head: bytes) -> bool:
    """Text whose first lines hold the same number of one separator (a README does not)."""
    if b"\x00" in head[:4096]:
        return False
    lines = [line for line in head[:4096].splitlines()[:5] if line.strip()]
    return len(lines) >= 2 and any(
        lines[0].count(separator) > 0
        and all(line.count(separator) == lines[0].count(separator) for line in lines[:2])
        for separator in (b";", b",", b"\t")
    )


def _text_kind(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = text[:2048].lower()
    if text.startswith(b"<") and _SPREADSHEET_2003 in head:
        return XML2003
    if HTML_EXPORT_MARK.encode().lower() in lowered:
        raise UnreadableWorkbook(
            "c'est un export HTML écrit par Pointage (pointage exporter), pas un classeur."
        )
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in lowered[:512]:
        raise UnreadableWorkbook(
            "c'est une page HTML enregistrée sous un nom de classeur (export de logiciel) : "
            "ouvrez-la dans Excel et enregistrez-la au format .xlsx."
        )
    if head.startswith(b"%PDF"):
        raise UnreadableWorkbook("c'est un document PDF, pas un classeur.")
    if _looks_like_csv(head):
        return CSV
    raise UnreadableWorkbook(
        "ce n'est pas un classeur : son contenu n'est reconnu comme aucun format de tableur."
    )
