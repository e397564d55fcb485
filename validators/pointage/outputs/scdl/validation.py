"""An SCDL *subventions* CSV checked against the official schema: a pandera schema
built from `schema.json`'s fields (`tables/scdl_schema.py`), plus what a Table Schema
cannot say (the SIRET's check digit, the RNA's form, the period's dates, a
beneficiary identified by SIRET or RNA). Every failure is a French `Problem` with
its line and field.

pandas and pandera are imported here only, inside the functions: `pointage verifier`
never loads them (tests/test_scdl.py checks it). `pandera.io.from_frictionless_schema`
needs the `frictionless` package, which Pointage does not install; the schema is
built from the same facts instead, one check per constraint, so that each failure
names its constraint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pointage.tables.scdl_schema import (
    WARNINGS_ONLY,
    ScdlField,
    beyond_schema,
    constraint_message,
    iso_date,
    scdl_fields,
    schema_number,
)

if TYPE_CHECKING:
    import pandera.pandas as pa

ERREUR, AVERTISSEMENT = "erreur", "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    line: int  # line of the CSV file, its header being line 1; 1 for a column problem
    field: str
    message: str  # French, without the line and the field
    severity: str = ERREUR

    def __str__(self) -> str:
        where = "en-tête" if self.line == 1 else f"ligne {self.line}"
        return f"{where}, champ « {self.field} » : {self.message}"


def column_problems(header: Sequence[str]) -> list[Problem]:
    """The header against the schema: fields missing, unknown, repeated or out of order.
    An optional field left out is accepted (a publication of schema 2.0 has no
    `dispositifAide`); the schema's names are written as it writes them."""
    fields = {f.name: f for f in scdl_fields()}
    order = [f.name for f in scdl_fields()]
    problems = []
    seen: list[str] = []
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, "colonne en double"))
        elif name not in fields:
            problems.append(Problem(1, name, "colonne inconnue du schéma SCDL subventions"))
        else:
            seen.append(name)
    for name in order:
        if name not in seen and fields[name].required:
            problems.append(Problem(1, name, "colonne obligatoire absente"))
    expected = [n for n in order if n in seen]
    for position, (found, wanted) in enumerate(zip(seen, expected), start=1):
        if found != wanted:
            problems.append(
                Problem(
                    1,
                    found,
                    f"colonne n° {position}, à la place de « {wanted} » (le schéma fixe l'ordre des colonnes)",
                )
            )
    return problems


def row_problems(rows: Sequence[Mapping[str, str]]) -> list[Problem]:
    """Every failure of the lines (line 2 is the first), by the pandera schema and by
    the checks it cannot express; sorted by line, then field order."""
    import pandas as pd
    from pandera.errors import SchemaErrors

    present = [f for f in scdl_fields() if any(f.name in row for row in rows)]
    frame = pd.DataFrame(
        {f.name: [_cell(row.get(f.name)) for row in rows] for f in present},
        dtype=object,
        index=range(2, len(rows) + 2),
    )
    problems: list[Problem] = []
    try:
        _pandera_schema(present).validate(frame, lazy=True)
    except SchemaErrors as failed:
        cases = failed.failure_cases
        for column, check, line, value in zip(
            cases["column"], cases["check"], cases["index"], cases["failure_case"]
        ):
            if line is None or pd.isna(line):
                continue  # a frame-wide failure: the column problems say it
            problems.append(
                Problem(
                    int(line), str(column), constraint_message(str(column), _check_name(str(check)), value)
                )
            )
    problems.extend(_beyond_schema(rows))
    rank = {f.name: n for n, f in enumerate(scdl_fields())}
    return sorted(set(problems), key=lambda p: (p.line, rank.get(p.field, 99), p.message))


def _cell(value: str | None) -> str | None:
    # The schema's missing value is the empty string.
    return value if value else None


# pandera names its built-in checks by themselves (`str_matches('^W\\d{9}$')`), and a
# column's nullability `not_nullable`; our own checks by the name given them.
_BUILT_IN = {"not_nullable": "required", "str_matches": "pattern", "str_length": "max_length", "isin": "enum"}


def _check_name(check: str) -> str:
    name = check.split("(")[0]
    return _BUILT_IN.get(name, name)


def _pandera_schema(fields: Sequence[ScdlField]) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {f.name: pa.Column(object, checks=_checks(f), nullable=not f.required) for f in fields},
        strict=False,
        coerce=False,
    )


def _checks(field: ScdlField) -> list[pa.Check]:
    import pandera.pandas as pa

    checks = []
    if field.type == "number":
        checks.append(pa.Check(lambda v: schema_number(v) is not None, element_wise=True, name="number"))
    if field.type == "date":
        checks.append(pa.Check(lambda v: iso_date(v) is not None, element_wise=True, name="date"))
    if field.type == "boolean":
        allowed = field.true_values + field.false_values
        checks.append(pa.Check(lambda v: v in allowed, element_wise=True, name="boolean"))
    if field.pattern:
        checks.append(pa.Check.str_matches(field.pattern, name="pattern"))
    if field.max_length is not None:
        checks.append(pa.Check.str_length(max_value=field.max_length, name="max_length"))
    if field.enum:
        checks.append(pa.Check.isin(field.enum, name="enum"))
    low, high = field.minimum, field.maximum
    if low is not None:
        checks.append(pa.Check(lambda v: _within(v, low, None), element_wise=True, name="minimum"))
    if high is not None:
        checks.append(pa.Check(lambda v: _within(v, None, high), element_wise=True, name="maximum"))
    return checks


def _within(value: str, low: float | None, high: float | None) -> bool:
    """A bound holds for a number in it, and for what is no number (the type check says
    that): `0` is below a minimum of 0,01, never taken for a missing value."""
    number = schema_number(value)
    if number is None:
        return True
    return (low is None or number >= low) and (high is None or number <= high)


def _beyond_schema(rows: Sequence[Mapping[str, str]]) -> list[Problem]:
    return [
        Problem(line, name, message, AVERTISSEMENT if kind in WARNINGS_ONLY else ERREUR)
        for line, row in enumerate(rows, start=2)
        for name, kind, message in beyond_schema(row)
    ]
