"""Build the example workbook for the "Convention France Travail" deliberation.

Source: Département du Pas-de-Calais, Commission permanente du 16 septembre 2024,
deliberation n°2024-386 "AVENANT N°1 À LA CONVENTION DÉPARTEMENTALE POUR L'INSERTION
ET L'EMPLOI DANS LE CADRE DE LA RÉFORME FRANCE TRAVAIL 2024-2025" (rapport n°55).

The workbook is a transcription of the published text:

* ``Annexe 2``      -- the plan de financement of the avenant: volets 1, 2 and 3, each
  with its title, its ``PLAFOND DEPARTEMENT`` line (empty for volet 3, as printed),
  its header on two rows (volet 2 repeats it after the page break, as printed) and
  every row, in the printed order. Quantities stay text with their unit, as typed
  (``7600 places``, ``2,20ETP``, ``630 place``, ``11 ETP soit 275 000 sur 6 mois``).
  The printed mistake is kept: ``700 places`` → ``1030 places``, delta ``3030 places``.
* ``Chiffres clés``  -- the figures of the feuille de route and of the rapport that
  are stated with their components (BRSA per territory, demandeurs d'emploi, flux,
  stock, portefeuilles, délégués, the volet amounts). The printed mistake is kept:
  ``8 661`` demandeurs d'emploi "dont 1 313 ..., 2 081 ... et 5 548" (= 8 942).

Usage::

    python construire_convention_france_travail.py [OUTPUT.xlsx]

Deterministic: fixed document dates and zip timestamps (pointage.outputs.workbook_writer).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from pointage.outputs.workbook_writer import MONEY_FORMAT, build_main

OUTPUT_NAME = "cp-2024-09-16-convention-france-travail.xlsx"
FIXED_DATETIME = datetime(2024, 9, 16, 0, 0, 0)

AMOUNT_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


class Euros(float):
    """An amount printed with `€` (`1 650 000,00 €`)."""


class Plain(float):
    """An amount printed without `€`, with cents (`135 000,00`)."""


class Whole(float):
    """An amount printed without `€` nor cents (`250 000`, `618 750`)."""


HEADER_TOP = [
    "Nature de dépenses",
    "Objet de la dépense",
    "Précisions sur l'action / objet",
    "Etat des lieux de l'existant",
    None,
    None,
    "Construction du plan de financement",
    None,
]


def header_bottom(period: str = "") -> list[str | None]:
    suffix = f" {period}" if period else ""
    return [
        None,
        None,
        None,
        f"Ressources existantes (ETP et volumes financiers){suffix}",
        "Cible (besoins et ETP ou volumes financiers)" + suffix
        if period
        else "Cible (besoins en ETP et volumes financiers)",
        f"Delta entre la cible et l'existant (en ETP et volumes financiers){suffix}",
        "Montant delta (en volume financier compte tenu d'une montée en charge progressive)" + suffix,
        "Si source(s) de financement complémentaire identifiée(s) préciser (pilotes, "
        "redéploiement interne, FSE ...)",
    ]


HEADER_FULL = [
    "Nature de dépenses",
    "Objet de la dépense",
    "Précisions sur l'action / objet",
    *header_bottom()[3:],
]

ACTION_VOLET_2 = (
    "Action 1: Renforcer la qualité de l'accompagnement social dans le cadre de "
    "l'accompagnement global dans l'objectif d'un retour à l'emploi. Action 2: Amplifier "
    "la politique d'accès à l'emploi pour tous Action 3 ..."
)

# Each row: A..H = nature, objet, précisions, existant, cible, delta, montant, sources.
VOLET_1 = [
    ["Construction du plan de financement - VOLET 1 - Période du 01/01/24 au 31/12/24"],
    ["PLAFOND DEPARTEMENT", None, Plain(135000.00)],
    HEADER_TOP,
    header_bottom(),
    ["Renforcement des équipes locales CD"],
    [
        "ETP CD",
        "Ingénierie (chefferie de projet)",
        "De manière générale, la chefferie de projet est missionnée à déployer une feuille de "
        "route départementale permettant de converger vers la cible France Travail avec "
        "l'État, l'opérateur France travail, la CAF, la MSA et les autres partenaire signataires",
        "0,20 ETP",
        "2,20ETP",
        "2ETP",
        Euros(100000.00),
    ],
    ["Autre"],
    ["Total ETP CD", None, None, None, None, None, Euros(100000.00)],
    ["Développement SI"],
    [
        "Dépenses CD",
        "Paramétrage SI en vue de l'interconnexion",
        "Sécuriser les interopérabilités entre systèmes d'information, les échanges de "
        "données et l'implémentation des outils numériques",
        None,
        None,
        None,
        Euros(35000.00),
    ],
    ["Total", None, None, None, None, None, Euros(35000.00)],
    ["TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 1 :", None, None, None, None, None, Euros(135000.00)],
]

VOLET_2 = [
    ["Construction du plan de financement - VOLET 2 - Période du 01/01/24 au 31/12/24"],
    ["PLAFOND DEPARTEMENT", None, Plain(4125892.00)],
    HEADER_TOP,
    header_bottom(),
    [],
    HEADER_FULL,  # repeated at the top of the next printed page
    ["Etoffer l'offre de solutions locales"],
    [
        "Intensification de l'accompagnement des allocataires du RSA",
        "Solutions d'accompagnement complémentaires (augmentation capacitaire, élargissement "
        "de périmètre, publics cibles spécifiques etc)",
        ACTION_VOLET_2,
        "7600 places",
        "15200 places",
        "7600 places",
        Euros(1650000.00),
    ],
    [
        None,
        "ETP d'accompagnement (CD, PE...)",
        None,
        "700 places",
        "1030 places",
        "3030 places",
        Euros(807000.00),
        "FSE - 100000€",
    ],
    ["Total", None, None, None, None, None, Euros(2457000.00)],
    ["Remobilisation / entrée de parcours"],
    [
        "Remobilisation",
        "Solutions de remobilisation",
        "Pack inclusion renforcé pour l'emploi",
        "4000 places",
        "4240 places",
        "240 places",
        Euros(598000.00),
    ],
    [
        None,
        "Solutions de remobilisation",
        "Pack inclusion renforcé pour l'emploi dans le bassin minier (ERBM)",
        "600 places",
        "630 place",
        "30 places",
        Euros(361146.00),
    ],
    ["Total", None, None, None, None, None, Euros(959146.00)],
    ["Levée des freins socio-professionnels", "Mobilité"],
    [
        None,
        "Garde d'enfant",
        "Faciliter l'accès à l'emploi des familles sans solutions d'accueil : Dispositif "
        "d'intermédiation « Familles vulnérables – solutions d'accueil de la Petite Enfance »",
        "349 places",
        "500 places",
        "151 places",
        None,
        "Financement avec le schéma départemental de soutien au familles : 825 802€ sur 2 ans",
    ],
    [
        None,
        "Santé",
        "Pack médiation insertion-santé",
        "4 000 places",
        "5 760 places",
        "1 760 places",
        Euros(709746.00),
        "Dont 17 074€ de ERBM",
    ],
    [None, "Autre"],
    ["Total", None, None, None, None, None, Euros(709746.00)],
    ["Total", None, None, None, None, None, Euros(4125892.00)],
    ["Référencement de l'offre de solutions locales d'accompagnement"],
    ["Référencement de l'offre de solution du territoire (ex : alimentation DORA ou autre...)", "ETP"],
    ["Total"],
    ["TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 2 :", None, None, None, None, None, Euros(4125892.00)],
]

SIX_MONTHS = "sur 6 mois"
VOLET_3 = [
    ["Construction du plan de financement - VOLET 3 - Période du 01/07/24 au 31/12/24"],
    ["PLAFOND DEPARTEMENT"],  # printed without an amount
    HEADER_TOP,
    header_bottom(SIX_MONTHS),
    ["Renforcement des équipes locales PE / CD"],
    ["ETP CD", "Accompagnement"],
    [None, "ingénierie (chef de projet, chargé déploiement numérique, coordonnateur des activités)"],
    [None, "Autres"],
    ["Total ETP CD"],
    [
        "Pour info : ETP PE (hypothèses pour le lancement de l'expérimentation finançables par "
        "réallocation interne à l'opérateur)"
    ],
    [None, "Accompagnement"],
    [None, "ingénierie (chef de projet)"],
    [None, "Autres"],
    ["Pour info : Total ETP PE"],
    ["Total ETP"],
    ["Renforcement des solutions locales"],
    [
        "Solutions locales CD",
        "Accompagnement délégué à une structure du PDI (organisme référent)",
        "Renforcement en ETP pour atteindre la cible de 70 BRSA par portefeuille",
        "11 ETP soit 275 000 sur 6 mois",
        "21 ETP soit 525 000 sur 6 mois",
        "10 ETP soit 250 000 sur 6 mois",
        Whole(250000),
    ],
    [
        None,
        "Solutions d'accompagnement complémentaires déléguées à une",
        "Ateliers collectifs d'activités",
        "225 places",
        "415 places",
        "190 places",
        Euros(148750),
    ],
    [
        None,
        "Solutions de remobilisation",
        "Modules collectifs de développement des savoirs être et de mise en situation",
        "412 places",
        "722 places",
        "310 places",
        Euros(220000),
    ],
    [None, "Solutions de maintien dans l'emploi"],
    [None, "Solutions de levée des freins"],
    ["Total solutions locales CD", None, None, None, None, None, Whole(618750)],
    ["Pour info : Solutions locales PE"],
    [None, "Prestations"],
    ["Pour info : Total solutions locales PE"],
    ["Total Solutions locales"],
    ["Développement SI"],
    [
        "Dépenses CD",
        "Evolution techniques nécessaires à l'atteinte de la cible (feuille de route "
        "à construire avec les correspondants numériques)",
    ],
    ["Total CD"],
    ["Total Développement SI"],
    ["TOTAL BESOINS DEPARTEMENTAUX AU TITRE DU VOLET 3 :", None, None, None, None, None, Euros(618750.00)],
]

# Three blank rows between volets: each is its own table (classeur.md).
ANNEXE_2 = [
    ["ANNEXE 2 – Plan de financement"],
    [],
    *VOLET_1,
    [],
    [],
    [],
    *VOLET_2,
    [],
    [],
    [],
    *VOLET_3,
]

# (LIBELLÉ, VALEUR, COMPOSANTES, SOURCE): figures stated with their parts.
CHIFFRES_CLES = [
    (
        "Bénéficiaires du RSA des 3 territoires (droits ouverts et versables)",
        18707,
        "12 636 + 3 641 + 2 430",
        "18 707 bénéficiaires du RSA, dont 12 636 sur Lens-Liévin, 3 641 sur l'Audomarois, "
        "2 430 sur le Montreuillois",
    ),
    (
        "Demandeurs d'emploi (toutes catégories) avec un droit ouvert RSA",
        8661,
        "1 313 + 2 081 + 5 548",
        "8 661 sont demandeurs d'emploi ... Dont 1 313 du Montreuillois, 2 081 de "
        "l'Audomarois et 5 548 du Lensois",
    ),
    (
        "Nombre de BRSA entrants (flux)",
        3300,
        "426 + 756 + 2 118",
        "Flux : 3 300 ; Montreuillois 426, Audomarois 756, Lensois 2 118",
    ),
    (
        "Nombre total de BRSA du bassin (stock)",
        15746,
        "1 831 + 3 338 + 10 577",
        "Stock : 15 746 ; Montreuillois 1 831, Audomarois 3 338, Lensois 10 577",
    ),
    (
        "Portefeuilles France Travail",
        27,
        "5 + 6 + 16",
        "FT : 27 portefeuilles ; Montreuillois 5, Audomarois 6, Lensois 16",
    ),
    (
        "Délégués du CD (ETP)",
        21,
        "3,5 + 4,5 + 13",
        "Délégués du CD : 21 ETP ; Montreuillois 3,5, Audomarois 4,5, Lensois 13",
    ),
    (
        "Montant alloué sur 2024 (volets 1, 2 et 3)",
        4879642,
        "135 000 + 4 125 892 + 618 750",
        "Avenant, article 2.4 : un montant total maximum de 4 879 642 €",
    ),
    (
        "Montant global de la convention initiale (volets 1 et 2)",
        4260892,
        "135 000 + 4 125 892",
        "Rapport : un montant global de 4 260 892 € ... 135 000 € ... 4 125 892 €",
    ),
]


def check_data() -> None:
    """The plan rows agree with the printed totals (what the seed gets right)."""

    def amounts(rows):
        return [
            r[6]
            for r in rows
            if len(r) > 6 and isinstance(r[6], float) and not str(r[0]).startswith(("Total", "TOTAL"))
        ]

    assert sum(amounts(VOLET_1)) == 135000
    assert sum(amounts(VOLET_2)) == 4125892
    assert sum(amounts(VOLET_3)) == 618750


def write_rows(ws, rows: list[list], first_row: int = 1) -> None:
    for r, values in enumerate(rows, start=first_row):
        is_header = values in (HEADER_TOP, HEADER_FULL) or str(values[3:4]).startswith("['Ressources")
        is_total = bool(values) and isinstance(values[0], str) and values[0].upper().startswith("TOTAL")
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=float(value) if isinstance(value, float) else value)
            if isinstance(value, Euros):
                cell.number_format = MONEY_FORMAT
            elif isinstance(value, Plain):
                cell.number_format = AMOUNT_FORMAT
            elif isinstance(value, Whole):
                cell.number_format = INTEGER_FORMAT
            if is_header:
                cell.font, cell.alignment = BOLD, WRAP
            elif is_total:
                cell.font = BOLD
            elif isinstance(value, str) and len(value) > 40:
                cell.alignment = WRAP


def build_workbook() -> Workbook:
    check_data()
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Annexe 2")
    write_rows(ws, ANNEXE_2)
    for letter, width in zip("ABCDEFGH", (30, 34, 44, 22, 22, 22, 22, 34)):
        ws.column_dimensions[letter].width = width
    ws = wb.create_sheet("Chiffres clés")
    write_rows(ws, [["LIBELLÉ", "VALEUR", "COMPOSANTES", "SOURCE"]])
    for cell in ws[1]:
        cell.font = BOLD
    for r, (label, value, components, source) in enumerate(CHIFFRES_CLES, start=2):
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value=value).number_format = INTEGER_FORMAT
        ws.cell(row=r, column=3, value=components)
        ws.cell(row=r, column=4, value=source)
    for letter, width in zip("ABCD", (60, 14, 32, 80)):
        ws.column_dimensions[letter].width = width
    wb.active = 0
    wb.properties.creator = "Pointage"
    return wb


def main(argv: list[str]) -> int:
    return build_main(build_workbook, FIXED_DATETIME, Path(__file__).with_name(OUTPUT_NAME), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
