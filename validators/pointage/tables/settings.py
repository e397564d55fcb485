"""The `Paramètres` and `Barème` sheets (classeur.md, section 4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from pointage.base.addresses import a1, range_a1
from pointage.base.numbers import NotANumber, Number, money_equal, money_exceeds, parse_number
from pointage.base.text import is_blank, key, label_key, unit_key_of, words
from pointage.reading.snapshot import SheetSnapshot


def is_parametres_sheet(name: str) -> bool:
    return key(name).startswith("PARAMETRE")


def is_bareme_sheet(name: str) -> bool:
    return key(name).startswith("BAREME")


@dataclass(frozen=True)
class NumberCell:
    """A number read from a settings sheet, with where it was read."""

    sheet: str
    cell: str
    raw: object
    parsed: Number | NotANumber | None


@dataclass
class Parametres:
    default_months: Decimal = Decimal(12)
    tolerance_cents: int = 0
    exercice: str | None = None
    # The nomenclature (issue 29): the norm (`M57_D`), and whether the code opération
    # carries the imputation's fonction (`Oui`/`Non`), as written; None when absent.
    norme: str | None = None
    fonction_du_code: str | None = None
    # Where each text parameter was read (`exercice` -> `B4`), for the messages.
    text_cells: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    range: str | None = None
    cells: list[NumberCell] = field(default_factory=list)

    def money_equal(self, a_cents: int, b_cents: int) -> bool:
        """Equal within the tolerance these Paramètres set (every family compares so)."""
        return money_equal(a_cents, b_cents, self.tolerance_cents)

    def money_exceeds(self, found_cents: int, limit_cents: int) -> bool:
        """Over the limit by more than the tolerance."""
        return money_exceeds(found_cents, limit_cents, self.tolerance_cents)


@dataclass(frozen=True)
class Rate:
    unit: str  # as written: `place`, `portefeuille`
    annual_cost: Decimal
    structure: str | None
    cell: str


@dataclass
class Bareme:
    sheet: str
    range: str
    rates: list[Rate] = field(default_factory=list)
    cells: list[NumberCell] = field(default_factory=list)

    @property
    def units(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for rate in self.rates:
            seen.setdefault(rate.unit, None)
        return tuple(seen)

    def cost(self, unit: str, structure: str) -> Rate | None:
        """The rate of `unit` for `structure`: its override, else the general one."""
        unit_key = unit_key_of(unit)
        if self.overrides:
            own = self.overrides.get((unit_key, label_key(structure)))
            if own is not None:
                return own
        return self.general.get(unit_key)

    @cached_property
    def general(self) -> dict[str, Rate]:
        rates: dict[str, Rate] = {}
        for rate in self.rates:
            if rate.structure is None:
                rates.setdefault(unit_key_of(rate.unit), rate)
        return rates

    @cached_property
    def overrides(self) -> dict[tuple[str, str], Rate]:
        rates: dict[tuple[str, str], Rate] = {}
        for rate in self.rates:
            if rate.structure is not None:
                rates.setdefault((unit_key_of(rate.unit), label_key(rate.structure)), rate)
        return rates


_PARAM_KEYS = {
    "DUREEPARDEFAUTMOIS": "months",
    "DUREEPARDEFAUT": "months",
    "TOLERANCE": "tolerance",
    "TOLERANCEEUR": "tolerance",
    "EXERCICE": "exercice",
    "NORME": "norme",
    "NOMENCLATURE": "norme",
    "NORMEBUDGETAIRE": "norme",
    "FONCTIONDUCODEOPERATION": "fonction_du_code",
    "FONCTIONDANSLECODEOPERATION": "fonction_du_code",
}
_TEXT_PARAMS = ("exercice", "norme", "fonction_du_code")


def read_parametres(sheet: SheetSnapshot) -> Parametres:
    params = Parametres(sheet=sheet.name)
    used_rows = []
    for index in range(sheet.origin_row, sheet.row_count):
        cells = sheet.row(index)
        for offset, value in enumerate(cells):
            name = _PARAM_KEYS.get(key(value)) if isinstance(value, str) else None
            if name is None:
                continue
            value_col = next(
                (sheet.origin_col + j for j in range(offset + 1, len(cells)) if not is_blank(cells[j])),
                None,
            )
            if value_col is None:
                break
            used_rows.append(index)
            raw = sheet.value(index, value_col)
            if name in _TEXT_PARAMS:
                setattr(params, name, str(raw).strip())
                params.text_cells[name] = a1(index, value_col)
                break
            parsed = parse_number(raw)
            params.cells.append(NumberCell(sheet.name, a1(index, value_col), raw, parsed))
            if isinstance(parsed, Number):
                if name == "months" and parsed.value > 0:
                    params.default_months = parsed.value
                elif name == "tolerance" and parsed.value >= 0:
                    params.tolerance_cents = parsed.cents
            break
    if used_rows:
        params.range = range_a1(min(used_rows), sheet.origin_col, max(used_rows), sheet.origin_col + 1)
    return params


def read_bareme(sheet: SheetSnapshot) -> Bareme | None:
    """Rows of unit / annual cost / optional structure under a header row."""
    for index in range(sheet.origin_row, min(sheet.row_count, sheet.origin_row + 50)):
        cells = sheet.row(index)
        roles: dict[str, int] = {}
        for offset, value in enumerate(cells):
            if not isinstance(value, str):
                continue
            k = words(value)
            col = sheet.origin_col + offset
            if k.startswith("UNITE"):
                roles.setdefault("unit", col)
            elif k.startswith(("COUT", "TARIF", "MONTANT")):
                roles.setdefault("cost", col)
            elif k.startswith("STRUCTURE"):
                roles.setdefault("structure", col)
        if "unit" in roles and "cost" in roles:
            return _read_rates(sheet, index, roles)
    return None


def _read_rates(sheet: SheetSnapshot, header: int, roles: dict[str, int]) -> Bareme:
    bareme = Bareme(sheet=sheet.name, range="")
    last = header
    for index in range(header + 1, sheet.row_count):
        unit = sheet.value(index, roles["unit"])
        raw_cost = sheet.value(index, roles["cost"])
        if is_blank(unit) and is_blank(raw_cost):
            continue
        last = index
        cost_cell = a1(index, roles["cost"])
        parsed = parse_number(raw_cost)
        bareme.cells.append(NumberCell(sheet.name, cost_cell, raw_cost, parsed))
        if is_blank(unit) or not isinstance(parsed, Number):
            continue
        structure = sheet.value(index, roles["structure"]) if "structure" in roles else None
        bareme.rates.append(
            Rate(
                unit=str(unit).strip(),
                annual_cost=parsed.value,
                structure=None if is_blank(structure) else str(structure).strip(),
                cell=cost_cell,
            )
        )
    bareme.range = range_a1(header, min(roles.values()), last, max(roles.values()))
    return bareme
