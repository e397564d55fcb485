"""Word documents of délibérations built from readable descriptions (nothing binary is
committed): a description is a list whose strings are paragraphs and whose lists of
rows are tables (`[["Code Opération", "Dépense €"], ["C02-446A05", "464 570,00"]]`)."""

from __future__ import annotations

from pathlib import Path

import docx

Description = list[str | list[list[str]]]


def construire_deliberation(path: Path, description: Description) -> Path:
    document = docx.Document()
    for block in description:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))
    return path


# Seed 000 (CP du 16 septembre 2024, n°2024-385, « Référent accompagnement global »):
# the articles of the délibération, as published (`464 570€` without a space), and the
# unit cost its annexe 4 states.
SEED_000: Description = [
    "RÉFÉRENT ACCOMPAGNEMENT GLOBAL",
    "(N°2024-385)",
    "La Commission Permanente du Conseil départemental du Pas-de-Calais,",
    "Vu le rapport du Président du Conseil départemental, ci-annexé ;",
    "Vu l’avis de la 2ème commission « Solidarités humaines » rendu lors de sa réunion en date du 03/09/2024 ;",
    "DECIDE :",
    "Article 1 :",
    "De valider le financement du dispositif « Accompagnement Global », pour la période du 1er janvier "
    "au 31 décembre 2024, pour un montant total de 464\u00a0570€, selon la répartition financière proposée "
    "en annexe 1 et selon les modalités exposées au rapport joint à la présente délibération.",
    "Article 2 :",
    "D’autoriser le Président du Conseil départemental à signer, au nom et pour le compte du Département, "
    "avec les structures citées en annexe 1, les avenants relatifs aux conventions de partenariat.",
    "Article 3 :",
    "Les dépenses versées en application de l’article 1 de la présente délibération sont imputées sur le "
    "budget départemental comme suit :",
    [
        ["Code Opération", "Imputation budgétaire", "Libellé Opération", "AE €", "Dépense €"],
        ["C02-446A05", "6568//93446", "indemnisation des organismes référents", "9 169 450,00", "464 570,00"],
    ],
    "Dans les conditions de vote ci-dessous :",
    "Pour : 44 voix",
    "Annexe 4 « Accompagnement Global »",
    "Modalités de financement : Sur la base d’un coût de la place d’accompagnement à 160 euros pour un an, "
    "soit 80 € pour 6 mois, les modalités de financement s’organisent comme suit :",
]

# Seed 001 (CP du 21 novembre 2022, « Inclusion durable, phase 3 »): articles 1 to 4 and
# the budget table of article 11.
SEED_001: Description = [
    "DECIDE :",
    "Article 1 :",
    "De valider le financement des 2 opérations de la thématique 1 « Accompagnement des bénéficiaires "
    "du RSA », telles que présentées en annexe 1, pour un montant total de 420 720 €, aux structures et "
    "selon la répartition financière reprises en annexe 5 à la présente délibération.",
    "Article 2 :",
    "De valider le financement des 3 dispositifs de la thématique 2 « Développement des compétences et "
    "accès à l’emploi », tels que présentés en annexe 2, pour un montant total de 267 566,08 €, aux "
    "structures et selon la répartition financière reprises en annexe 5 à la présente délibération.",
    "Article 3 :",
    "De valider le financement des 5 opérations de la thématique 3 « Accès au logement et accompagnement "
    "budgétaire », telles que présentées en annexe 3, pour un montant total de 685 493 €, aux structures "
    "et selon la répartition financière reprises en annexe 5 à la présente délibération.",
    "Article 4 :",
    "De valider le financement des opérations de la thématique 4 « Autonomie et inclusion des jeunes », "
    "telles que présentées en annexe 4, pour un montant total de 273 567 €, aux structures et selon la "
    "répartition financière reprises en annexe 5 à la présente délibération.",
    "Article 11 :",
    "Les dépenses versées en application des articles 1 à 4 de la présente délibération sont imputées "
    "sur le budget départemental comme suit :",
    [
        ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "AE €", "Dépense €"],
        ["C02-566A05", "6568/93566", "Indemnisation des organismes référents", "6 019 600,00", "420 720,00"],
        ["C02-582A02", "6568/9358", "Accompagnement des jeunes", "855 000,00", "268 567,00"],
        ["C01-564H02", "6568/93564", "Appui aux parcours intégrés 2021-2027", "15 680 078,60", "267 566,08"],
        ["C02-581E02", "6568/9358", "Logement des jeunes", "1 200 000,00", "120 000,00"],
        [
            "C02-581E04",
            "6568/9358",
            "Politique inclusive en faveur du logement",
            "2 072 445,40",
            "565 493,00",
        ],
        ["C02-582A01", "6568/9358", "Fonds d’aide aux jeunes", "130 000,00", "5 000,00"],
    ],
    "Dans les conditions de vote ci-dessous :",
]

# Seed 003 (CP du 16 septembre 2024, convention France Travail): the key figures of the
# feuille de route and a part of the plan de financement of volet 2.
SEED_003: Description = [
    "Les 3 territoires représentent 1/3 des ARSA du département.",
    "- 18 707 bénéficiaires du RSA (droits ouverts et versables), dont",
    "- 12 636 sur Lens-Liévin",
    "- 3 641 sur l'Audomarois",
    "- 2 430 sur le Montreuillois",
    "Les 3 territoires représentent 35% des BRSA du département",
    "- 8 661 sont demandeurs d'emploi (toutes catégories) avec un droit ouvert RSA",
    "Données FT au 31/12/2023",
    "Dont 1 313 du Montreuillois, 2 081 de l'Audomarois et 5 548 du Lensois",
    "Sur 2024, un montant total maximum de 4 879 642 € est alloué au Département.",
    "Construction du plan de financement - VOLET 2 - Période du 01/01/24 au 31/12/24",
    [
        [
            "Objet de la dépense",
            "Ressources existantes (ETP et volumes financiers)",
            "Cible (besoins en ETP et volumes financiers)",
            "Delta entre la cible et l'existant (en ETP et volumes financiers)",
            "Montant delta (en volume financier compte tenu d'une montée en charge progressive)",
        ],
        [
            "Solutions d'accompagnement complémentaires",
            "7600 places",
            "15200 places",
            "7600 places",
            "1 650 000,00 €",
        ],
        ["ETP d'accompagnement (CD, PE...)", "700 places", "1030 places", "3030 places", "807 000,00 €"],
        ["Total", "", "", "", "2 457 000,00 €"],
    ],
]
