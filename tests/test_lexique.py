"""The lexicon of headers (pointage.tables.lexicon): header text as budget staff write
it, read as its meaning; and the header rows it lets `is_header_row` recognise."""

from __future__ import annotations

import pytest

from pointage.tables.headers import is_header_row
from pointage.tables.lexicon import LEXICON, header_words, meaning_of, solde_side


@pytest.mark.parametrize(
    "header",
    [
        "Bénéficiaire",
        "Nom de l'organisme bénéficiaire",
        "Association (handicap)",
        "Raison sociale",
        "Porteur",
        "NOM STRUCTURE",
        "Structure porteuse",
        "nomBeneficiaire",  # SCDL, camelCase
    ],
)
def test_beneficiary(header):
    assert meaning_of(header) == "beneficiary"


@pytest.mark.parametrize("header", ["Tiers", "Libellé tiers", "Fournisseur payé (DP)", "Titulaire"])
def test_party(header):
    assert meaning_of(header) == "party"


@pytest.mark.parametrize(
    "header",
    ["Objet", "objet", "Projet", "Nom du projet", "Dossier", "Nature", "Intitulé", "Action", "Descriptif"],
)
def test_description(header):
    assert meaning_of(header) == "description"


@pytest.mark.parametrize(
    "header",
    [
        "Montant",
        "montant",
        "Montant accordé",
        "Montant de la subvention",
        "Montant attribué",
        "Montant proposé",
        "Subvention",
        "Aide",
        "Dotation 2024",
        "Participation",
        "Somme allouée",
        "MONTANT RETENU",
        "Montant  retenu (€)",
    ],
)
def test_amount(header):
    assert meaning_of(header) == "amount"


@pytest.mark.parametrize("header", ["Coût total", "Total général", "Coût total du projet", "Tarif"])
def test_cost_is_an_amount_second_to_a_grant(header):
    # A plan's amount; in a répartition, `Montant de la subvention` wins over it.
    assert meaning_of(header) == "cost"


@pytest.mark.parametrize("header", ["Rappel montant 2023", "Pour mémoire"])
def test_a_reminder_is_not_an_amount(header):
    assert meaning_of(header) == "reminder"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Coût horaire", "unit_cost"),
        ("Prix unitaire", "unit_cost"),
        ("Cout individuel", "unit_cost"),
        ("Quantité", "quantity"),
        ("Nombre d'heures travaillé", "quantity"),
        ("PLACES D'ACCOMPAGNEMENT", "description"),  # places of a kind: what is funded
        ("Nombre de places", "places"),
        ("Nb places", "places"),
        ("NB PORTEFEUILLES", "portfolios"),
        ("DURÉE (MOIS)", "months"),
    ],
)
def test_quantities(header, expected):
    assert meaning_of(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Budget\n", "budget"),
        ("Budget voté", "budget"),
        ("Engagé", "engaged"),
        ("Montant engagé", "engaged"),
        ("Réalisé comptable", "realised"),
        ("Mandaté", "realised"),
        ("En cours", "pending"),
        ("Disponible", "available"),
        ("Reste à réaliser", "remaining"),
        ("Écart", "gap"),
        ("+/- value", "gap"),
        ("Débit", "debit"),
        ("Somme de Montant débit antérieur", "debit"),  # pivot table data field
        ("Crédit", "credit"),
        ("Solde", "balance"),
    ],
)
def test_budget_execution(header, expected):
    assert meaning_of(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Code Opération", "code"),
        ("Imputation Budgétaire", "imputation"),
        ("Libellé Opération", "libelle"),
        ("AE €", "ae"),
        ("Proposition €", "proposal"),
        ("Dépense €", "expense"),
        ("Recette €", "revenue"),
        ("Solde €", "balance"),
    ],
)
def test_imputation_table(header, expected):
    assert meaning_of(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Nature de dépenses", "plan_label"),
        ("Objet de la dépense", "plan_label"),
        ("Ressources existantes (ETP et volumes financiers)", "existing"),
        ("Etat des lieux de l'existant", "existing"),
        ("Cible (besoins en ETP et volumes financiers) sur 6 mois", "target"),
        ("Delta entre la cible et l'existant", "delta"),
        ("Montant delta", "plan_amount"),
    ],
)
def test_plan(header, expected):
    assert meaning_of(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Identification du bénéficiaire", "identifier"),  # not the beneficiary
        ("N° EJ", "identifier"),
        ("Adresse de l'organisme", "address"),  # not the beneficiary
        ("Code postal", "address"),
        ("nomAttribuant", "grantor"),
        ("dateConvention", "date"),
        ("pourcentageSubvention", "rate"),  # not the amount
        ("Statut", "status"),
    ],
)
def test_ignored(header, expected):
    assert meaning_of(header) == expected


def test_head_noun_wins():
    assert header_words("Objet de la subvention") == ("OBJET", "SUBVENTION")
    assert meaning_of("Objet de la subvention") == "description"
    assert meaning_of("Montant de la subvention") == "amount"


def test_header_words():
    assert header_words("Nom de l'organisme bénéficiaire") == ("NOM", "ORGANISME", "BENEFICIAIRE")
    assert header_words("nomBeneficiaire") == ("NOM", "BENEFICIAIRE")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Field names of open-data exports, however they are cased or cut.
        ("nombeneficiaire", ("NOM", "BENEFICIAIRE")),
        ("NOMBENEFICIAIRE", ("NOM", "BENEFICIAIRE")),
        ("nom_beneficiaire", ("NOM", "BENEFICIAIRE")),
        ("idbeneficiaire", ("ID", "BENEFICIAIRE")),
        ("montantdelasubvention", ("MONTANT", "SUBVENTION")),
        ("montant_sub", ("MONTANT", "SUB")),  # `SUB` is too short to tell what was cut
        ("nom_terr", ("NOM", "TERRITOIRE")),
        ("nom_benef", ("NOM", "BENEFICIAIRE")),
        # A word is glued from the lexicon's words whole or not at all; a cut word is
        # read only in a field name: `Part` is a word of its own.
        ("Autofinancement", ("AUTOFINANCEMENT",)),
        ("datedeuxiemeVersement", ("DATEDEUXIEME", "VERSEMENT")),
        ("Part", ("PART",)),
        ("Terr", ("TERR",)),
    ],
)
def test_glued_and_cut_words_of_a_field_name(header, expected):
    assert header_words(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nombeneficiaire", "beneficiary"),
        ("idbeneficiaire", "identifier"),
        ("Nom attributaire", "beneficiary"),  # who the grant is awarded to
        ("Nom de l'attributaire", "beneficiary"),
        ("montant_sub", "amount"),
        ("nom_terr", "territory"),
    ],
)
def test_field_names_by_meaning(header, expected):
    assert meaning_of(header) == expected


def test_grants_typed_as_text_are_not_a_header():
    # Each cell starts with a header word (ASSOCIATION, SUBVENTION, AIDE); the amount
    # typed as text (`50 000 euros`) says it is a row of data.
    row = [
        "Association Centre Culturel",
        "Subvention pour la réalisation d'un festival",
        "50 000 euros",
        "Aide en numéraire",
    ]
    assert not is_header_row(row)


def test_scdl_header_row():
    assert is_header_row(["nomBeneficiaire", "objet", "montant"])


def test_digits_typed_as_text_are_not_a_header():
    assert not is_header_row(["2018", "Budget général", "348", "Action"])


# Phrases read as another meaning than their own (an earlier meaning has the same
# words): none today; a new one fails the test below.
SHADOWED: set[tuple[str, str, str | None]] = set()


def test_no_phrase_is_shadowed():
    shadowed = {
        (meaning, phrase, meaning_of(phrase))
        for meaning, phrases in LEXICON.items()
        for phrase in phrases
        if meaning_of(phrase) != meaning
    }
    assert shadowed == SHADOWED


@pytest.mark.parametrize(
    ("header", "side"),
    [
        ("Soldes Débit", "debit"),
        ("Solde débiteur", "debit"),
        ("Somme de Affichage Solde débit", "debit"),
        ("Soldes Crédit", "credit"),
        ("Solde créditeur", "credit"),
        ("SOLDE CREDITRICE", "credit"),
        ("Solde", None),
        ("Solde débit / crédit", None),  # both sides: not one of them
    ],
)
def test_the_side_of_a_solde(header, side):
    assert meaning_of(header) == "balance"
    assert solde_side(header) == side
