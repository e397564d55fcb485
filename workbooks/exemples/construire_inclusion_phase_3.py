"""Build the example workbook for the "Appel à projets DPID 2022 - phase 3" deliberation.

Source: Département du Pas-de-Calais, Commission permanente du 21 novembre 2022,
deliberation on the financing of the inclusion operations (appel à projets des
politiques d'inclusion durable 2022, phase 3), its annexes 1 to 5 and the rapport.

The workbook is a transcription of the published text:

* ``Articles``      -- articles 1 to 4 of the délibération, their amounts, and the
  code(s) opération of article 11 they are imputed on (RÉFÉRENCE);
* ``Délibération``  -- the budget table of article 11 (AE / Dépense);
* ``Annexe 5``      -- the four thématique tables of annexe 5 ("répartition
  financière des opérations"), in logical row order (the PDF extraction moved a few
  lines: the AUDOTRI row and its `TOTAL 15 000,00 €` open thématique 2, the two SIAO 62
  rows close thématique 3). Two columns are added to each table, from the text of
  annexes 1 to 4 and of article 11: CODE OPÉRATION (the budget line each operation
  is paid on) and DURÉE (MOIS) (only where the text states the period). The
  OPÉRATION column holds the operation names of annexes 1 to 4 (the printed column
  is empty in the extracted text). Thématique 4's first block ends with a bare
  ``161 067,00 €``, as printed;
* ``Rapport``       -- the budget table at the end of the rapport (AE / Disponible /
  Proposition / Solde), with its ``Fond d'aide aux jeunes`` (sic);
* ``Barème``        -- 160 € per place per year, 13 750 € per portefeuille per year,
  22 500 € for the CCAS de Hénin-Beaumont and of Berck-sur-Mer, 17 500 € for the CCAS
  de Loison-sous-Lens, spelled as in annexe 5;
* ``Paramètres``    -- validation parameters (full-year operations: 12 months).

Usage::

    python construire_inclusion_phase_3.py [OUTPUT.xlsx]

Deterministic: fixed document dates and zip timestamps (pointage.outputs.workbook_writer).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from pointage.outputs.workbook_writer import MONEY_FORMAT, build_main

OUTPUT_NAME = "cp-2022-11-21-inclusion-phase-3.xlsx"
FIXED_DATETIME = datetime(2022, 11, 21, 0, 0, 0)

AMOUNT_FORMAT = "#,##0.00"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

ANNEXE_HEADER = [
    "OPERATION",
    "TERRITOIRE(S)",
    "STRUCTURE",
    "DESCRIPTION ACTION / COMPLEMENT D'INFORMATION",
    "DOSSIER RETENU",
    "COMMENTAIRE",
    "MONTANT PROPOSE",
    "CODE OPÉRATION",
    "DURÉE (MOIS)",
]

AG = "Prise en charge d'un portefeuille Accompagnement Global"
AG2 = "Prise en charge de 2 portefeuilles Accompagnement Global"


def op(name, code, rows, months=None):
    """One operation: its detail rows (territoire, structure, description, retenu,
    commentaire, montant), closed by a TOTAL row (or by a bare amount, `bare=True`)."""
    return {"name": name, "code": code, "rows": rows, "months": months}


THEMATIQUES = [
    (
        "1. Accompagnement des bénéficiaires du RSA : dynamiser les parcours dans un objectif "
        "d'insertion professionnelle",
        [
            op(
                "Opération 1 : Avenant Financier Référent – Accompagnement Global",
                "C02-566A05",
                [
                    ("Arrageois", "CCAS d'Arras", AG, "Oui", None, 13750.00),
                    ("Arrageois", "SAMPS", AG, "Oui", None, 13750.00),
                    ("Arrageois", "FJEP", AG, "Oui", None, 13750.00),
                    ("Artois", "CCAS de Béthune", AG2, "Oui", None, 27500.00),
                    ("Artois", "Passeport Forma", AG, "Oui", None, 13750.00),
                    ("Artois", "SIVOM du Bruaysis", AG2, "Oui", None, 27500.00),
                    ("Artois", "Habitat Insertion", AG2, "Oui", None, 27500.00),
                    ("Artois", "MJEP", AG, "Oui", None, 13750.00),
                    ("Artois", "SIVOM de l'Artois", AG, "Oui", None, 13750.00),
                    ("Artois", "CCAS de Noeux-les-Mines", AG, "Oui", None, 13750.00),
                    ("Audomarois", "Maison de la Diversité", AG, "Oui", None, 13750.00),
                    ("Boulonnais", "CCAS de Boulogne-sur-Mer", AG, "Oui", None, 13750.00),
                    ("Boulonnais", "CIAS Desvres/Samer", AG, "Oui", None, 13750.00),
                    ("Calaisis", "CCAS de Calais", AG2, "Oui", None, 27500.00),
                    ("Calaisis", "CIAS Côte d'Opale", AG, "Oui", None, 13750.00),
                    ("Hénin Carvin", "PAGE", AG, "Oui", None, 13750.00),
                    ("Hénin Carvin", "CCAS de Hénin-Beaumont", AG, "Oui", None, 22500.00),
                    ("Hénin Carvin", "CCAS de Montigny-en-Gohelle", AG, "Oui", None, 13750.00),
                    ("Hénin Carvin", "CCAS de Rouvroy", AG, "Oui", None, 13750.00),
                    ("Lens Liévin", "CCAS de Lens", AG, "Oui", None, 13750.00),
                    ("Lens Liévin", "CCAS de Liévin", AG, "Oui", None, 13750.00),
                    ("Lens Liévin", "CCAS de Loison-sous-Lens", AG, "Oui", None, 17500.00),
                    ("Lens Liévin", "SIVOM de Wingles", AG, "Oui", None, 13750.00),
                    ("Lens Liévin", "SAMPS", AG, "Oui", None, 13750.00),
                    ("Montreuillois", "CCAS de Berck-sur-Mer", AG, "Oui", None, 22500.00),
                ],
            ),
            # Annexe 1: "pour la période du 1er juillet au 31 décembre 2022".
            op(
                "Opération 2 : Dispositif référent solidarité",
                "C02-566A05",
                [
                    (
                        "Artois",
                        "Passeport Forma",
                        "Prise en charge d'un portefeuille de 9 places d'accompagnement solidarité en "
                        "lieu est place du CCAS de Sailly-Labourse",
                        "Oui",
                        None,
                        720.00,
                    ),
                ],
                months=6,
            ),
        ],
    ),
    (
        "2. Développement des compétences et accès à l'emploi",
        [
            # Annexe 2: "La durée de cette opération est fixée à 10 mois".
            op(
                "Opération 1 : Pacte Ambition IAE",
                "C01-564H02",
                [
                    (
                        "Audomarois",
                        "AUDOTRI",
                        "4 postes en insertion - 01/03/2022 au 31/12/2022",
                        "Oui",
                        None,
                        15000.00,
                    ),
                ],
                months=10,
            ),
            op(
                "Opération 2 : Actions d'insertion innovantes",
                "C01-564H02",
                [
                    (
                        "Artois",
                        "LA CRAVATE SOLIDAIRE",
                        "Ateliers coup de pouce itinérants permettant de pallier les problèmes de mobilité "
                        "des publics dans le but d'effectuer une préparation professionnelle et "
                        "personnalisée aux entretiens d'embauche - 15 BRSA",
                        "Oui",
                        None,
                        5500.00,
                    ),
                    (
                        "Artois",
                        "PASSEPORT FORMA",
                        "Accompagnement pluridisciplinaire de 50 jeunes de moins de 30 ans\n"
                        "Prise en charge des jeunes dans un parcours d'insertion durable - accompagnement "
                        "individualisé et personnalisé, rythmé qui apporte des réponses rapides dans tous "
                        "les domaines, impliquant les professionnels en mesure d'agir efficacement, "
                        "mobilise le jeune et lui donne envie d'avancer.",
                        "Oui",
                        None,
                        34370.00,
                    ),
                    (
                        "Audomarois",
                        "CIAS PAYS ST OMER",
                        "68 BRSA\nAider les participants à revaloriser leur quotidien en les rendant acteur "
                        "de leur parcours\nRompre l'isolement social et mettre en place des actions "
                        "citoyennes\nSusciter l'envie de s'investir dans d'autres activités "
                        "socio-professionnelles (association, bénévolat...)",
                        "Oui",
                        None,
                        42602.44,
                    ),
                    (
                        "Audomarois",
                        "Communauté de communes du Pays de Lumbres",
                        "Mobilisation de 12 bénéficiaires sur un projet de vie:\n- Prendre soin de soi "
                        "(confiance en soi : gérer ses peurs et ses émotions, vaincre sa timidité, "
                        "sophrologie , estime de soi, socio esthétique, tenue vestimentaire)\n- Sortir de "
                        "l'isolement (sport et culture)\n- En route vers l'autonomie (numérique et "
                        "mobilité)\n- Recherche d'emploi",
                        "Oui",
                        None,
                        16712.40,
                    ),
                    (
                        "Calaisis",
                        "CCAS CALAIS",
                        "Redynamiser les parcours stagnants de femmes BRSA (120)",
                        "Oui",
                        None,
                        19006.00,
                    ),
                    (
                        "Lens Liévin",
                        "APSA",
                        "Remobilisation professionnelle de 80 BRSA",
                        "Oui",
                        None,
                        18364.66,
                    ),
                    (
                        "Lens Liévin",
                        "CCAS LIEVIN",
                        "Ateliers de resocialisation et de remobilisation ; aider à la maitrise des "
                        "émotions, favoriser la confiance et la communication, travail sur la citoyenneté "
                        "- 120 participants",
                        "Oui",
                        None,
                        25000.00,
                    ),
                    (
                        "Lens Liévin",
                        "CCAS HULLUCH",
                        "Sensibiliser les BRSA sur les dépenses énergétiques, créer des ambitions et "
                        'remobiliser vers l\'emploi (découverte des métiers "Batis ton projet") + travail '
                        "sur parentalité, mobilité, santé + travail sur projet professionnel - 8 BRSA",
                        "Oui",
                        None,
                        1500.00,
                    ),
                    (
                        "Lens Liévin",
                        "CCAS PONT A VENDIN",
                        "Remobilisation vers un parcours d'insertion de 10 BRSA : sortir de l'isolement, "
                        "reprise de confiance en soi, investissement dans la vie locale, développement de "
                        "compétences transférables et informelles",
                        "Oui",
                        None,
                        2000.00,
                    ),
                    (
                        "Lens Liévin",
                        "CCAS LENS",
                        "Accompagnement de 40 BRSA - remobilisation des publics les plus éloignés de "
                        "l'emploi pour enclencher une remobilisation vers un parcours d'insertion :\n"
                        "- identification des compétences transférables, informelles\n- travail sur le "
                        "savoir être\n- lever les freins dans une visée d'emploi",
                        "Oui",
                        None,
                        10000.00,
                    ),
                ],
            ),
            op(
                "Opération 3 : Accompagner autrement",
                "C01-564H02",
                [
                    (
                        "Audomarois",
                        "ESPACE SOCIOCULTUREL DE LA LYS",
                        "L'appartement pédagogique \"l'appart\" est au cœur de l'accompagnement des BRSA, "
                        "lieu qui symbolise la maison, le foyer. Toutes les pièces permettent de présenter "
                        "un module amenant vers une émancipation, une autonomie pour une insertion sociale "
                        "et professionnelle - 25 participants",
                        "Oui",
                        None,
                        77510.58,
                    ),
                ],
            ),
        ],
    ),
    (
        "3. Accès au logement et accompagnement budgétaire",
        [
            # Annexe 3: "pour la période du 1er septembre 2022 au 31 aout 2023".
            op(
                "Opération 1 : Soutien des Comités Locaux pour le Logement Autonome des Jeunes (CLLAJ)",
                "C02-581E02",
                [
                    (
                        "Hénin Carvin",
                        "Rencontres et Loisirs",
                        "Augmentation des plages de rdv, développement de nouvelles actions collectives "
                        "notamment pour les jeunes ASE et appui au coordinateur Logement d'abord pour "
                        "étayage de situations complexes de jeunes.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                    (
                        "Artois",
                        "Habitat Insertion",
                        "Permanences supplémentaires, possibilité d'être accueilli sans rdv, renforcement "
                        "des ateliers collectifs, temps fort lors de la semaine logement des jeunes.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                    (
                        "Arrageois",
                        "4AJ",
                        "Renforcement des interventions sur les territoires ruraux (permanences, actions "
                        "d'information spécifiques) et permanances supplémentaires à Arras Ouest.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                    (
                        "Montreuillois\nTernois",
                        "ADEFI",
                        "Renforcement des missions d’information grand public, des interventions ciblées "
                        "sur des groupes de jeunes devant entrer dans un logement pour la 1ere fois, "
                        "renforcement de l’appui à la coordination des parcours logement des jeunes ayant "
                        "été accompagnés par l’ASE, lancement d’une concertation sur les colocations.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                    (
                        "Lens Liévin",
                        "Mission locale de l'agglomération de Lens Liévin",
                        "Renforcement du nombre de jeunes captés par le CLLAJ via des outils numériques, "
                        "renforcement de l’étayage de situations complexes de jeunes ayant eu un parcours "
                        "ASE et renforcement du diagnostic de territoire.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                    (
                        "Boulonnais",
                        "AMIE du Boulonnais",
                        "Renforcement de l’étayage de situations complexes de jeunes ayant eu un parcours "
                        "ASE, interventions du CLLAJ lors d’ateliers organisés par la MDS, interventions "
                        "auprès des jeunes qui ne nécessitent pas d’accompagnement social mais qui peuvent "
                        "néanmoins être en difficulté lors de leur entrée dans le logement.",
                        "Oui",
                        None,
                        20000.00,
                    ),
                ],
                months=12,
            ),
            op(
                "Opération 2 : Fonds de Prévention des Expulsions Locatives (FPEL)",
                "C02-581E04",
                [
                    (
                        "Département",
                        "CAF du Pas de Calais",
                        "Alimentation du Fonds de prévention des expulsions locatives pour l'année 2022. "
                        "Objectif : éviter la spirale de l'exclusion par la résolution de la dette (aide "
                        "financière)",
                        "Oui",
                        None,
                        500000.00,
                    ),
                ],
                months=12,
            ),
            op(
                "Opération 3 : Logement d'abord : Groupes d'échange de pratiques Santé mentale / Logement",
                "C02-581E04",
                [
                    (
                        "Boulonnais",
                        "URIOPSS",
                        "Poursuite des rencontres bimensuelles pour les acteurs du champ du Logement et de "
                        "l'hébergement sur le thème de la santé mentale, couplé à l'organisation de "
                        "sessions d'information sur des thématiques identifiées lors des groupes "
                        "d'échange",
                        "Oui",
                        None,
                        20000.00,
                    ),
                ],
                months=12,
            ),
            op(
                "Opération 4 : Logement d'abord : observatoire social",
                "C02-581E04",
                [
                    (
                        "Territoires AMI 1 et 2 (Artois, Lens, Hénin, Boulonnais, Montreuillois, Audomarois)",
                        "SIAO 62",
                        "Installation d'un observatoire dans le cadre du Logement d'abord pour mieux "
                        "connaitre les jeunes actuellement hébergés ou à la rue",
                        "Oui",
                        None,
                        20000.00,
                    ),
                ],
                months=12,
            ),
            op(
                "Opération 5 : Logement d'abord : renforcement des équipes mobiles de prévention "
                "des expulsions locatives sur les territoires AMI 2",
                "C02-581E04",
                [
                    (
                        "Territoires AMI 2 : Montreuillois, Boulonnais, Audomarois",
                        "SIAO 62",
                        "Renforcement des moyens des équipes mobiles de prevention des expulsions "
                        "locatives pour des interventions dès le commandement de payer",
                        "Oui",
                        None,
                        25493.00,
                    ),
                ],
                months=12,
            ),
        ],
    ),
    (
        "4. Autonomie et inclusion des jeunes",
        [
            # Annexe 4: "pour la période du 1er Janvier 2022 au 30 septembre 2023".
            # The printed block ends with a bare `161 067,00 €` (no TOTAL label).
            op(
                "Opération 1 : Soutien des Missions Locales en faveur de la jeunesse",
                "C02-582A02",
                [
                    (
                        "Arrageois",
                        "Maison de l'Emploi et des Métiers en Pays d'Artois",
                        None,
                        "Oui",
                        None,
                        17982.00,
                    ),
                    ("Artois", "Mission locale de l'Artois", None, "Oui", None, 14568.00),
                    (
                        "Audomarois",
                        "Mission locale de l'arrondissement de Saint-Omer",
                        None,
                        "Oui",
                        None,
                        21800.00,
                    ),
                    ("Boulonnais", "AMIE du Boulonnais", None, "Oui", None, 33092.00),
                    ("Calaisis", "La Fabrique Défi", None, "Oui", None, 16740.00),
                    (
                        "Hénin Carvin",
                        "Mission locale de l'agglomération d'Hénin Carvin",
                        None,
                        "Oui",
                        None,
                        5000.00,
                    ),
                    (
                        "Lens Liévin",
                        "Mission locale de l'agglomération de Lens Liévin",
                        None,
                        "Oui",
                        None,
                        41667.00,
                    ),
                    (
                        "Montreuillois",
                        "Mission locale de Montreuil - Côte d'Opale",
                        None,
                        "Oui",
                        None,
                        5218.00,
                    ),
                    ("Ternois", "ADEFI - Mission Locale", None, "Oui", None, 5000.00),
                ],
                months=21,
            ),
            op(
                "Opération 2 : Fonds d'aide aux jeunes collectifs (FAJ)",
                "C02-582A01",
                [
                    (
                        "Ternois",
                        "ADEFI - MISSION LOCALE",
                        '"Vaillant-es et engagées : les supers héros de demain".\nL\'action proposée '
                        "s'articule autour de deux axes : travail autour de la stigmatisation Homme/femme, "
                        "en partenariat avec le CORIF et découvrir le travail autrement en partenariat avec "
                        "le SDIS.\nLe projet global représente 64 273,09 €, avec un financement de la "
                        "région à hauteur de 45 000 € et une demande de FAJ co de 15 000 € de frais de "
                        "personnel et de prestations externes (visite de casernes 1 500 €, transport "
                        "1 500 €, SPS et SST 9 000 € et communication 900 €).",
                        "Non",
                        "La DPID ainsi que le territoire ont évalué la demande et s’accordent sur un avis "
                        "défavorable. En effet, un travail autour de la destigmatisation des métiers existe "
                        'sur le secteur visé (CORIF, région et AFP2I "mamans solos" sur Frévent. Les SST '
                        "sont depuis plusieurs années financés par le FAJ. Or il est demandé au porteur, "
                        "s'il souhaite péréniser son action de demander d'autres fonds.",
                        0.0,
                    ),
                    (
                        "Ternois",
                        "ADEFI - MISSION LOCALE",
                        "\"MILES\" est projet qui s'articule autour de 3 axes :\n- l'information et la "
                        "communication\n- la sensibilisation à la mobilité pratique\n- la mobilité "
                        "active.\nCette action vise la levée de freins à la mobilité et le financement "
                        "d'un voyage international. Le projet global représente : 11 9885,36 €, dont "
                        "14 885 € de frais de personnel, 22 600 € de frais de fonctionnement, 51 000 € de "
                        "prestations externes, 20 000 € de services civiques, 1 400 € de dépenses "
                        "indirectes et 10 000 € de collaboration inter territoire. La demande de "
                        "financement départementale s'élève à 20 000 €.",
                        "Non",
                        "La DPID, ainsi que le territoire ont évalué la demande et s'accordent sur un avis "
                        "défavorable. En effet, le projet est identique depuis plusieurs années. Le travail "
                        "autour de la mobilité des jeunes doit passer par les actions déjà existantes "
                        "(plateforme mobilité). De plus, le projet proposé n'établit pas de plus-value "
                        "immédiate dans le parcours des jeunes, comme demandé dans la réglementation.",
                        0.0,
                    ),
                    (
                        "Lens Liévin",
                        "Mission locale de l'agglomération de Lens Liévin",
                        "« Here We Go : les jeunes s'engagent ».\nLa demande concerne un projet créé en "
                        "2010 visant la mobilité internationale des jeunes de moins de 30 ans. Il comprend "
                        "deux orientations spécifiques : la mobilité internationale (accueil, information, "
                        "accompagnement des jeunes et des structures, intermédiation) et un point de "
                        "relais pour l’opération sac ados.\nDans le cadre de ce projet, un partenariat "
                        "local, départemental, régional, national et international est déployé depuis "
                        "plusieurs années.\nLe projet déposé demande le financement d’un équivalent temps "
                        "plein sur une année, d’un montant de 43 800 €.",
                        "Non",
                        "La DPID, ainsi que le territoire ont évalué la demande et s’accordent sur un avis "
                        "défavorable. En effet, le projet existe depuis 2010. Il bénéficiait d'un "
                        "financement au titre des défis territoires à hauteur de O,5 ETP. Ce financement "
                        "n'existe plus. par ailleurs, les services évaluateurs s'interrogent sur le "
                        "financement d'un ETP complet, au regard du fonctionnement antérieur avec un demi "
                        "poste.",
                        0.0,
                    ),
                    (
                        "Boulonnais",
                        "Centre Social Eclaté St-Martin-Boulogne",
                        '" Un chantier au service de l\'engagement citoyen" permet de mobiliser des jeunes '
                        "en ruptures, repérés par le club de prévention, la cellule de veille et le CSE. Le "
                        "projet est co-constuit avec les jeunes, afin de les impliquer au mieux dans les "
                        "chantiers et valoriser leurs compétences . Il s'agit ici, d'investir la maison de "
                        "quartier par et pour les jeunes. Par ailleurs ce projet est en partenariat de la "
                        "mission locale, afin de construire le projet professionnel du jeune et anticiper "
                        "la fin du chantier. Le montant total du projet est de 14 460 €.",
                        "Oui",
                        "La DPID, ainsi que le territoire ont évalué la demande et émettent un avis "
                        "favorable.",
                        5000.00,
                    ),
                ],
            ),
            # Annexe 4: "pour la période du 1er juillet 2022 au 30 juin 2023".
            op(
                "Opération 3 : Obligation de formation des 16-18 ans",
                "C02-582A02",
                [
                    (
                        "ARRAGEOIS/\nLENS-LIEVIN/\nHENIN-CARVIN/",
                        "E2C de l'Artois",
                        "Financement de 50 accompagnements",
                        "Oui",
                        None,
                        85500.00,
                    ),
                    (
                        "AUDOMAROIS",
                        "E2C grand Lille",
                        "Financement de 15 accompagnements",
                        "Oui",
                        None,
                        22000.00,
                    ),
                ],
                months=12,
            ),
        ],
    ),
]

# Printed totals: per operation, then per thématique.
OPERATION_TOTALS = [
    [420000.00, 720.00],
    [15000.00, 175055.50, 77510.58],
    [120000.00, 500000.00, 20000.00, 20000.00, 25493.00],
    [161067.00, 5000.00, 107500.00],
]
THEMATIQUE_TOTALS = [420720.00, 267566.08, 685493.00, 273567.00]
BARE_TOTAL = (3, 0)  # thématique 4, operation 1: closed by a bare amount

BUDGET_CODES = [
    (
        "C02-566A05",
        "6568/93566",
        "Indemnisation des organismes référents",
        "Indemnisation des organismes référents",
        6019600.00,
        1235586.67,
        420720.00,
        814866.67,
    ),
    (
        "C02-582A02",
        "6568/9358",
        "Accompagnement des jeunes",
        "Accompagnement des jeunes",
        855000.00,
        387000.00,
        268567.00,
        118433.00,
    ),
    (
        "C01-564H02",
        "6568/93564",
        "Appui aux parcours intégrés 2021-2027",
        "Appui aux parcours intégrés 2021-2027",
        15680078.60,
        3662882.35,
        267566.08,
        3395316.27,
    ),
    (
        "C02-581E02",
        "6568/9358",
        "Logement des jeunes",
        "Logement des Jeunes",
        1200000.00,
        170000.00,
        120000.00,
        50000.00,
    ),
    (
        "C02-581E04",
        "6568/9358",
        "Politique inclusive en faveur du logement",
        "Politique inclusive en faveur du logement",
        2072445.40,
        634365.40,
        565493.00,
        68872.40,
    ),
    # Délibération "Fonds d’aide aux jeunes", rapport "Fond d'aide aux jeunes" (as printed).
    (
        "C02-582A01",
        "6568/9358",
        "Fonds d’aide aux jeunes",
        "Fond d'aide aux jeunes",
        130000.00,
        130000.00,
        5000.00,
        125000.00,
    ),
]

ARTICLES = [
    (
        "Article 1",
        "De valider le financement des 2 opérations de la thématique 1 « Accompagnement "
        "des bénéficiaires du RSA », telles que présentées en annexe 1, pour un montant total de "
        "420 720 €, aux structures et selon la répartition financière reprises en annexe 5",
        420720.00,
        "C02-566A05",
    ),
    (
        "Article 2",
        "De valider le financement des 3 dispositifs de la thématique 2 « Développement "
        "des compétences et accès à l’emploi », tels que présentés en annexe 2, pour un montant "
        "total de 267 566,08 €, aux structures et selon la répartition financière reprises en "
        "annexe 5",
        267566.08,
        "C01-564H02",
    ),
    (
        "Article 3",
        "De valider le financement des 5 opérations de la thématique 3 « Accès au "
        "logement et accompagnement budgétaire », telles que présentées en annexe 3, pour un "
        "montant total de 685 493 €, aux structures et selon la répartition financière reprises "
        "en annexe 5",
        685493.00,
        "C02-581E02 + C02-581E04",
    ),
    (
        "Article 4",
        "De valider le financement des opérations de la thématique 4 « Autonomie et "
        "inclusion des jeunes », telles que présentées en annexe 4, pour un montant total de "
        "273 567 €, aux structures et selon la répartition financière reprises en annexe 5",
        273567.00,
        "C02-582A02 + C02-582A01",
    ),
]

BAREME = [
    ("place", 160, None),
    ("portefeuille", 13750, None),
    ("portefeuille", 22500, "CCAS de Hénin-Beaumont"),
    ("portefeuille", 22500, "CCAS de Berck-sur-Mer"),
    ("portefeuille", 17500, "CCAS de Loison-sous-Lens"),
]
PARAMETRES = [("Durée par défaut (mois)", 12), ("Tolérance (€)", 0), ("Exercice", 2022)]


def check_data() -> None:
    """The rows agree with the printed totals and the budget tables."""
    for (_, operations), op_totals, total in zip(THEMATIQUES, OPERATION_TOTALS, THEMATIQUE_TOTALS):
        sums = [round(sum(row[5] for row in o["rows"]), 2) for o in operations]
        assert sums == op_totals, (sums, op_totals)
        assert round(sum(op_totals), 2) == total
    by_code: dict[str, float] = {}
    for _, operations in THEMATIQUES:
        for o in operations:
            by_code[o["code"]] = round(by_code.get(o["code"], 0) + sum(r[5] for r in o["rows"]), 2)
    for code, _, _, _, _, available, proposal, balance in BUDGET_CODES:
        assert by_code[code] == proposal, code
        assert round(available - proposal, 2) == balance, code


def _header(ws, row: int, labels) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font, cell.alignment = BOLD, WRAP


def _money(ws, row: int, col: int, value: float, fmt: str = MONEY_FORMAT, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.number_format = fmt
    if bold:
        cell.font = BOLD


def write_annexe_5(wb: Workbook) -> None:
    ws = wb.create_sheet("Annexe 5")
    ws["A1"] = "Annexe 5 : APPEL A PROJETS DPID 2022 - PHASE 3 - REPARTITION FINANCIERE DES OPERATIONS"
    ws["A1"].font = BOLD
    row = 3
    for t, (title, operations) in enumerate(THEMATIQUES):
        ws.cell(row=row, column=1, value=title).font = BOLD
        _header(ws, row + 1, ANNEXE_HEADER)
        row += 2
        for o_index, o in enumerate(operations):
            for territory, structure, description, retained, comment, amount in o["rows"]:
                values = [o["name"], territory, structure, description, retained, comment]
                for col, value in enumerate(values, start=1):
                    if value is not None:
                        ws.cell(row=row, column=col, value=value).alignment = WRAP
                _money(ws, row, 7, amount)
                ws.cell(row=row, column=8, value=o["code"])
                if o["months"] is not None:
                    ws.cell(row=row, column=9, value=o["months"])
                row += 1
            if (t, o_index) != BARE_TOTAL:
                ws.cell(row=row, column=1, value="TOTAL").font = BOLD
            _money(ws, row, 7, OPERATION_TOTALS[t][o_index], bold=True)
            row += 1
        ws.cell(row=row, column=1, value="TOTAL").font = BOLD
        _money(ws, row, 7, THEMATIQUE_TOTALS[t], bold=True)
        row += 4  # three blank rows: the next thématique is another table
    for letter, width in zip("ABCDEFGHI", (34, 20, 30, 70, 10, 40, 18, 14, 10)):
        ws.column_dimensions[letter].width = width


def write_budget(wb: Workbook, title: str, caption: str, rapport: bool) -> None:
    ws = wb.create_sheet(title)
    ws["A1"] = caption
    header = ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "AE €"]
    header += ["Disponible €", "Proposition €", "Solde €"] if rapport else ["Dépense €"]
    _header(ws, 3, header)
    for r, (code, imputation, label_d, label_r, ae, available, proposal, balance) in enumerate(
        BUDGET_CODES, start=4
    ):
        ws.cell(row=r, column=1, value=code)
        ws.cell(row=r, column=2, value=imputation)
        ws.cell(row=r, column=3, value=label_r if rapport else label_d)
        amounts = [ae, available, proposal, balance] if rapport else [ae, proposal]
        for c, value in enumerate(amounts, start=4):
            _money(ws, r, c, value, AMOUNT_FORMAT)
    for letter, width in zip("ABCDEFG", (16, 20, 42, 16, 16, 16, 16)):
        ws.column_dimensions[letter].width = width


def write_list(wb: Workbook, title: str, header, rows, widths) -> None:
    ws = wb.create_sheet(title)
    _header(ws, 1, header)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, float):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(value, str) and len(value) > 60:
                    cell.alignment = WRAP
    for letter, width in zip("ABCD", widths):
        ws.column_dimensions[letter].width = width


def build_workbook() -> Workbook:
    check_data()
    wb = Workbook()
    wb.remove(wb.active)
    write_list(wb, "Articles", ["ARTICLE", "OBJET", "MONTANT", "RÉFÉRENCE"], ARTICLES, (12, 90, 16, 28))
    write_budget(
        wb,
        "Délibération",
        "Article 11 : Les dépenses versées en application des "
        "articles 1 à 4 de la présente délibération sont imputées sur le budget "
        "départemental comme suit :",
        rapport=False,
    )
    write_annexe_5(wb)
    write_budget(
        wb, "Rapport", "La dépense serait imputée sur le budget départemental comme suit :", rapport=True
    )
    write_list(wb, "Barème", ["Unité", "Coût annuel (€)", "Structure"], BAREME, (16, 18, 30))
    write_list(wb, "Paramètres", ["Paramètre", "Valeur"], PARAMETRES, (26, 12))
    wb.active = 0
    wb.properties.creator = "Pointage"
    return wb


def main(argv: list[str]) -> int:
    return build_main(build_workbook, FIXED_DATETIME, Path(__file__).with_name(OUTPUT_NAME), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
