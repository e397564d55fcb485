"""Text normalisation: the column-at-once path gives what the text-by-text one gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pointage.base.text import is_blank, is_blank_row, words, words_of_all, words_uncached

LATIN_AND_MORE = st.text(
    alphabet=st.sampled_from(list(" \t-_'’.,;:/()0123456789aZéÈàçœŒæßÀ\u0301ǅﬁ²ΩЖ日\x00")), max_size=12
)


@given(st.lists(LATIN_AND_MORE, max_size=20))
@settings(max_examples=400, deadline=None)
def test_a_column_normalised_at_once_equals_each_text_normalised(texts):
    assert words_of_all(texts) == [words_uncached(t) for t in texts]


@given(LATIN_AND_MORE)
@settings(max_examples=200, deadline=None)
def test_cached_and_uncached_words_agree(text):
    assert words(text) == words_uncached(text)


def test_examples():
    assert words_of_all(["Sous-total  général :", "CCAS d'Hénin-Beaumont", "  ", "3ID"]) == [
        "SOUS TOTAL GENERAL",
        "CCAS D HENIN BEAUMONT",
        "",
        "3ID",
    ]


CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "\u00a0", "\n ", "x", " TOTAL "]),
    st.text(max_size=4),
    st.integers(-2, 2),
    st.floats(allow_nan=True),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=6))
def test_is_blank_row_agrees_with_its_reference(cells):
    assert is_blank_row(cells) == all(is_blank(v) for v in cells)
