"""The Paramètres' tolerance, honoured by every family that compares money: a gap equal
to the tolerance passes, one cent more is a finding, and without Paramètres the same
gap is one. Each case is the smallest workbook of its family, its amount moved to the
edge; a family that compared without the tolerance (or with `<` for `≤`) fails here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from classeurs import BAREME_SEED, lignes
from pointage.engine.check import check_snapshot
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot

# 1,50 €: the gaps at the edge are 150 cents, a cent over is 151.
TOLERANCE = "1,50"


def _sheet(name: str, text: str) -> SheetSnapshot:
    return SheetSnapshot(name, [[("" if v is None else v) for v in row] for row in lignes(text)])


@dataclass(frozen=True)
class Case:
    code: str
    # The workbook's sheets, given the amount that moves (as typed in a cell).
    sheets: Callable[[str], dict[str, str]]
    at_edge: str  # the amount 1,50 € from what the check expects
    beyond: str  # one cent further
    cell: str  # where the finding is
    message: str  # the finding one cent beyond the edge


def _repartition(total: str) -> dict[str, str]:
    return {
        "Annexe": f"""
STRUCTURE    | MONTANT RETENU
CCAS de Lens | 800
CCAS Liévin  | 1600
TOTAL        | {total}
"""
    }


def _recomputed(amount: str) -> dict[str, str]:
    return {
        "Annexe": f"""
STRUCTURE    | PLACES D'ACCOMPAGNEMENT                      | MONTANT RETENU
CCAS de Lens | 10 places du 1er juillet au 31 décembre 2024 | {amount}
""",
        "Barème": BAREME_SEED,
    }


def _budget(balance: str) -> dict[str, str]:
    return {
        "Rapport": f"""
Code Opération | Imputation Budgétaire | Libellé Opération    | AE €   | Disponible € | Proposition € | Solde €
C02-446A05     | 6568/93446            | Indemnisation        | 900000 | 200000       | 50000         | {balance}
"""
    }


def _overcommitted(commitment: str) -> dict[str, str]:
    return {
        "Rapport": f"""
Code Opération | Imputation Budgétaire | Libellé Opération    | AE €   | Disponible € | Proposition €
C02-446A05     | 6568/93446            | Indemnisation        | 900000 | 200000       | {commitment}
"""
    }


def _articles(amount: str) -> dict[str, str]:
    return {
        "Délibération": """
Code Opération | Imputation Budgétaire | Libellé Opération         | AE €   | Dépense €
C02-582A02     | 6568/9358             | Accompagnement des jeunes | 855000 | 268567
C02-582A01     | 6568/9358             | Fonds d'aide aux jeunes   | 130000 | 5000
""",
        "Articles": f"""
ARTICLE   | OBJET                                              | MONTANT   | RÉFÉRENCE
Article 4 | Thématique 4 « Autonomie et inclusion des jeunes » | {amount}  | C02-582A02 + C02-582A01
""",
    }


def _plan(amount: str) -> dict[str, str]:
    return {
        "Annexe 2": f"""
PLAFOND DEPARTEMENT | | 135000
Nature de dépenses | Objet de la dépense | Ressources existantes | Cible | Delta | Montant delta
ETP CD | Ingénierie (chefferie de projet) | 0,20 ETP | 2,20ETP | 2ETP | {amount}
TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 : | | | | | {amount}
"""
    }


def _situation(available: str) -> dict[str, str]:
    return {
        "Situation": f"""
Service         | Budget | Engagé | Réalisé comptable | En cours | Disponible
FONCTIONNEMENT  | 1000   | 400    | 300               | 100      | {available}
INVESTISSEMENT  | 5000   | 1200   | 1200              | 0        | 3800
"""
    }


CASES = [
    Case(
        "T001",
        _repartition,
        "2401.5",
        "2401.51",
        "B4",
        "TOTAL : le total de la colonne « MONTANT RETENU » est 2 401,51 € ; la somme des 2 lignes "
        "du bloc donne 2 400,00 € (écart +1,51 €).",
    ),
    Case(
        "M001",
        _recomputed,
        "801.5",
        "801.51",
        "C2",
        "CCAS de Lens : le texte indique 10 places (6 mois), soit 800,00 € au barème ; le montant "
        "saisi est 801,51 € (écart +1,51 €). Aucun changement d'un seul nombre ou d'une seule "
        "durée ne l'explique.",
    ),
    Case(
        "B001",
        _budget,
        "150001.5",
        "150001.51",
        "G2",
        "C02-446A05 : Solde 150 001,51 € ; Disponible 200 000,00 € − Proposition 50 000,00 € = "
        "150 000,00 € (écart +1,51 €).",
    ),
    Case(
        "B002",
        _overcommitted,
        "200001.5",
        "200001.51",
        "F2",
        "C02-446A05 : Proposition 200 001,51 € supérieure au Disponible 200 000,00 € "
        "(dépassement de 1,51 €).",
    ),
    Case(
        "A001",
        _articles,
        "273568.5",
        "273568.51",
        "C2",
        "Article 4 : montant 273 568,51 € ; la référence « C02-582A02 + C02-582A01 » donne "
        "273 567,00 € (Dépense de C02-582A02 (Délibération!E2) + Dépense de C02-582A01 "
        "(Délibération!E3)) (écart +1,51 €).",
    ),
    Case(
        "P002",
        _plan,
        "135001.5",
        "135001.51",
        "F4",
        "TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 : 135 001,51 € dépasse le plafond de "
        "135 000,00 € (C1) de 1,51 €.",
    ),
    Case(
        "I001",
        _situation,
        "601.5",
        "601.51",
        "F2",
        "FONCTIONNEMENT : Disponible = Budget − Engagé ne tient pas : « Disponible » vaut 601,51 €, "
        "le calcul donne 600,00 € (écart +1,51 €).",
    ),
]


def _findings(case: Case, amount: str, tolerance: str | None) -> list[tuple[str, str, str]]:
    sheets = [_sheet(name, text) for name, text in case.sheets(amount).items()]
    if tolerance is not None:
        sheets.append(_sheet("Paramètres", f'Paramètre | Valeur\nTolérance (€) | "{tolerance}"'))
    report = check_snapshot(WorkbookSnapshot("c.xlsx", sheets))
    return [(f.code, f.cell, f.message) for f in report.findings if f.code == case.code]


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_a_gap_of_the_tolerance_passes_and_one_cent_more_is_a_finding(case: Case):
    assert _findings(case, case.at_edge, TOLERANCE) == []
    assert _findings(case, case.beyond, TOLERANCE) == [(case.code, case.cell, case.message)]


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_without_paramètres_the_same_gap_is_a_finding(case: Case):
    assert [cell for _, cell, _ in _findings(case, case.at_edge, None)] == [case.cell]
