"""S — a publication in SCDL *subventions* columns (open data: `nomBeneficiaire`,
`montant`…, whatever their case) read against the schema: the columns it requires,
the values it requires, their form, the SIRET's check digit.

A grant list it is already (duplicates F008, amounts typed as text F001); these add
what the schema says. Each finding is one per table and field, listing its cells: a
publication of 500 lines without `notificationUE` says it once, not 500 times. Infos,
not avertissements: the real publications of `../shared/real-workbooks/` all break
the schema somewhere (`Numéraire`, `Non`, periods with `_`), and the project's floor
is no avertissement on a real workbook (docs/decisions.md). Plain Python
(`tables/scdl_schema.py`): the check path never loads pandas nor pandera.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pointage.analysis.context import CheckContext
from pointage.base.addresses import a1
from pointage.base.formatting import count, first_of
from pointage.report.findings import Finding, Severity
from pointage.rules.registry import rule
from pointage.tables.scdl_schema import (
    ONE_OF,
    SIRET_KEY,
    beyond_schema,
    broken_constraints,
    cell_text,
    constraint_message,
    field_named,
    scdl_fields,
)
from pointage.tables.table import Table

# A header row that names this many of the schema's fields, `montant` among them, is
# a publication (`Objet | Montant | Nature`, the only field names a French list may
# hold by chance, are not enough); `nomBeneficiaire` may be the one misspelt.
_MIN_FIELDS = 4
_NAMED = ("montant",)

S001 = rule(
    "S001",
    Severity.INFO,
    summary="Une publication au format SCDL subventions (colonnes nomBeneficiaire, montant…) "
    "à laquelle manque une colonne que le schéma rend obligatoire.",
    message="Publication SCDL subventions sans {count} obligatoire{s} du schéma : {names}.",
    example="Une publication sans les colonnes nature ni notificationUE.",
)
S002 = rule(
    "S002",
    Severity.INFO,
    summary="Une publication SCDL subventions dont des lignes laissent vide une valeur que le "
    "schéma rend obligatoire (ou ni le SIRET ni le numéro RNA du bénéficiaire).",
    message="{what} sur {count} ({where}) : {why}.",
    example="dateConvention vide sur 2 lignes d'une publication.",
)
S003 = rule(
    "S003",
    Severity.INFO,
    summary="Une publication SCDL subventions dont des valeurs n'ont pas la forme que le "
    "schéma demande (type, motif, liste de valeurs, longueur, bornes), ou dont une période "
    "de versement a une date impossible.",
    message="{field} : {reason}{others} ({where}).",
    example="Dans l'exemple invalide officiel du schéma : montant « 100000,1 », notificationUE « yes ».",
)
S004 = rule(
    "S004",
    Severity.INFO,
    summary="Un SIRET de 14 chiffres dont la clé de contrôle (Luhn) est fausse : une faute de "
    "frappe, le bénéficiaire ou l'attribuant ne sera pas retrouvé.",
    message="{field} : {count} dont la clé de contrôle est fausse ({where}) : {values}.",
    example="« 21860194600000 », l'idAttribuant de l'exemple invalide officiel du schéma SCDL.",
)


@dataclass(frozen=True)
class Publication:
    table: Table
    columns: dict[str, int]  # field -> column


@dataclass(frozen=True)
class ValueProblem:
    rule: str  # S002, S003 or S004
    field: str
    kind: str  # a constraint of the schema, or what `beyond_schema` found
    cell: str
    value: str
    message: str


def publications(ctx: CheckContext) -> list[Publication]:
    """The tables whose header names the schema's fields."""
    found = []
    for table in ctx.tables:
        columns: dict[str, int] = {}
        for col, header in sorted(table.headers.items()):
            field = field_named(header)
            if field is not None:
                columns.setdefault(field.name, col)
        if len(columns) >= _MIN_FIELDS and all(n in columns for n in _NAMED):
            found.append(Publication(table, columns))
    return found


@S001
def check_columns(ctx: CheckContext) -> Iterator[Finding]:
    for publication in ctx.shared(publications):
        missing = [f.name for f in scdl_fields() if f.required and f.name not in publication.columns]
        if missing:
            table = publication.table
            yield S001.finding(
                table.sheet_name,
                a1(table.header_row, table.first_col),
                count=count(len(missing), "colonne"),
                s="s" if len(missing) > 1 else "",
                names=", ".join(missing),
            )


def value_problems(ctx: CheckContext) -> list[tuple[Table, list[ValueProblem]]]:
    """Every value problem of every publication, found once for S002–S004."""
    out = []
    for publication in ctx.shared(publications):
        table, columns = publication.table, publication.columns
        fields = [f for f in scdl_fields() if f.name in columns]
        problems = []
        for row in table.detail_rows():
            cells = {f.name: a1(row.index, columns[f.name]) for f in fields}
            line = {f.name: cell_text(table.sheet.value(row.index, columns[f.name])).strip() for f in fields}
            for field in fields:
                value = line[field.name]
                for constraint in broken_constraints(field, value):
                    code = "S002" if constraint == "required" else "S003"
                    message = constraint_message(field.name, constraint, value)
                    problems.append(
                        ValueProblem(code, field.name, constraint, cells[field.name], value, message)
                    )
            for name, kind, message in beyond_schema(line):
                if name not in cells:
                    continue  # a field left out: S001 says it if the schema requires it
                code = "S004" if kind == SIRET_KEY else "S002" if kind == ONE_OF else "S003"
                problems.append(ValueProblem(code, name, kind, cells[name], line[name], message))
        out.append((table, problems))
    return out


def _grouped(ctx: CheckContext, code: str) -> Iterator[tuple[Table, list[ValueProblem]]]:
    """The problems of rule `code`, by table and by (field, kind), in the schema's order."""
    rank = {f.name: n for n, f in enumerate(scdl_fields())}
    for table, problems in ctx.shared(value_problems):
        groups: dict[tuple[str, str], list[ValueProblem]] = {}
        for problem in problems:
            if problem.rule == code:
                groups.setdefault((problem.field, problem.kind), []).append(problem)
        for key in sorted(groups, key=lambda k: rank[k[0]]):
            yield table, groups[key]


@S002
def check_required_values(ctx: CheckContext) -> Iterator[Finding]:
    for table, group in _grouped(ctx, "S002"):
        first = group[0]
        if first.kind == ONE_OF:
            what, why = (
                "ni idBeneficiaire (SIRET) ni rnaBeneficiaire (RNA)",
                "le schéma demande l'un des deux",
            )
        else:
            what, why = f"{first.field} vide", "valeur obligatoire du schéma SCDL subventions"
        cells = [p.cell for p in group]
        yield S002.finding(
            table.sheet_name,
            first.cell,
            cells=cells,
            what=what,
            count=count(len(group), "ligne"),
            where=first_of(cells),
            why=why,
        )


@S003
def check_value_forms(ctx: CheckContext) -> Iterator[Finding]:
    for table, group in _grouped(ctx, "S003"):
        first = group[0]
        cells = [p.cell for p in group]
        others = len(group) - 1
        yield S003.finding(
            table.sheet_name,
            first.cell,
            cells=cells,
            field=first.field,
            reason=first.message,
            others=f", et {count(others, 'autre valeur', 'autres valeurs')} de même" if others else "",
            where=first_of(cells),
        )


@S004
def check_siret_keys(ctx: CheckContext) -> Iterator[Finding]:
    for table, group in _grouped(ctx, "S004"):
        cells = [p.cell for p in group]
        values = list(dict.fromkeys(f"« {p.value} »" for p in group))
        yield S004.finding(
            table.sheet_name,
            group[0].cell,
            cells=cells,
            field=group[0].field,
            count=count(len(group), "SIRET", "SIRET"),
            where=first_of(cells),
            values=first_of(values, 4),
        )
