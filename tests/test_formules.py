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


def test_a_prefixed_sheet_is_cut_between_its_rows():
    # `<x:row>…</x:row>`: a block cut elsewhere than after a row end splits a cell.
    from pointage.reading.xml_rows import last_row_end

    assert last_row_end(b'<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c') == 51
    assert last_row_end(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2">') == 39
    assert last_row_end(b'<x:c r="A1"><x:v>arrow></x:v>') == -1  # a text is not a tag
    extras = _SheetExtras()
    row = b'<x:row r="%d"><x:c r="C%d"><x:f>B%d*2</x:f><x:v>4</x:v></x:c></x:row>'
    from pointage.reading import xlsx

    block = b"".join(row % (r, r, r) for r in range(1, 40_000))
    # As the streamed pass sees it: blocks of 1 MiB cut at the last row end of each.
    carry = b""
    for start in range(0, len(block), 1 << 20):
        buffer = carry + block[start : start + (1 << 20)]
        cut = last_row_end(buffer)
        xlsx._scan_block(buffer, cut, extras, prefixed=True)
        carry = buffer[cut:]
    xlsx._scan_block(carry, len(carry), extras, prefixed=True)
    assert extras.formulas_without_value == set()
