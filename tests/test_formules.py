"""Total rows known by their formula: the XML pass reads `SUM`/`SUBTOTAL(9|109, …)` of
one column's rows above, and the row holding one is a total whatever its label."""

from __future__ import annotations

import pytest

from pointage.reading.xlsx import _scan_block, _SheetExtras


def _sums(cell_xml: bytes) -> dict:
    extras = _SheetExtras()
    block = b'<row r="10">' + cell_xml + b"</row>"
    _scan_block(block, len(block), extras, prefixed=False)
    return extras.sums


@pytest.mark.parametrize(
    "formula",
    [b"SUM(E6:E9)", b"sum(E6:E9)", b"SUM($E$6:$E$9)", b"SUBTOTAL(9,E6:E9)", b"SUBTOTAL(109, E6:E9)"],
)
def test_a_sum_of_the_rows_above_in_the_same_column(formula):
    assert _sums(b'<c r="E10"><f>' + formula + b"</f><v>240800</v></c>") == {(9, 4): (5, 8)}


@pytest.mark.parametrize(
    "formula",
    [
        b"SUM(B2:B5)",  # another column: a total beside the lines, not of them
        b"SUM(E6:F9)",  # two columns
        b"SUM(E6:E9)+1",
        b"SUBTOTAL(1,E6:E9)",  # an average
        b"SUM(E11:E20)",  # rows below
        b"AVERAGE(E6:E9)",
    ],
)
def test_other_formulas_say_nothing(formula):
    assert _sums(b'<c r="E10"><f>' + formula + b"</f><v>1</v></c>") == {}


def test_a_shared_formula_with_its_text():
    cell = b'<c r="E10"><f t="shared" ref="E10:F10" si="0">SUM(E6:E9)</f><v>3</v></c>'
    assert _sums(cell) == {(9, 4): (5, 8)}
