from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pointage.analysis.description import parse_description


def summary(text, units=("place", "portefeuille", "ETP")):
    return [
        (str(c.months) if c.months is not None else None, [(str(q.value), q.unit) for q in c.quantities])
        for c in parse_description(text, units).clauses
    ]


def test_seed_000_two_clauses_with_their_periods():
    assert summary(
        "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 130 places "
        "du 1er juillet au 31 décembre 2024"
    ) == [("6", [("1", "portefeuille")]), ("6", [("130", "place")])]


def test_one_month_period_of_boulogne():
    assert summary("un portefeuille du 1er au 30 juin 2024") == [("1", [("1", "portefeuille")])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prise en charge de deux portefeuilles", [(None, [("2", "portefeuille")])]),
        ("un portefeuille de 9 places", [(None, [("9", "place")])]),
        ("1 000 places sur 6 mois", [("6", [("1000", "place")])]),
        (
            "10 places, 0,5 ETP et trois portefeuilles",
            [(None, [("10", "place")]), (None, [("0.5", "ETP")]), (None, [("3", "portefeuille")])],
        ),
        ("Une place du 01/01/2024 au 31/03/2024", [("3", [("1", "place")])]),
        ("40 jeunes accompagnés, 12 BRSA", [(None, []), (None, [])]),
        ("PLACES : 25 Places pour l'année 2024", [("12", [("25", "place")])]),
    ],
)
def test_quantities_units_and_periods(text, expected):
    assert summary(text) == expected


def test_units_come_from_the_bareme():
    assert summary("40 jeunes", units=("jeune",)) == [(None, [("40", "jeune")])]


def test_period_that_is_not_whole_months_is_flagged():
    clause = parse_description("10 places du 15 janvier au 30 juin 2024").clauses[0]
    assert clause.months is None and clause.period_unreadable


def test_total_in_one_unit():
    description = parse_description("2 portefeuilles + 130 places + 20 places")
    assert description.total("places") == Decimal(150)
    assert description.total("ETP") is None


@given(st.text(max_size=200))
def test_never_raises(text):
    parse_description(text)
