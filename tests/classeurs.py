"""Test workbooks from readable descriptions (no binary fixtures).

A sheet is a pipe table, one line per row:

    STRUCTURE      | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
    CCAS de Lens   | 10 places sur 12 mois   | 1600
    TOTAL          | 10                      | 1600

A cell is empty, a formula (`=E4-F4`, written without a cached value, as any
program-written workbook), a number (`1600`, `-3.5`), quoted text kept verbatim
(`"3354"`, `" 29 275,00 € "`), or any other text. A line with only spaces is a blank
row. `Feuille(texte, a="C3", ...)` places the table elsewhere and adds hidden rows,
merged ranges or an Excel Table.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.table import Table

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

# The barème that seeds 000 and 001 follow (classeur.md, section 4).
BAREME_SEED = """
Unité        | Coût annuel (€) | Structure
place        | 160             |
portefeuille | 13750           |
portefeuille | 22500           | CCAS d'Hénin Beaumont
"""


@dataclass
class Feuille:
    texte: str
    a: str = "A1"
    lignes_masquees: tuple[int, ...] = ()  # Excel row numbers
    colonnes_masquees: tuple[str, ...] = ()  # column letters
    fusions: tuple[str, ...] = ()  # A1 ranges
    tableau_excel: str | None = None  # Excel Table over the whole text, header first
    formats: dict[str, str] = field(default_factory=dict)  # A1 -> number format


def cellule(texte: str) -> object:
    brut = texte.strip()
    if not brut:
        return None
    if len(brut) >= 2 and brut[0] == brut[-1] == '"':
        return brut[1:-1]
    if _NUMBER.match(brut):
        return float(brut) if "." in brut else int(brut)
    return brut


def lignes(texte: str) -> list[list[object]]:
    corps = textwrap.dedent(texte).strip("\n")
    return [[cellule(c) for c in ligne.split("|")] if ligne.strip() else [] for ligne in corps.split("\n")]


def construire(chemin: Path, feuilles: dict[str, str | Feuille]) -> Path:
    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for nom, description in feuilles.items():
        feuille = description if isinstance(description, Feuille) else Feuille(description)
        ws = classeur.create_sheet(nom)
        colonne, ligne = coordinate_from_string(feuille.a)
        col0 = column_index_from_string(colonne)
        rangees = lignes(feuille.texte)
        for i, rangee in enumerate(rangees):
            for j, valeur in enumerate(rangee):
                if valeur is not None:
                    ws.cell(row=ligne + i, column=col0 + j, value=valeur)
        for numero in feuille.lignes_masquees:
            ws.row_dimensions[numero].hidden = True
        for lettre in feuille.colonnes_masquees:
            ws.column_dimensions[lettre].hidden = True
        for plage in feuille.fusions:
            ws.merge_cells(plage)
        for adresse, code in feuille.formats.items():
            ws[adresse].number_format = code
        if feuille.tableau_excel:
            largeur = max(len(r) for r in rangees)
            fin = ws.cell(row=ligne + len(rangees) - 1, column=col0 + largeur - 1).coordinate
            ws.add_table(Table(displayName=feuille.tableau_excel, ref=f"{feuille.a}:{fin}"))
    chemin = Path(chemin)
    classeur.save(chemin)
    return chemin


def parties_canoniques(chemin: Path) -> dict[str, bytes | str]:
    """The parts of a workbook, XML canonicalised: two writers (with or without lxml)
    serialise the same content differently."""
    import zipfile
    from xml.etree.ElementTree import canonicalize

    with zipfile.ZipFile(chemin) as archive:
        return {
            nom: canonicalize(archive.read(nom).decode("utf-8"), strip_text=True)
            if nom.endswith((".xml", ".rels"))
            else archive.read(nom)
            for nom in archive.namelist()
        }


def vers_xml_2003(source: Path, cible: Path) -> Path:
    """The workbook `source` (.xlsx) as Excel 2003 XML Spreadsheet: values with their
    types (cached values of formulas), merged cells, hidden rows. LibreOffice's own
    export of this format fails on ordinary sheets (an XSLT recursion), so the tests
    write it themselves."""
    from xml.sax.saxutils import escape, quoteattr

    from openpyxl.cell.cell import ERROR_CODES

    from pointage.reading.workbook import read_workbook

    snapshot = read_workbook(source)
    lignes_xml = [
        '<?xml version="1.0"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
    ]
    for feuille in snapshot.sheets:
        lignes_xml.append(f"<Worksheet ss:Name={quoteattr(feuille.name)}><Table>")
        fusions = {(r1, c1): (r2 - r1, c2 - c1) for r1, c1, r2, c2 in feuille.merged}
        couvertes = {
            (r, c)
            for r1, c1, r2, c2 in feuille.merged
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        for i, rangee in enumerate(feuille.values):
            r = feuille.origin_row + i
            masquee = ' ss:Hidden="1"' if r in feuille.hidden_rows else ""
            lignes_xml.append(f'<Row ss:Index="{r + 1}"{masquee}>')
            for j, valeur in enumerate(rangee):
                c = feuille.origin_col + j
                if (r, c) in couvertes or (valeur == "" and (r, c) not in fusions):
                    continue
                bas, droite = fusions.get((r, c), (0, 0))
                fusion = (f' ss:MergeAcross="{droite}"' if droite else "") + (
                    f' ss:MergeDown="{bas}"' if bas else ""
                )
                if valeur == "":
                    donnee = ""
                elif isinstance(valeur, bool):
                    donnee = f'<Data ss:Type="Boolean">{int(valeur)}</Data>'
                elif isinstance(valeur, (int, float)):
                    donnee = f'<Data ss:Type="Number">{valeur!r}</Data>'
                elif isinstance(valeur, str) and valeur in ERROR_CODES:
                    donnee = f'<Data ss:Type="Error">{escape(valeur)}</Data>'
                elif hasattr(valeur, "isoformat"):
                    donnee = f'<Data ss:Type="DateTime">{valeur.isoformat()}</Data>'
                else:
                    donnee = f'<Data ss:Type="String">{escape(str(valeur))}</Data>'
                lignes_xml.append(f'<Cell ss:Index="{c + 1}"{fusion}>{donnee}</Cell>')
            lignes_xml.append("</Row>")
        lignes_xml.append("</Table></Worksheet>")
    lignes_xml.append("</Workbook>")
    cible.write_text("\n".join(lignes_xml), encoding="utf-8")
    return cible


def vers_strict(source: Path, cible: Path) -> Path:
    """The workbook `source` (.xlsx) as Strict Open XML: the same parts, in the Strict
    namespaces (what Excel's « Classeur Strict Open XML » writes)."""
    import zipfile

    espaces = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
        b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
    }
    with zipfile.ZipFile(source) as entree, zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in entree.infolist():
            contenu = entree.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for transitionnel, strict in espaces.items():
                    contenu = contenu.replace(transitionnel, strict)
            sortie.writestr(info.filename, contenu)
    return cible


def par_libreoffice(source: Path, format_: str, dossier: Path, langue: str | None = None) -> Path | None:
    """`source` converted by LibreOffice (`xls`, `ods`), or None without LibreOffice.
    `langue` (`fr-FR`) sets the locale of its profile, which formats numbers as a
    French Excel does (the machine may have no French locale)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profil = dossier / "profil-libreoffice"
    if langue:
        (profil / "user").mkdir(parents=True, exist_ok=True)
        (profil / "user" / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry">'
            '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" '
            f'oor:op="fuse"><value>{langue}</value></prop></item></oor:items>\n',
            encoding="utf-8",
        )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            format_,
            "--outdir",
            str(dossier),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return dossier / f"{source.stem}.{format_}"


def avec_valeurs_en_cache(chemin: Path, valeurs: dict[str, dict[str, object]]) -> Path:
    """The workbook `chemin` (written by `construire`, whose formulas have no cached
    value) with the given cached values, as Excel writes them after computing:
    `{"Annexe": {"C5": 5040, "D5": "Total"}}`."""
    import re
    import zipfile

    from pointage.reading.xlsx import sheet_parts

    with zipfile.ZipFile(chemin) as archive:
        parties = dict(sheet_parts(archive))
        contenus = {info.filename: archive.read(info) for info in archive.infolist()}
    for feuille, cellules in valeurs.items():
        xml = contenus[parties[feuille]]
        for adresse, valeur in cellules.items():
            motif = re.compile(
                rb'<c r="' + adresse.encode() + rb'"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>'
            )
            texte = isinstance(valeur, str)
            remplace = (
                b'<c r="'
                + adresse.encode()
                + rb'"\1'
                + (b' t="str"' if texte else b"")
                + rb"><f>\2</f><v>"
                + str(valeur).encode()
                + b"</v></c>"
            )
            xml, n = motif.subn(remplace, xml)
            assert n == 1, f"{feuille}!{adresse} n'est pas une formule sans valeur"
        contenus[parties[feuille]] = xml
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in contenus.items():
            archive.writestr(nom, contenu)
    return chemin


def vers_xlsb(source: Path, cible: Path) -> Path:
    """The values of `source` as an Excel binary workbook (.xlsb): a workbook part and
    one sheet part per sheet, in BIFF12 records (MS-XLSB): numbers, texts, booleans.
    Nothing on this machine writes .xlsb (neither LibreOffice nor a Python package), so
    the tests write it themselves, as little of it as a reader needs."""
    import struct
    import zipfile
    from datetime import date, datetime

    from pointage.reading.workbook import read_workbook

    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)

    def record(kind: int, data: bytes = b"") -> bytes:
        head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
        return head + varint(len(data)) + data

    def wide(text: str) -> bytes:
        return struct.pack("<I", len(text)) + text.encode("utf-16-le")

    snapshot = read_workbook(source)
    parties = {}
    livre = record(0x83) + record(0x8F)
    relations = []
    for i, feuille in enumerate(snapshot.sheets, start=1):
        livre += record(0x9C, struct.pack("<II", 0, i) + wide(f"rId{i}") + wide(feuille.name))
        relations.append(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i}.bin"/>'
        )
        hauteur, largeur = len(feuille.values), max((len(r) for r in feuille.values), default=1)
        r0, c0 = feuille.origin_row, feuille.origin_col
        dim = struct.pack("<IIII", r0, r0 + max(hauteur, 1) - 1, c0, c0 + largeur - 1)
        corps = record(0x81) + record(0x94, dim) + record(0x91)
        for r, rangee in enumerate(feuille.values, start=r0):
            corps += record(0x00, struct.pack("<IIH", r, 0, 300) + b"\x00\x00\x00" + struct.pack("<I", 0))
            for c, valeur in enumerate(rangee, start=c0):
                if valeur == "" or valeur is None:
                    continue
                if isinstance(valeur, bool):
                    corps += record(0x04, struct.pack("<IIB", c, 0, int(valeur)))
                elif isinstance(valeur, (int, float)):
                    corps += record(0x05, struct.pack("<IId", c, 0, float(valeur)))
                elif isinstance(valeur, (datetime, date)):
                    corps += record(0x06, struct.pack("<II", c, 0) + wide(valeur.isoformat()))
                else:
                    corps += record(0x06, struct.pack("<II", c, 0) + wide(str(valeur)))
        corps += record(0x92) + record(0x82)
        parties[f"xl/worksheets/sheet{i}.bin"] = corps
    parties["xl/workbook.bin"] = livre + record(0x90) + record(0x84)
    parties["xl/_rels/workbook.bin.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships">' + "".join(relations) + "</Relationships>"
    )
    parties["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
    )
    parties["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.'
        'macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/></Types>'
    )
    with zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in parties.items():
            archive.writestr(nom, contenu)
    return cible


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)


def ods(chemin: Path, tables: str, apres: str = "") -> Path:
    """An OpenDocument spreadsheet whose `content.xml` body holds `tables` (the
    `<table:table>` elements, written out): the test says exactly what LibreOffice
    writes (repeated rows and cells, covered cells, hidden rows, error values)."""
    import zipfile

    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
        f"{apres}"  # what some writers leave after the document (calamine reads on)
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    chemin = Path(chemin)
    with zipfile.ZipFile(chemin, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return chemin


# A publication of three grants in the SCDL subventions columns (schema 2.1.1), valid:
# the golden cases of S001–S004 change one thing each.
PUBLICATION_SCDL = """
nomAttribuant | idAttribuant | dateConvention | referenceDecision | nomBeneficiaire | idBeneficiaire | rnaBeneficiaire | objet | montant | nature | conditionsVersement | datesPeriodeVersement | idRAE | notificationUE | pourcentageSubvention | dispositifAide
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Les Petits Pas | 38047555800058 | | Accueil de jour | 1200.5 | aide en numéraire | unique | 2024-10-01 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-12 | Amicale du Ternois | | W620001234 | Fête de quartier | 800 | aide en numéraire | échelonné | 2024-10-01/2025-06-30 | | non | 1 |
Département du Pas-de-Calais | 22620001600013 | 2024-09-16 | CP-2024-09-16-13 | Mission locale de l'Artois | 21060004500392 | | Fonds d'aide aux jeunes | 25000 | aide en numéraire | unique | 2024-11-15 | | non | 1 |
"""
