"""Custom functions (UDF) of the add-in: computations in cells, French names.

Plain functions: `@xw.func` registers them in Excel (Windows) and does nothing
elsewhere, so they are tested as they are. They accept what Excel sends: floats,
text (`29 275,00 €`), None for an empty cell, Decimal for currency cells. Money is
computed in integer cents; a result that cannot be computed is an error text
starting with `#`, as Excel's own errors do.
"""

from __future__ import annotations

from decimal import Decimal

import xlwings as xw

from pointage.analysis.description import parse_description
from pointage.analysis.recompute import NotRecomputable, recompute_amount
from pointage.base.numbers import NotANumber, Number, parse_number, to_cents
from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.settings import Bareme, read_bareme

NOT_A_NUMBER = "#VALEUR!"
BAREME_HEADERS: list[object] = ["Unité", "Coût annuel (€)", "Structure"]


class _CellError(Exception):
    """What the cell shows instead of a result."""


def _number(value: object, what: str) -> Decimal | None:
    parsed = parse_number(value)
    if isinstance(parsed, NotANumber):
        raise _CellError(f"{NOT_A_NUMBER} {what} : « {parsed.text} » n'est pas un nombre")
    return parsed.value if isinstance(parsed, Number) else None


def _euros(cents: int) -> float:
    return cents / 100


def _rows(values: object) -> list[list[object]]:
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        return [[values]]
    return [list(row) if isinstance(row, (list, tuple)) else [row] for row in values]


def read_bareme_range(values: object) -> Bareme | None:
    """A Barème range, with or without its header row (Unité | Coût annuel | Structure)."""
    rows = _rows(values)
    bareme = read_bareme(SheetSnapshot("Barème", rows))
    if bareme is None or not bareme.rates:
        bareme = read_bareme(SheetSnapshot("Barème", [BAREME_HEADERS, *rows]))
    return bareme if bareme and bareme.rates else None


def expected_amount_cents(
    description: object, bareme_values: object, default_months: object = None, structure: object = None
) -> int:
    if description is None or not str(description).strip():
        raise _CellError("#N/A description vide")
    bareme = read_bareme_range(bareme_values)
    if bareme is None:
        raise _CellError("#N/A barème illisible (colonnes Unité | Coût annuel)")
    months = _number(default_months, "mois par défaut")
    if months is None:
        months = Decimal(12)
    if months <= 0:
        raise _CellError(f"{NOT_A_NUMBER} mois par défaut : la durée doit être positive")
    parsed = parse_description(str(description), bareme.units)
    try:
        computed = recompute_amount(
            parsed, {}, None, months, bareme, "" if structure is None else str(structure)
        )
    except NotRecomputable as why:
        raise _CellError(f"#N/A {why}") from None
    return computed.cents


@xw.func
@xw.arg(
    "description",
    doc="Texte de la description : quantités et périodes (« 130 places du 1er juillet au 31 décembre 2024 »).",
)
@xw.arg("bareme", ndim=2, doc="Plage du barème : Unité | Coût annuel (€) | Structure (en-tête facultatif).")
@xw.arg("mois_par_defaut", doc="Durée en mois quand la description n'en donne pas (12 si vide).")
@xw.arg("structure", doc="Nom de la structure, pour appliquer son tarif propre du barème (facultatif).")
def MONTANT_ATTENDU(description, bareme, mois_par_defaut=None, structure=None):
    """Montant recalculé au barème à partir de la description : somme des quantités × coût annuel × mois / 12, arrondie au centime."""
    try:
        return _euros(expected_amount_cents(description, bareme, mois_par_defaut, structure))
    except _CellError as error:
        return str(error)


@xw.func
@xw.arg("disponible", doc="Montant disponible sur l'autorisation d'engagement.")
@xw.arg("proposition", doc="Montant proposé (ou dépense) par la délibération.")
def SOLDE_ATTENDU(disponible, proposition):
    """Solde attendu : disponible − proposition, au centime."""
    try:
        available = _number(disponible, "disponible") or Decimal(0)
        proposal = _number(proposition, "proposition") or Decimal(0)
    except _CellError as error:
        return str(error)
    return _euros(to_cents(available) - to_cents(proposal))


@xw.func
@xw.arg("plage_detail", ndim=2, doc="Cellules des lignes de détail (les cellules vides sont ignorées).")
@xw.arg("total", doc="Montant du total à contrôler.")
def ECART_TOTAL(plage_detail, total):
    """Écart entre le total saisi et la somme des lignes de détail : total − somme ; 0 quand le total est juste."""
    try:
        stated = _number(total, "total")
        if stated is None:
            return "#N/A total vide"
        details = [_number(v, "détail") for row in _rows(plage_detail) for v in row]
    except _CellError as error:
        return str(error)
    return _euros(to_cents(stated) - sum(to_cents(d) for d in details if d is not None))


@xw.func
@xw.arg("texte", doc="Nombre écrit à la française, avec espaces et symbole € (« 1 641 097,73 € »).")
def NOMBRE_FR(texte):
    """Le nombre écrit en texte, comme nombre ; « #VALEUR! » si ce n'est pas un nombre, vide si la cellule est vide."""
    parsed = parse_number(texte)
    if parsed is None:
        return ""
    if isinstance(parsed, NotANumber):
        return NOT_A_NUMBER
    return float(parsed.value)


# The custom functions of the add-in, whose VBA wrappers the build writes (build.py).
UDFS = (MONTANT_ATTENDU, SOLDE_ATTENDU, ECART_TOTAL, NOMBRE_FR)
