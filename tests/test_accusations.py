"""No accusation without the thing accused of (issue 24, principle 1): a table is of a
kind only with that kind's defining column, a reference is wrong only if the workbook
holds what it could name, a list is checked for its form without a beneficiary and
without an F004 for lacking one."""

from __future__ import annotations

from pathlib import Path

import pytest

from classeurs import Feuille
from constats import montres as _found
from constats import verifie as _check
from pointage.engine.check import check_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-workbooks"


# An open-data list of conventions: its `Référence délibération` is the number of a
# délibération, not an article's reference; `Nom attributaire` is who receives.
OPEN_DATA = """
Autorité administrative | Date convention | Référence délibération | Nom attributaire  | Objet convention | Montant décidé ligne
Département             | 2015-06-04      | 2015-00019-01          | COMMUNE DE NIORT  | Centre bourg     | 24444
Département             | 2015-06-04      | 2015-00020-01          | COMMUNE ALLOINAY  | Salle polyvalente | 33992.72
Département             | 2015-07-02      | 2015-00074-01          | COMMUNE DE MELLE  | Voirie           | 12000
Département             | 2015-07-02      | 2015-00074-01          | COMMUNE DE MELLE  | Voirie           | 12000
"""


def test_an_open_data_list_is_no_articles_table(tmp_path):
    report = _check(tmp_path, {"Rapport 1": OPEN_DATA})
    (table,) = report.tables
    assert table.kind == "liste"
    assert {c.role: c.header for c in table.columns} == {
        "label": "Nom attributaire",
        "description": "Objet convention",
        "amount": "Montant décidé ligne",
    }
    # The row pasted twice is said; no reference is accused.
    assert _found(report) == [
        (
            "F008",
            "avertissement",
            "Rapport 1",
            "D5",
            ("D4", "D5"),
            "1 ligne identique, cellule pour cellule, à une ligne précédente (ligne 5 = ligne 4) : collée deux fois ?",
        )
    ]


def test_field_names_glued_in_lower_case_are_read(tmp_path):
    # SCDL written without its capitals: `nombeneficiaire` is the beneficiary; the
    # dates of `referenceDecision` are no references.
    sheet = """
nomAttribuant | referenceDecision | nombeneficiaire | objet        | montant
CD 53         | 2018-12-17        | SAS MABRIS      | Atelier      | 90545
CD 53         | 2018-12-14        | LE CARRE        | Saison       | 133000
"""
    report = _check(tmp_path, {"Feuil1": sheet})
    (table,) = report.tables
    assert table.kind == "liste"
    assert {c.role: c.header for c in table.columns}["label"] == "nombeneficiaire"
    # Only what the SCDL schema says of a publication of five of its sixteen columns.
    assert _found(report) == [
        (
            "S001",
            "info",
            "Feuil1",
            "A1",
            ("A1",),
            "Publication SCDL subventions sans 7 colonnes obligatoires du schéma : idAttribuant, "
            "dateConvention, nature, conditionsVersement, datesPeriodeVersement, notificationUE, "
            "pourcentageSubvention.",
        )
    ]


ARTICLES = """
ARTICLE   | OBJET                    | MONTANT | RÉFÉRENCE
Article 1 | Accompagnement           | 420270  | Annexe 5
Article 2 | Fonds d'aide aux jeunes  | 5000    | C02-582A03
Article 3 | Report                   | 300     | B6:B7
        | | |
        | 100 | |
        | 200 | |
"""


def test_a_reference_with_nothing_to_name_is_not_accused(tmp_path):
    # No budget table, no totalled sheet: `Annexe 5` and `C02-582A03` name nothing the
    # workbook could hold; the cell range is still read (and here agrees).
    report = _check(tmp_path, {"Articles": ARTICLES})
    (table,) = report.tables
    assert table.kind == "articles"
    assert _found(report) == []
    assert table.notes == (
        "ni code opération ni feuille totalisée dans le classeur : les RÉFÉRENCES qui ne "
        "sont pas des cellules ne désignent rien ici, non vérifiées",
    )


def test_a_reference_is_accused_when_the_workbook_holds_codes(tmp_path):
    budget = """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02     | 6568/9358             | Jeunes            | 855000 | 420270
"""
    report = _check(tmp_path, {"Délibération": budget, "Articles": ARTICLES})
    assert [(f.code, f.cell) for f in report.findings] == [("A001", "D2"), ("A001", "D3")]
    assert report.findings[1].message == (
        "Article 2 : la référence « C02-582A03 » ne désigne ni un code opération ni une "
        "feuille totalisée ; codes opération connus : C02-582A02 ; feuilles : aucun."
    )


def test_a_list_without_a_beneficiary_is_checked_for_its_form_only(tmp_path):
    # `Financeur | Dispositif | Montant`: no beneficiary, no total; a list of amounts
    # (no F004 for the missing STRUCTURE), where a row pasted twice and a number typed
    # with a bad grouping are still said.
    sheet = """
Financeur Principal | Dispositif - Dossier | Eligible? - Dossier | Montant Ttc
Région              | lay                  | oui                 | 76382
Région              | smile                | oui                 | 4942
Région              | smile                | oui                 | 4942
Région              | final                | oui                 | "1 0000,00"
"""
    report = _check(tmp_path, {"Sheet1": sheet})
    (table,) = report.tables
    assert table.kind == "liste"
    assert sorted((f.code, f.severity.value, f.cell) for f in report.findings) == [
        ("F001", "info", "D5"),
        ("F008", "avertissement", "A4"),
        ("F009", "avertissement", "D5"),
    ]


def test_a_row_without_its_amount_is_no_row_pasted_twice(tmp_path):
    # Each convention on two rows, its cells merged down but for its later dates: the
    # second rows, alike, are no grants pasted twice.
    sheet = """
SIRET          | Montant octroyé | Présentation       | Nature    | Date de versement | Notification
43434110300019 | 39000           | promotion des vins | numéraire | 2017-09-05        | non concerné
               |                 |                    |           | 2017-12-05        | non concerné
43434110300019 | 17500           | oenotourisme       | numéraire | 2017-05-24        | non concerné
               |                 |                    |           | 2017-12-05        | non concerné
"""
    merged = tuple(f"{c}{r}:{c}{r + 1}" for r in (2, 4) for c in "ABCD")
    report = _check(tmp_path, {"à publier": Feuille(sheet, fusions=merged)})
    assert [t.kind for t in report.tables] == ["liste"]
    assert _found(report) == []


def test_a_repartition_with_totals_still_asks_for_its_structure(tmp_path):
    # Totals make it an allocation table: the missing STRUCTURE is an F004 (golden F004).
    sheet = """
TERRITOIRE | PLACES D'ACCOMPAGNEMENT | MONTANT RETENU
Arrageois  | 40 places               | 3200
Audomarois | 150 places              | 12000
TOTAL      | 190                     | 15200
"""
    report = _check(tmp_path, {"Annexe 1": sheet})
    assert [(f.code, f.cell) for f in report.findings] == [("F004", "A1")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (
            "converted/betagouv__SCDL-Subvention-DataSubvention__DEP_Deux Sèvres_Convention_de_subventions_-_CD79.xlsx",
            "liste",
        ),
        ("etalab__hackathon_associations__data.gouv-cd53-14-10-2019-.xlsx", "liste"),
        ("betagouv__api-subventions-asso__SUBVENTIA.xlsx", "liste"),
    ],
)
def test_real_open_data_lists_raise_no_erreur(name, kind):
    report = check_path(REAL / name)
    assert [t.kind for t in report.tables] == [kind]
    assert [f for f in report.findings if f.severity.value == "erreur"] == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-workbooks absent")
@pytest.mark.parametrize(
    ("name", "sheet", "cell", "code"),
    [
        ("mutants/ds_row_twice.xlsx", "Rapport 1", "E201", "F008"),
        ("mutants/anct_row_twice.xlsx", "Projets_dotations_investissement_2019", "A5001", "F008"),
        ("mutants/gispro_text_grouping.xlsx", "Feuille 1", "I3", "F009"),
    ],
)
def test_slips_in_real_lists_are_found(name, sheet, cell, code):
    report = check_path(REAL / name)
    assert [(f.code, f.sheet, f.cell) for f in report.findings if f.severity.value != "info"] == [
        (code, sheet, cell)
    ]


def test_two_values_in_one_cell_are_no_bad_grouping(tmp_path):
    # `8 000   …   6 000`: two amounts side by side in a list, not one number of odd
    # grouping (no F009); a list sums nothing, so no F002 either.
    sheet = f"""
Titulaire | Objet    | Montant
Société A | Travaux  | "8 000{" " * 40}6 000"
Société B | Études   | 12000
"""
    report = _check(tmp_path, {"MAPA": sheet})
    assert [t.kind for t in report.tables] == ["liste"]
    assert _found(report) == []


def test_a_list_without_amounts_asks_for_no_column(tmp_path):
    # Who, what, where, no amount and no total: nothing says it is an allocation table.
    sheet = """
STRUCTURE | OBJET          | TERRITOIRE | OPÉRATION
Asso A    | Fonctionnement | Arras      | Sport
Asso B    | Festival       | Lens       | Culture
"""
    report = _check(tmp_path, {"Liste": sheet})
    assert _found(report) == []


def test_a_quote_without_a_plans_columns_asks_for_none(tmp_path):
    # `Prix total` is the line's amount; and a quote is no plan de financement without
    # its besoins, ressources or delta: nothing to ask for when a column is unnamed.
    quote = """
Désignation | Quantité | Prix unitaire | Prix total
Chaises     | 10       | 25            | 250
Tables      | 2        | 100           | 200
Total       |          |               | 450
"""
    report = _check(tmp_path, {"Devis": quote})
    assert {c.role: c.header for c in report.tables[0].columns}["amount"] == "Prix total"
    assert _found(report) == []
    unnamed = """
Désignation | Quantité | Prix unitaire | Observations
Chaises     | 10       | 25            | livrées
Tables      | 2        | 100           | en commande
"""
    assert [f.code for f in _check(tmp_path, {"Devis": unnamed}).findings if f.code == "F004"] == []


def test_total_written_in_the_amount_column_is_its_label(tmp_path):
    sheet = """
STRUCTURE | OBJET     | MONTANT
Asso A    | Festival  | 1000
Asso B    | Concert   | 2000
          | TOTAL     | TOTAL
          |           | 3000
"""
    report = _check(tmp_path, {"A": sheet})
    assert [f.code for f in report.findings if f.code == "F002"] == []


def test_a_reference_to_a_sheet_whose_total_is_not_read_is_not_accused(tmp_path):
    # `Annexe 5` is there, but its table has no total Pointage reads: the reference
    # names something real; what fails is the reading, not the article.
    budget = """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02     | 6568/9358             | Jeunes            | 855000 | 420270
"""
    annex = """
Bénéficiaire | Objet   | Montant
Asso A       | Projet  | 420270
"""
    report = _check(tmp_path, {"Délibération": budget, "Annexe 5": annex, "Articles": ARTICLES})
    # Article 1 (`Annexe 5`) is not accused; article 2's code is nowhere (A001).
    assert [(f.code, f.cell) for f in report.findings if f.code == "A001"] == [("A001", "D3")]


def test_a_list_beside_a_single_budget_line_is_held_to_nothing(tmp_path):
    # One code opération, and a list of grants without a total: what the list allocates
    # is not known, no B004 (and no internal error).
    budget = """
Code Opération | Imputation Budgétaire | Libellé Opération | AE € | Dépense €
C02-582A02     | 6568/9358             | Jeunes            | 855000 | 420270
"""
    grants = """
STRUCTURE | Objet  | Montant
Asso A    | Projet | 420270
Asso B    | Projet | 100
"""
    report = _check(tmp_path, {"Délibération": budget, "Liste": grants})
    assert [t.kind for t in report.tables] == ["imputation", "liste"]
    assert _found(report) == []
