"""The délibération's Word document (`.docx`) read into plain passages: each non-empty
paragraph of the body, and each cell of its tables, with its place in the document.

python-docx builds the whole XML tree in memory (and holds every part of the package
as bytes), so the document is measured first, through `zip_parts`: a package whose
parts add up to more than MAX_DOCUMENT_BYTES, or whose text part inflates past
MAX_DOCUMENT_XML, is refused with a French reason before python-docx opens it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from pointage.base.errors import UnreadableWorkbook
from pointage.reading.zip_parts import BOMB_RATIO, MIB, read_part, refuse_bomb

# The text part (word/document.xml): a délibération with its rapport and annexes is a
# few MiB of XML; lxml's tree of 32 MiB of XML takes some 300 MiB.
MAX_DOCUMENT_XML = 32 * MIB
# Every part together (python-docx keeps each one's bytes: images, fonts, styles).
MAX_DOCUMENT_BYTES = 96 * MIB
_TEXT_PART = "word/document.xml"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_BREAKS = re.compile(r"[ \t\r\n]+")


class UnreadableDocument(UnreadableWorkbook):
    """The document cannot be read; the message is French, for the user."""


@dataclass(frozen=True)
class Passage:
    """A paragraph (`table` None) or a table cell, and its text (runs joined)."""

    text: str
    paragraph: int | None = None  # 1-based, among the body's non-empty paragraphs
    table: int | None = None  # 1-based, in the body's order
    row: int | None = None  # 1-based
    column: int | None = None  # 1-based, a merged cell once, at its first column

    @property
    def place(self) -> str:
        """Where a person finds it: `paragraphe 12`, `tableau 2, ligne 3, colonne 5`."""
        if self.table is None:
            return f"paragraphe {self.paragraph}"
        return f"tableau {self.table}, ligne {self.row}, colonne {self.column}"


@dataclass(frozen=True)
class DeliberationText:
    name: str  # the file's name, as findings cite it
    passages: tuple[Passage, ...]


def read_deliberation(path: str | Path) -> DeliberationText:
    """The passages of the document, in reading order; UnreadableDocument (French
    reason) for anything that is not a readable `.docx` of a bounded size."""
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith(_OLE):
        if _ENCRYPTED_MARK in head:
            raise UnreadableDocument(
                "le document est protégé par un mot de passe (chiffré) : enregistrez-en une copie "
                "sans mot de passe (Fichier > Informations > Protéger le document)."
            )
        raise UnreadableDocument(
            "c'est un document Word 97-2003 (.doc) ou un autre fichier OLE, pas un .docx : "
            "enregistrez-le au format Document Word (.docx)."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            xml = _measured_text_part(archive)
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(
            "ce n'est pas un document Word (.docx) : le fichier n'est pas une archive."
        ) from exc
    except UnreadableDocument:
        raise
    except UnreadableWorkbook as exc:  # zip_parts' reason (a damaged archive), said of the document
        raise UnreadableDocument(str(exc).replace("classeur", "document")) from exc
    except (EOFError, ValueError, NotImplementedError, zlib.error) as exc:  # zipfile's own failures
        raise UnreadableDocument("le document est endommagé (archive tronquée ou corrompue).") from exc
    return DeliberationText(path.name, tuple(_passages(path, xml)))


def _measured_text_part(archive: zipfile.ZipFile) -> bytes:
    parts = [i for i in archive.infolist() if not i.is_dir()]
    for info in parts:
        try:
            refuse_bomb(info, info.file_size)
        except UnreadableWorkbook as exc:
            raise UnreadableDocument(
                f"une partie du document ({info.filename}) se décompresse à plus de {BOMB_RATIO} fois sa "
                "taille : fichier refusé (archive piégée)."
            ) from exc
    declared = sum(i.file_size for i in parts)
    if declared > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(
            f"le document est trop volumineux pour être lu : {declared // MIB} Mo une fois "
            f"décompressé, au-delà de {MAX_DOCUMENT_BYTES // MIB} Mo (images comprises) ; "
            "enregistrez le texte de la délibération seul dans un document."
        )
    if _TEXT_PART not in archive.namelist():
        raise UnreadableDocument(
            f"ce n'est pas un document Word (.docx) : l'archive n'a pas de {_TEXT_PART}."
        )
    if archive.getinfo(_TEXT_PART).file_size > MAX_DOCUMENT_XML:
        raise UnreadableDocument(_text_too_big())
    # Inflated here whatever the archive declares: a part that lies about its size is
    # refused at the cap, before python-docx reads it.
    try:
        return read_part(archive, _TEXT_PART, limit=MAX_DOCUMENT_XML)
    except UnreadableDocument:
        raise
    except UnreadableWorkbook as exc:  # said of a workbook by zip_parts: said again of the document
        raise UnreadableDocument(_text_too_big()) from exc


def _text_too_big() -> str:
    return (
        f"le texte du document ({_TEXT_PART}) fait plus de {MAX_DOCUMENT_XML // MIB} Mo une fois "
        "décompressé : trop volumineux pour être lu (la lecture prendrait plus de 300 Mo de mémoire) ; "
        "enregistrez le texte de la délibération seul dans un document."
    )


def _passages(path: Path, xml: bytes) -> list[Passage]:
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx's own errors: a damaged or foreign package
        raise UnreadableDocument(
            "ce n'est pas un document Word (.docx) lisible : le fichier est endommagé ou d'un autre format."
        ) from exc
    del xml  # measured only: python-docx reads the part itself
    passages: list[Passage] = []
    paragraph = table = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _one_line(block.text)
            if text:
                paragraph += 1
                passages.append(Passage(text, paragraph=paragraph))
        elif isinstance(block, Table):
            table += 1
            passages.extend(_cells(block, table))
    return passages


def _cells(table: Table, number: int) -> list[Passage]:
    out: list[Passage] = []
    seen: set[object] = set()  # the cells' XML elements (kept alive, so never confused)
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            # A merged cell is returned at each grid column it spans: said once.
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = _one_line(cell.text)
            if text:
                out.append(Passage(text, table=number, row=r, column=c))
    return out


def _one_line(text: str) -> str:
    """Runs, tabs and line breaks as single spaces; non-breaking spaces kept (they
    group thousands)."""
    return _BREAKS.sub(" ", text).strip()
