"""A checked grant table turned into SCDL *subventions* lines: one line per grant.

Each field comes, first found first, from a column the schema names (`nomBeneficiaire`,
any case), from the column whose header means it (beneficiary, objet, montant, date,
référence, SIRET, RNA), from the values given (`--scdl CHAMP=VALEUR`, else a line of
the Paramètres sheet named by the field or its title), else from a default the
schema's own words justify (below). What none of them gives is asked for, in French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pointage.base.addresses import a1
from pointage.base.formatting import money_json
from pointage.base.numbers import Number, parse_number
from pointage.base.text import is_blank, key
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.lexicon import header_words
from pointage.tables.scdl_schema import ScdlField, cell_text, field_named, scdl_fields
from pointage.tables.table import Table

# A grant of a délibération's annex: paid in money, at once, not notified to the EU as
# a de minimis aid, to one beneficiary (100 %). Said in the notes when used.
DEFAULTS = {
    "nature": "aide en numéraire",
    "conditionsVersement": "unique",
    "notificationUE": "non",
    "pourcentageSubvention": "1.00",
}
# Header meanings (`tables/lexicon.py`) that carry a field.
_BY_MEANING = {"date": "dateConvention", "reference": "referenceDecision"}
# Header words that name an identifier's register.
_BY_WORD = {"SIRET": "idBeneficiaire", "RNA": "rnaBeneficiaire"}
# A date in the workbook's name (`cp-2024-09-16-….xlsx`): the commission's.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class MissingValues(Exception):
    """Fields no column, option, Paramètres line nor default gives; str() is French."""


@dataclass(frozen=True)
class Grants:
    header: tuple[str, ...]
    lines: list[dict[str, str]]
    rows: list[int]  # the sheet row (0-based) of each line
    notes: tuple[str, ...]  # where the values nobody typed in the table came from


def given_values(options: Sequence[str], parametres: SheetSnapshot | None) -> dict[str, str]:
    """`CHAMP=VALEUR` options over the Paramètres lines that name a field (by its name
    or its title: `idAttribuant` or `Identification de l'attribuant`). A bad option is
    a MissingValues with the fields' list."""
    given = _from_parametres(parametres) if parametres is not None else {}
    for option in options:
        name, sep, value = option.partition("=")
        field = field_named(name.strip())
        if not sep or field is None:
            known = ", ".join(f.name for f in scdl_fields())
            raise MissingValues(f"« --scdl {option} » : écrivez CHAMP=VALEUR, CHAMP parmi : {known}.")
        given[field.name] = value.strip()
    return given


def _title_key(field: ScdlField) -> str:
    return key(field.title)


def _from_parametres(sheet: SheetSnapshot) -> dict[str, str]:
    by_title = {_title_key(f): f for f in scdl_fields()}
    found: dict[str, str] = {}
    for index in range(sheet.origin_row, sheet.row_count):
        cells = sheet.row(index)
        for offset, value in enumerate(cells):
            if not isinstance(value, str):
                continue
            field = field_named(value) or by_title.get(key(value))
            if field is None:
                continue
            rest = [c for c in cells[offset + 1 :] if not is_blank(c)]
            if rest:
                found.setdefault(field.name, cell_text(rest[0]).strip())
            break
    return found


def table_grants(table: Table, given: Mapping[str, str], workbook_name: str, exercice: str | None) -> Grants:
    """The SCDL lines of the table's detail rows; MissingValues listing every field
    that nothing gives."""
    columns = _field_columns(table)
    table_wide = _table_wide_values(columns, given, workbook_name, exercice)
    constant, notes = table_wide.values, table_wide.notes
    missing = [f for f in scdl_fields() if f.required and f.name not in columns and f.name not in constant]
    if missing:
        raise MissingValues(_missing_message(missing))

    lines, rows = [], []
    for row in table.detail_rows():
        if is_blank(table.value(row, "label")) and is_blank(table.value(row, "amount")):
            continue
        line = {f.name: "" for f in scdl_fields()}
        line.update(constant)
        for name, col in columns.items():
            line[name] = _cell_text(name, table.sheet.value(row.index, col))
        lines.append(line)
        rows.append(row.index)
    return Grants(tuple(f.name for f in scdl_fields()), lines, rows, tuple(notes))


@dataclass(frozen=True)
class _TableWide:
    """The fields every line of the table shares (no column gives them), and where
    each one that nobody typed came from."""

    values: dict[str, str]
    notes: list[str]


def _table_wide_values(
    columns: Mapping[str, int], given: Mapping[str, str], workbook_name: str, exercice: str | None
) -> _TableWide:
    """The values given, then the defaults, the workbook name's date and the exercice
    for the fields that neither a column nor a value given fills."""
    constant = dict(given)
    notes = []
    for name, value in DEFAULTS.items():
        if name not in columns and name not in constant:
            constant[name] = value
            notes.append(
                f"{name} : « {value} » pour toutes les lignes (valeur par défaut ; --scdl {name}=… sinon)."
            )
    if "dateConvention" not in columns and "dateConvention" not in constant:
        found = _NAME_DATE.search(workbook_name)
        if found and _valid(found.group(0)):
            constant["dateConvention"] = found.group(0)
            notes.append(
                f"dateConvention : {found.group(0)}, la date du nom du classeur "
                "(--scdl dateConvention=AAAA-MM-JJ sinon)."
            )
    if "datesPeriodeVersement" not in columns and "datesPeriodeVersement" not in constant and exercice:
        year = exercice.split(".")[0].strip()
        if re.fullmatch(r"\d{4}", year):
            constant["datesPeriodeVersement"] = f"{year}-01-01/{year}-12-31"
            notes.append(
                f"datesPeriodeVersement : l'exercice {year} entier (date précise inconnue ; "
                "--scdl datesPeriodeVersement=… sinon)."
            )
    return _TableWide(constant, notes)


def _field_columns(table: Table) -> dict[str, int]:
    """Field -> the column that gives it: one the schema names, else by meaning."""
    columns: dict[str, int] = {}
    for col, header in sorted(table.headers.items()):
        field = field_named(header)
        if field is not None:
            columns.setdefault(field.name, col)
    by_role = {"nomBeneficiaire": "label", "montant": "amount", "objet": "description"}
    for name, role in by_role.items():
        if role in table.roles:
            columns.setdefault(name, table.roles[role])
    for col, meaning in sorted(table.meanings.items()):
        if meaning == "description":
            columns.setdefault("objet", col)
        elif meaning in _BY_MEANING:
            columns.setdefault(_BY_MEANING[meaning], col)
        if meaning == "identifier":
            for word, name in _BY_WORD.items():
                if word in header_words(table.headers.get(col, "")):
                    columns.setdefault(name, col)
    return columns


def _missing_message(missing: Sequence[ScdlField]) -> str:
    lines = [
        "Export SCDL impossible : le tableau ne donne pas ces champs obligatoires, "
        "à indiquer par --scdl CHAMP=VALEUR ou par une ligne de la feuille Paramètres "
        "(le nom du champ ou son titre, puis sa valeur) :"
    ]
    lines.extend(f"  {f.name} ({f.title})" for f in missing)
    return "\n".join(lines)


def _valid(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _cell_text(name: str, value: object) -> str:
    """A cell as the schema writes its field: a number with a point, a date AAAA-MM-JJ."""
    if value is None:
        return ""
    if name == "montant":
        parsed = parse_number(value)
        if isinstance(parsed, Number):
            return money_json(parsed.cents)
    return cell_text(value).strip()


def row_address(table: Table, row: int) -> str:
    """Where a line came from, for a message: the beneficiary's cell."""
    return a1(row, table.roles.get("label", table.first_col))
