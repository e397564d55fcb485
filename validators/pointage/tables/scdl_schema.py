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
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from pointage.base.text import strip_accents

SCHEMA_RESOURCE = "scdl_subventions_schema.json"

# A SIRET of La Poste (SIREN 356 000 000) breaks the Luhn rule: the INSEE checks the
# sum of its digits against 5 instead.
_LA_POSTE_SIREN = "356000000"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def period_problem(text: str) -> str | None:
    """What is wrong with a `datesPeriodeVersement` beyond its pattern (French), or None:
    a date that does not exist, or a period that ends before it starts."""
    parts = text.split("/")
    dates = [iso_date(p) for p in parts]
    if len(parts) > 2 or any(d is None for d in dates):
        wrong = next((p for p, d in zip(parts, dates) if d is None), text)
        return f"« {wrong} » n'est pas une date du calendrier (AAAA-MM-JJ)"
    if len(dates) == 2 and dates[0] is not None and dates[1] is not None and dates[1] < dates[0]:
        return f"la période finit ({parts[1]}) avant de commencer ({parts[0]})"
    return None
