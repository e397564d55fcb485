"""Every phrase of the lexicon, family by family, is needed: dropping one changes how a
header reads. A header spelled as each phrase reads as the phrase's meaning; the few
phrases another phrase of the same meaning already reads (`Nom structure`: `Structure`
reads it too) are listed, so that dropping one of them is seen as well."""

from __future__ import annotations

import pytest

import pointage.tables.lexicon as lexicon
from pointage.tables.lexicon import LEXICON, header_words, meaning_of

HEADERS = {
    "beneficiary": (
        "Structure",
        "Beneficiaire",
        "Organisme",
        "Association",
        "Raison sociale",
        "Porteur",
        "Attributaire",
    ),
    "party": ("Tiers", "Libelle tiers", "Fournisseur", "Titulaire", "Site"),
    "description": (
        "Description",
        "Descriptif",
        "Place accompagnement",
        "Objet",
        "Projet",
        "Dossier",
        "Nature",
        "Intitule",
        "Action",
        "Titre",
    ),
    "amount": ("Montant", "Subvention", "Aide", "Dotation", "Participation", "Contribution", "Somme"),
    "cost": ("Cout", "Total", "Tarif", "Budget projet", "Prix total"),
    "places": ("Place", "Nombre place", "Nb place"),
    "portfolios": ("Portefeuille", "Nb portefeuille", "Nombre portefeuille"),
    "months": ("Duree", "Nb mois"),
    "quantity": ("Nombre", "Quantite", "Nb"),
    "unit_cost": ("Prix", "Cout horaire", "Cout unitaire", "Cout individuel", "Taux horaire"),
    "operation": ("Operation", "Dispositif", "Thematique"),
    "territory": ("Territoire",),
    "code": ("Code operation",),
    "retained": ("Dossier retenu",),
    "comment": ("Commentaire", "Avenant convention", "Observation", "Remarque"),
    "imputation": ("Imputation",),
    "libelle": ("Libelle", "Cgr", "Compte", "Poste", "Etiquette ligne", "Ligne budgetaire"),
    "section": ("Section",),
    "ae": ("Ae", "Autorisation engagement"),
    "available": ("Disponible",),
    "proposal": ("Proposition",),
    "expense": ("Depense",),
    "revenue": ("Recette",),
    "balance": ("Solde",),
    "budget": ("Budget", "Vote", "Credit ouvert", "Credit vote", "Bp", "Prevu"),
    "engaged": ("Engage", "Montant engage"),
    "realised": ("Realise", "Mandate", "Execute", "Realisation"),
    "pending": ("En cours",),
    "reserved": ("Reserve", "Montant reserve"),
    "remaining": ("Reste",),
    "gap": ("Ecart", "Value"),
    "debit": ("Debit", "Montant debit"),
    "credit": ("Credit", "Montant credit"),
    "plan_label": (
        "Nature depense",
        "Objet depense",
        "Precision action",
        "Designation",
        "Materiel",
        "Metier",
    ),
    "existing": ("Ressource existante", "Existant", "Etat lieux existant"),
    "target": ("Cible",),
    "delta": ("Delta",),
    "plan_amount": ("Montant delta",),
    "article": ("Article",),
    "reference": ("Reference",),
    "value": ("Valeur",),
    "components": ("Composante",),
    "date": ("Date", "Annee", "Exercice", "Periode"),
    "identifier": ("Id", "Identification", "Identifiant", "Siret", "Numero", "N", "Code", "Ref", "Ej", "Dp"),
    "address": ("Adresse", "Code postal", "Commune", "Ville"),
    "grantor": ("Attribuant", "Financeur", "Collectivite"),
    "rate": ("Pourcentage", "Taux", "Tva"),
    "status": ("Statut", "Etat", "Condition"),
    "reminder": ("Rappel", "Pour memoire", "Pour info", "Pour information"),
}
REDUNDANT = {
    ("beneficiary", "NOM STRUCTURE"),
    ("beneficiary", "NOM BENEFICIAIRE"),
    ("beneficiary", "ORGANISME BENEFICIAIRE"),
    ("beneficiary", "PORTEUR PROJET"),
    ("beneficiary", "NOM ATTRIBUTAIRE"),
    ("party", "NOM SITE"),
    ("description", "DESCRIPTION ACTION"),
    ("description", "OBJET SUBVENTION"),
    ("description", "NOM PROJET"),
    ("amount", "MONTANT RETENU"),
    ("amount", "MONTANT PROPOSE"),
    ("amount", "MONTANT ACCORDE"),
    ("amount", "MONTANT ATTRIBUE"),
    ("amount", "MONTANT SUBVENTION"),
    ("amount", "MONTANT TOTAL"),
    ("amount", "MONTANT PAYE"),
    ("amount", "SOMME ALLOUEE"),
    ("cost", "COUT TOTAL"),
    ("cost", "COUT PROJET"),
    ("months", "DUREE MOIS"),
    ("quantity", "NOMBRE HEURE"),
    ("quantity", "NB HEURE"),
    ("unit_cost", "PRIX UNITAIRE"),
    ("imputation", "IMPUTATION BUDGETAIRE"),
    ("libelle", "LIBELLE OPERATION"),
    ("budget", "BUDGET VOTE"),
    ("budget", "BUDGET PRIMITIF"),
    ("realised", "REALISE COMPTABLE"),
    ("remaining", "RESTE A REALISER"),
    ("grantor", "NOM ATTRIBUANT"),
    ("status", "CONDITION VERSEMENT"),
}


@pytest.mark.parametrize("meaning", list(HEADERS))
def test_each_phrase_of_a_family_reads_its_header(meaning):
    assert {header: meaning_of(header) for header in HEADERS[meaning]} == dict.fromkeys(
        HEADERS[meaning], meaning
    )


def test_every_family_is_tested():
    assert set(HEADERS) == set(LEXICON)


def _read_without(phrase: str) -> str | None:
    """How the header `phrase` reads with that phrase left out of the lexicon."""
    words = header_words(phrase)
    kept = {w: m for w, m in lexicon._PHRASES.items() if w != words}
    saved = lexicon._PHRASES
    try:
        lexicon._PHRASES = kept
        lexicon.meaning_of.cache_clear()
        return meaning_of(phrase)
    finally:
        lexicon._PHRASES = saved
        lexicon.meaning_of.cache_clear()


def test_the_phrases_another_of_their_meaning_reads_are_these():
    redundant = {
        (meaning, phrase)
        for meaning, phrases in LEXICON.items()
        for phrase in phrases
        if _read_without(phrase) == meaning
    }
    assert redundant == REDUNDANT


def test_a_phrase_left_out_is_seen():
    # The header `Disponible` reads as nothing without its phrase.
    assert meaning_of("Disponible") == "available"
    assert _read_without("DISPONIBLE") is None
