"""What a header cell means: one table of meanings and the phrases that name them.

A header is read as words (case, accents, punctuation, `camelCase` and the small words
`de`, `la`, `du`… ignored; plurals read as singulars; a word the lexicon's words glue
together read as them, `nombeneficiaire`; in a program's field name, a word cut short
read as the one lexicon word it starts, `nom_terr`), and a phrase matches when its
words appear in a row in the header. The meaning whose phrase starts first wins, the
longest on a tie: French puts the head noun first, so `Montant de la subvention` is an
amount, `Objet de la subvention` a description, `Adresse de l'organisme` an address
(not a beneficiary). Adding a spelling is one line here.

Meanings that no table kind uses (dates, identifiers, addresses, the grantor) are
here so that they win over the words that follow them (`Identification du
bénéficiaire` is an identifier, not the beneficiary).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pointage.base.text import words

LEXICON: dict[str, tuple[str, ...]] = {
    # Who receives: the label of a répartition or a list.
    "beneficiary": (
        "STRUCTURE",
        "NOM STRUCTURE",
        "BENEFICIAIRE",
        "NOM BENEFICIAIRE",
        "ORGANISME",
        "ORGANISME BENEFICIAIRE",
        "ASSOCIATION",
        "RAISON SOCIALE",
        "PORTEUR",
        "PORTEUR PROJET",
        # Who a grant or a contract is awarded to (`Nom attributaire`); the one who
        # awards it is the `attribuant`.
        "ATTRIBUTAIRE",
        "NOM ATTRIBUTAIRE",
    ),
    # Who is paid in an accounting list (a supplier, a site): a label, not a grantee.
    "party": ("TIERS", "LIBELLE TIERS", "FOURNISSEUR", "TITULAIRE", "NOM SITE", "SITE"),
    "description": (
        "DESCRIPTION",
        "DESCRIPTIF",
        "DESCRIPTION ACTION",
        "PLACE ACCOMPAGNEMENT",
        "OBJET",
        "OBJET SUBVENTION",
        "PROJET",
        "NOM PROJET",
        "DOSSIER",
        "NATURE",
        "INTITULE",
        "ACTION",
        "TITRE",
    ),
    "amount": (
        "MONTANT",
        "MONTANT RETENU",
        "MONTANT PROPOSE",
        "MONTANT ACCORDE",
        "MONTANT ATTRIBUE",
        "MONTANT SUBVENTION",
        "MONTANT TOTAL",
        "MONTANT PAYE",
        "SUBVENTION",
        "AIDE",
        "DOTATION",
        "PARTICIPATION",
        "CONTRIBUTION",
        "SOMME",
        "SOMME ALLOUEE",
    ),
    # What something costs: the amount of a cost plan, second to a grant's amount.
    # `Prix total` is what a line costs (quantity × unit price), not a unit price.
    "cost": ("COUT", "COUT TOTAL", "TOTAL", "TARIF", "BUDGET PROJET", "COUT PROJET", "PRIX TOTAL"),
    "places": ("PLACE", "NOMBRE PLACE", "NB PLACE"),
    "portfolios": ("PORTEFEUILLE", "NB PORTEFEUILLE", "NOMBRE PORTEFEUILLE"),
    "months": ("DUREE", "DUREE MOIS", "NB MOIS"),
    "quantity": ("NOMBRE", "QUANTITE", "NOMBRE HEURE", "NB HEURE", "NB"),
    "unit_cost": (
        "PRIX UNITAIRE",
        "PRIX",
        "COUT HORAIRE",
        "COUT UNITAIRE",
        "COUT INDIVIDUEL",
        "TAUX HORAIRE",
    ),
    "operation": ("OPERATION", "DISPOSITIF", "THEMATIQUE"),
    "territory": ("TERRITOIRE",),
    "code": ("CODE OPERATION",),
    "retained": ("DOSSIER RETENU",),
    "comment": ("COMMENTAIRE", "AVENANT CONVENTION", "OBSERVATION", "REMARQUE"),
    "imputation": ("IMPUTATION", "IMPUTATION BUDGETAIRE"),
    "libelle": (
        "LIBELLE",
        "LIBELLE OPERATION",
        "CGR",
        "COMPTE",
        "POSTE",
        "ETIQUETTE LIGNE",
        "LIGNE BUDGETAIRE",
    ),
    "section": ("SECTION",),
    "ae": ("AE", "AUTORISATION ENGAGEMENT"),
    "available": ("DISPONIBLE",),
    "proposal": ("PROPOSITION",),
    "expense": ("DEPENSE",),
    "revenue": ("RECETTE",),
    "balance": ("SOLDE",),
    # Budget execution (comptes, situations des dépenses engagées).
    "budget": (
        "BUDGET",
        "BUDGET VOTE",
        "VOTE",
        "CREDIT OUVERT",
        "CREDIT VOTE",
        "BUDGET PRIMITIF",
        "BP",
        "PREVU",
    ),
    "engaged": ("ENGAGE", "MONTANT ENGAGE"),
    "realised": ("REALISE", "REALISE COMPTABLE", "MANDATE", "EXECUTE", "REALISATION"),
    "pending": ("EN COURS",),
    "reserved": ("RESERVE", "MONTANT RESERVE"),
    "remaining": ("RESTE", "RESTE A REALISER"),
    "gap": ("ECART", "VALUE"),
    "debit": ("DEBIT", "MONTANT DEBIT"),
    "credit": ("CREDIT", "MONTANT CREDIT"),
    # Plan de financement (classeur.md, section 3).
    "plan_label": (
        "NATURE DEPENSE",
        "OBJET DEPENSE",
        "PRECISION ACTION",
        "DESIGNATION",
        "MATERIEL",
        "METIER",
    ),
    "existing": ("RESSOURCE EXISTANTE", "EXISTANT", "ETAT LIEUX EXISTANT"),
    "target": ("CIBLE",),
    "delta": ("DELTA",),
    "plan_amount": ("MONTANT DELTA",),
    # Articles and key figures (classeur.md, section 5).
    "article": ("ARTICLE",),
    "reference": ("REFERENCE",),
    "value": ("VALEUR",),
    "components": ("COMPOSANTE",),
    # Read so that they win over the words after them; no table kind uses them.
    "date": ("DATE", "ANNEE", "EXERCICE", "PERIODE"),
    "identifier": ("ID", "IDENTIFICATION", "IDENTIFIANT", "SIRET", "NUMERO", "N", "CODE", "REF", "EJ", "DP"),
    "address": ("ADRESSE", "CODE POSTAL", "COMMUNE", "VILLE"),
    "grantor": (
        "ATTRIBUANT",
        "NOM ATTRIBUANT",
        "FINANCEUR",
        "COLLECTIVITE",
    ),
    "rate": ("POURCENTAGE", "TAUX", "TVA"),
    "status": ("STATUT", "ETAT", "CONDITION", "CONDITION VERSEMENT"),
    # A reminder of another year (`Rappel montant 2023`, `Pour mémoire`): not summed.
    "reminder": ("RAPPEL", "POUR MEMOIRE", "POUR INFO", "POUR INFORMATION"),
}

# Meanings whose columns hold sums of money: every one of them is totalled.
MONEY_MEANINGS = frozenset(
    {
        "amount",
        "plan_amount",
        "cost",
        "budget",
        "engaged",
        "available",
        "realised",
        "pending",
        "reserved",
        "remaining",
        "gap",
        "debit",
        "credit",
        "balance",
        "ae",
        "proposal",
        "expense",
        "revenue",
    }
)

_SMALL_WORDS = frozenset(
    {"DE", "DU", "DES", "LA", "LE", "LES", "L", "D", "ET", "AU", "AUX", "POUR", "PAR", "SUR"}
)
# A pivot table's data fields: `Somme de Montant débit` names `Montant débit`.
_PIVOT_PREFIX = ("SOMME", "SUM", "TOTAL")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])")
MAX_HEADER_WORDS = 12


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith(("S", "X")) and not word.endswith("SS") else word


@lru_cache(maxsize=16384)
def header_words(text: str) -> tuple[str, ...]:
    """`Nom de l'organisme bénéficiaire` -> (NOM, ORGANISME, BENEFICIAIRE); the words
    of an export's field name too, however it is cased (`nomBeneficiaire`,
    `nombeneficiaire`, `NOM_BENEFICIAIRE`, `nom_benef`)."""
    field_name = _is_field_name(text)
    split = words(_CAMEL.sub(" ", text)).split()
    found: list[str] = []
    for word in split:
        found.extend(_known_words(word, field_name))
    return tuple(_singular(w) for w in found if w not in _SMALL_WORDS)


# The words of the lexicon's phrases: what a glued or cut field name is read with.
_VOCABULARY = frozenset(w for phrases in LEXICON.values() for p in phrases for w in words(p).split())
# Shorter pieces are too easily found inside unrelated words (`N`, `AE`, `BP`), but
# at the start of a field name (`idbeneficiaire`, `nbplaces`).
_MIN_PIECE = 3
# A field name cuts its words (`nom_terr`, `montant_sub`); four letters at least are
# needed to tell which word was cut.
_MIN_CUT = 4
_FIELD_SEPARATOR = re.compile(r"[_.]|(?<=[a-z])(?=[A-Z])")


def _is_field_name(text: str) -> bool:
    """A column name written for a program (`nom_terr`, `montantSub`): one run of
    letters without a space, parts joined by `_` or by a capital."""
    stripped = text.strip()
    return (
        bool(stripped)
        and not any(ch.isspace() for ch in stripped)
        and bool(_FIELD_SEPARATOR.search(stripped))
    )


def _in_vocabulary(word: str) -> bool:
    return word in _VOCABULARY or _singular(word) in _VOCABULARY


@lru_cache(maxsize=16384)
def _known_words(word: str, field_name: bool) -> tuple[str, ...]:
    """A word as the lexicon knows it: itself, the lexicon's words it glues together
    (`NOMBENEFICIAIRE` -> NOM BENEFICIAIRE, all of it or nothing), or, in a field
    name, the one lexicon word it is the start of (`TERR` -> TERRITOIRE)."""
    if _in_vocabulary(word) or not word.isalpha():
        return (word,)
    pieces = _glued(word)
    if pieces is not None:
        return pieces
    if field_name and len(word) >= _MIN_CUT:
        cut = [v for v in _VOCABULARY if v.startswith(word)]
        if len(cut) == 1:
            return (cut[0],)
    return (word,)


def _piece(piece: str, first: bool) -> bool:
    """A word of the lexicon (a short one, `ID`, `NB`, only first: `idbeneficiaire`),
    or a small word (`montantdelasubvention`)."""
    if len(piece) >= _MIN_PIECE or (first and len(piece) == 2):
        return _in_vocabulary(piece)
    return len(piece) >= 2 and piece in _SMALL_WORDS


def _glued(word: str) -> tuple[str, ...] | None:
    """The fewest words of the lexicon (or small words) that spell `word` exactly."""
    if len(word) < 2 * _MIN_PIECE:
        return None
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(end):
            before = best[start]
            piece = word[start:end]
            if before is None or not _piece(piece, first=start == 0):
                continue
            shortest = best[end]
            if shortest is None or len(before) + 1 < len(shortest):
                best[end] = (*before, piece)
    found = best[len(word)]
    return found if found is not None and len(found) > 1 else None


def _phrases() -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for meaning, phrases in LEXICON.items():
        for phrase in phrases:
            found.setdefault(header_words(phrase), meaning)
    return found


_PHRASES = _phrases()
_LONGEST = max(map(len, _PHRASES))


@lru_cache(maxsize=16384)
def meaning_of(text: str) -> str | None:
    """The meaning of a header cell, or None when no phrase matches."""
    tokens = header_words(text)
    if not tokens or len(tokens) > MAX_HEADER_WORDS * 3:
        return None
    if len(tokens) > 1 and tokens[0] in _PIVOT_PREFIX and tokens[1:2] != ("GENERAL",):
        found = _first_phrase(tokens[1:])
        if found is not None:
            return found
    return _first_phrase(tokens)


def _first_phrase(tokens: tuple[str, ...]) -> str | None:
    for start in range(len(tokens)):
        for length in range(min(_LONGEST, len(tokens) - start), 0, -1):
            meaning = _PHRASES.get(tokens[start : start + length])
            if meaning is not None:
                return meaning
    return None


# Which side a solde column is (`Solde débiteur`, `Soldes Crédit`): a balance has both.
_SOLDE_SIDES = {
    "debit": frozenset({"DEBIT", "DEBITEUR", "DEBITRICE"}),
    "credit": frozenset({"CREDIT", "CREDITEUR", "CREDITRICE"}),
}


def solde_side(text: str) -> str | None:
    """`debit` or `credit` for a solde header that says its side, else None."""
    tokens = set(header_words(text))
    sides = [side for side, names in _SOLDE_SIDES.items() if tokens & names]
    return sides[0] if len(sides) == 1 else None
