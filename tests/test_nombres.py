from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pointage.base.formatting import format_money, format_quantity, money_json
from pointage.base.numbers import NotANumber, Number, parse_number, to_cents


@pytest.mark.parametrize(
    ("text", "value", "abnormal"),
    [
        ("29 275,00 €", "29275.00", False),
        ("29\u202f275,00\u00a0€", "29275.00", False),
        ("29\u00a0275,00 €", "29275.00", False),
        ("500 000 €", "500000", False),
        ("20 000€", "20000", False),
        ("267 566.08", "267566.08", False),
        ("1 641 097,73", "1641097.73", False),
        ("0 €", "0", False),
        ("-1 200,00", "-1200.00", False),
        ("(1 200,00)", "-1200.00", False),
        ("11 9885,36 €", "119885.36", True),
        ("1.234.567,50", "1234567.50", False),
        ("29  275,00 €", "29275.00", False),  # two spaces: still one number
        ("1 000     000", "1000000", False),  # a wide gap before 000: one number
    ],
)
def test_french_text_numbers(text, value, abnormal):
    parsed = parse_number(text)
    assert parsed == Number(Decimal(value), from_text=True, abnormal_grouping=abnormal)


@pytest.mark.parametrize(
    "text",
    [
        "O,5",
        "12,5,3",
        "n.c.",
        "€",
        "1 200,00 € HT",
        "--3",
        "8 000" + " " * 47 + "6 000",
        "8 000     6 000,50",
    ],
)
def test_not_numbers(text):
    assert parse_number(text) == NotANumber(text)


def test_cells_that_are_already_numbers():
    assert parse_number(2105667.73).value == Decimal("2105667.73")
    assert parse_number(12) == Number(Decimal(12))
    assert parse_number(Decimal("1.5")) == Number(Decimal("1.5"))
    assert parse_number(None) is None and parse_number("  ") is None
    assert isinstance(parse_number(True), NotANumber)
    assert isinstance(parse_number(float("nan")), NotANumber)


def test_cents_round_half_up():
    assert to_cents(Decimal("0.005")) == 1
    assert to_cents(Decimal("0.0049")) == 0
    assert to_cents(Decimal("-0.005")) == -1
    assert to_cents(Decimal("13945.833333")) == 1394583


def test_french_formatting():
    assert format_money(2415000) == "24 150,00 €"
    assert format_money(-120000) == "-1 200,00 €"
    assert format_money(5) == "0,05 €"
    assert format_quantity(Decimal("3354")) == "3 354"
    assert format_quantity(Decimal("0.50")) == "0,5"
    assert money_json(1394583) == "13945.83"


SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


@given(cents=st.integers(min_value=-(10**13), max_value=10**13), space=SPACES)
def test_format_then_parse_is_identity_for_money(cents, space):
    text = format_money(cents, sep=space)
    parsed = parse_number(text)
    assert isinstance(parsed, Number) and parsed.cents == cents
    assert not parsed.abnormal_grouping


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
    space=SPACES,
)
def test_format_then_parse_is_identity_for_quantities(value, space):
    parsed = parse_number(format_quantity(value, sep=space))
    assert isinstance(parsed, Number) and parsed.value == value


@given(st.text(max_size=40))
def test_parser_never_raises(text):
    assert parse_number(text) is None or isinstance(parse_number(text), (Number, NotANumber))
