"""The SCDL *subventions* data model (Table Schema 2.1.1): its fields and constraints,
and the checks its custom checks name but a Table Schema cannot state.

`scdl_subventions_schema.json` is the official `schema.json`, byte for byte, of
https://gitlab.com/opendatafrance/scdl/subventions (v2.1.1, OpenDataFrance; published
under the Unlicense, i.e. public domain, and the SCDL under the Licence Ouverte).
Standard library only: the check path reads a publication's columns with it, and the
export validates with pandera from the same facts (`outputs/scdl/validation.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

from pointage.base.text import strip_accents

SCHEMA_RESOURCE = "scdl_subventions_schema.json"

# A SIRET of La Poste (SIREN 356 000 000) breaks the Luhn rule: the INSEE checks the
# sum of its digits against 5 instead.
_LA_POSTE_SIREN = "356000000"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# What `beyond_schema` finds: a SIRET's check digit, a SIRET's form where schema.json
# has no pattern, neither SIRET nor RNA, a period's impossible date or order.
SIRET_KEY, SIRET_FORM, ONE_OF = "siret_key", "siret_form", "one_of"
PERIOD_DATE, PERIOD_ORDER = "period_date", "period_order"


@dataclass(frozen=True)
class ScdlField:
    name: str  # `nomBeneficiaire`, as the schema writes it
    title: str  # `Nom du bénéficiaire`, for messages
    type: str  # string, number, date, boolean
    required: bool = False
    pattern: str | None = None
    max_length: int | None = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()


@cache
def schema() -> dict[str, object]:
    """The official schema.json, as published."""
    text = resources.files("pointage.tables").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


@cache
def scdl_fields() -> tuple[ScdlField, ...]:
    """The schema's fields, in its order."""
    fields = schema()["fields"]
    assert isinstance(fields, list)
    return tuple(_field(f) for f in fields)


def _field(raw: dict[str, object]) -> ScdlField:
    constraints = raw.get("constraints") or {}
    assert isinstance(constraints, dict)
    return ScdlField(
        name=str(raw["name"]),
        title=str(raw.get("title", raw["name"])),
        type=str(raw.get("type", "string")),
        required=bool(constraints.get("required", False)),
        pattern=constraints.get("pattern"),
        max_length=constraints.get("maxLength"),
        enum=tuple(constraints.get("enum", ())),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        true_values=tuple(raw.get("trueValues", ())),  # type: ignore[arg-type]
        false_values=tuple(raw.get("falseValues", ())),  # type: ignore[arg-type]
    )


def schema_version() -> str:
    return str(schema()["version"])


def _field_key(text: str) -> str:
    return strip_accents(text).strip().lower()


@cache
def _by_key() -> dict[str, ScdlField]:
    return {_field_key(f.name): f for f in scdl_fields()}


def field_named(header: object) -> ScdlField | None:
    """The field a column header names, whatever its case (`nomBeneficiaire`,
    `nombeneficiaire`, `NOMBENEFICIAIRE`); None for any other header."""
    return _by_key().get(_field_key(header)) if isinstance(header, str) else None


def is_siret(value: str) -> bool:
    """Fourteen digits whose check digit holds (Luhn; La Poste's by its digit sum)."""
    if len(value) != 14 or not value.isascii() or not value.isdigit():
        return False
    if value.startswith(_LA_POSTE_SIREN):
        return sum(map(int, value)) % 5 == 0
    total = 0
    for position, digit in enumerate(reversed(value)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def is_rna(value: str) -> bool:
    """`W` and nine digits (the Répertoire national des associations)."""
    return len(value) == 10 and value[0] == "W" and value[1:].isascii() and value[1:].isdigit()


def iso_date(text: str) -> date | None:
    """The calendar date `AAAA-MM-JJ` writes, or None (`2017-02-30` is none)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def period_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a `datesPeriodeVersement` beyond its pattern, or None: a date
    that does not exist (PERIOD_DATE), or a period that ends before it starts
    (PERIOD_ORDER); with its French message."""
    parts = text.split("/")
    dates = [iso_date(p) for p in parts]
    if len(parts) > 2 or any(d is None for d in dates):
        wrong = next((p for p, d in zip(parts, dates) if d is None), text)
        return PERIOD_DATE, f"« {wrong} » n'est pas une date du calendrier (AAAA-MM-JJ)"
    if len(dates) == 2 and dates[0] is not None and dates[1] is not None and dates[1] < dates[0]:
        return PERIOD_ORDER, f"la période finit ({parts[1]}) avant de commencer ({parts[0]})"
    return None


# Table Schema's `number`: a point between the parts, no group separator.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SIRET_FIELDS = ("idAttribuant", "idBeneficiaire")
_FOURTEEN_DIGITS = re.compile(r"\d{14}")
_PERIOD_CHARACTERS = re.compile(r"[\d/-]+")

_CHECK_MESSAGES = {
    "pattern": "n'a pas la forme que le schéma demande",
    "number": "n'est pas un nombre au format du schéma (chiffres, point décimal : 47800.20)",
    "date": "n'est pas une date AAAA-MM-JJ du calendrier",
    "boolean": "n'est ni « oui » ni « non »",
}
# What a pattern asks, said for the fields that have one (and `idBeneficiaire`, to
# which schema.json gives none but schema.md does).
_PATTERN_MESSAGES = {
    "idAttribuant": "n'est pas un SIRET (14 chiffres d'un seul tenant)",
    "idBeneficiaire": "n'est pas un SIRET (14 chiffres d'un seul tenant)",
    "rnaBeneficiaire": "n'est pas un numéro RNA (W suivi de 9 chiffres)",
    "datesPeriodeVersement": "n'est ni une date AAAA-MM-JJ ni une période AAAA-MM-JJ/AAAA-MM-JJ",
}


def field_of(name: str) -> ScdlField:
    return next(f for f in scdl_fields() if f.name == name)


def schema_number(text: str) -> float | None:
    """The value of a Table Schema `number` (`47800.20`), None for `47 800,20`."""
    return float(text) if _NUMBER.fullmatch(text) else None


def constraint_message(name: str, constraint: str, value: object) -> str:
    """Why `value` of field `name` breaks `constraint` (required, number, date,
    boolean, pattern, max_length, enum, minimum, maximum), in French."""
    field = field_of(name)
    if constraint == "required":
        return "valeur obligatoire absente"
    if constraint == "max_length":
        return f"texte de {len(str(value))} caractères, au-delà des {field.max_length} que le schéma autorise"
    if constraint == "enum":
        allowed = ", ".join(f"« {v} »" for v in field.enum)
        return f"« {value} » n'est pas une valeur autorisée ({allowed})"
    if constraint in ("minimum", "maximum"):
        bound = field.minimum if constraint == "minimum" else field.maximum
        side = "inférieur au minimum" if constraint == "minimum" else "supérieur au maximum"
        return f"« {value} » est {side} ({bound}) que le schéma autorise"
    if constraint == "pattern":
        return f"« {value} » {_PATTERN_MESSAGES.get(name, _CHECK_MESSAGES['pattern'])}"
    return f"« {value} » {_CHECK_MESSAGES[constraint]}"


def broken_constraints(field: ScdlField, text: str) -> list[str]:
    """The constraints of the schema a value breaks, in plain Python: the check path's
    reference, which the export's pandera schema agrees with (tests/test_scdl_export.py)."""
    if not text:
        return ["required"] if field.required else []
    number = schema_number(text)
    return [*_broken_type(field, text, number), *_broken_text(field, text), *_broken_bounds(field, number)]


def _broken_type(field: ScdlField, text: str, number: float | None) -> list[str]:
    """The field's type the value is not written as (number, date, boolean)."""
    broken = []
    if field.type == "number" and number is None:
        broken.append("number")
    if field.type == "date" and iso_date(text) is None:
        broken.append("date")
    if field.type == "boolean" and text not in field.true_values + field.false_values:
        broken.append("boolean")
    return broken


def _broken_text(field: ScdlField, text: str) -> list[str]:
    """The constraints on the text itself the value breaks (pattern, length, list)."""
    broken = []
    if field.pattern and not re.match(field.pattern, text):
        broken.append("pattern")
    if field.max_length is not None and len(text) > field.max_length:
        broken.append("max_length")
    if field.enum and text not in field.enum:
        broken.append("enum")
    return broken


def _broken_bounds(field: ScdlField, number: float | None) -> list[str]:
    """The bounds a number is beyond (none for a value that is no number)."""
    broken = []
    if field.minimum is not None and number is not None and number < field.minimum:
        broken.append("minimum")
    if field.maximum is not None and number is not None and number > field.maximum:
        broken.append("maximum")
    return broken


def beyond_schema(line: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(field, what, French message) of what a line breaks beyond its fields'
    constraints: the custom checks `schema.json` names (french-siret-value,
    one-of-required) and the period's calendar, which its pattern lets through
    (`2017-02-30`, a period ending before it starts). The official validator accepts
    the last two (its own valid example has both): `WARNINGS_ONLY` says which."""
    problems = []
    for name in _SIRET_FIELDS:
        value = line.get(name) or ""
        if not value or is_siret(value):
            continue
        if _FOURTEEN_DIGITS.fullmatch(value):
            problems.append(
                (name, SIRET_KEY, f"« {value} » n'est pas un SIRET : sa clé de contrôle est fausse")
            )
        elif not field_of(name).pattern:  # else the pattern's failure says it
            problems.append((name, SIRET_FORM, f"« {value} » {_PATTERN_MESSAGES[name]}"))
    if not line.get("idBeneficiaire") and not line.get("rnaBeneficiaire"):
        message = "ni SIRET ni numéro RNA du bénéficiaire : le schéma demande l'un des deux"
        problems.append(("idBeneficiaire", ONE_OF, message))
    period = line.get("datesPeriodeVersement") or ""
    problem = period_problem(period) if _PERIOD_CHARACTERS.fullmatch(period) else None
    if problem:
        problems.append(("datesPeriodeVersement", *problem))
    return problems


WARNINGS_ONLY = frozenset({ONE_OF, PERIOD_DATE, PERIOD_ORDER})


def cell_text(value: object) -> str:
    """A cell as a CSV would hold it: a date `AAAA-MM-JJ`, a whole number without
    `.0` (a SIRET typed as a number), text as typed; `""` for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
