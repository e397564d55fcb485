"""Property-based tests of the table detector, on in-memory snapshots."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pointage.reading.snapshot import SheetSnapshot
from pointage.tables.detection import find_tables

HEADERS = ["STRUCTURE", "PLACES D'ACCOMPAGNEMENT", "MONTANT RETENU"]
TITLES = st.sampled_from(
    [
        "Annexe 1 : REPARTITION FINANCIERE",
        "Commission permanente du 16 septembre 2024",
        "Pôle Solidarités",
        "Accompagnement global",
        "(en euros)",
    ]
)
DETAIL = st.tuples(
    st.sampled_from(["CCAS de Lens", "AIFOR", "3ID", "PAGE", "CCAS d'Hénin Beaumont"]),
    st.integers(1, 400).map(lambda n: f"{n} places du 1er juillet au 31 décembre 2024"),
    st.integers(0, 10**6),
)


def snapshot(rows: list[list[object]], name: str = "Annexe") -> SheetSnapshot:
    width = max((len(r) for r in rows), default=0)
    return SheetSnapshot(name, [r + [""] * (width - len(r)) for r in rows])


@st.composite
def placed_table(draw):
    details = draw(st.lists(DETAIL, min_size=1, max_size=12))
    body = [list(d) for d in details]
    body.append(["TOTAL", "", sum(d[2] for d in details)])
    offset = draw(st.integers(0, 6))
    above = []
    for title in draw(st.lists(TITLES, max_size=4)):
        above.append([title])
        above.extend([[]] * draw(st.integers(0, 2)))  # never 3 blank rows in a row
    rows = [[""] * offset + r if r else [] for r in [*above, HEADERS, *body]]
    rows.extend([[]] * draw(st.integers(0, 5)))
    return rows, body, offset, len(above)


@given(placed_table())
@settings(max_examples=150, deadline=None)
def test_titles_blank_rows_and_offset_do_not_change_the_table(case):
    rows, body, offset, header_row = case
    [table] = find_tables(snapshot(rows))
    assert (table.header_row, table.first_col, table.kind.name) == (header_row, offset, "repartition")
    read = [
        [table.text(r, "label"), table.text(r, "description"), table.value(r, "amount")] for r in table.rows
    ]
    assert [[str(c) for c in r] for r in read] == [[str(c) for c in r] for r in body]
    assert [r.kind for r in table.rows] == ["detail"] * (len(body) - 1) + ["total"]


@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=True)), max_size=8
        ),
        max_size=40,
    )
)
@settings(max_examples=200, deadline=None)
def test_detector_never_raises(rows):
    for table in find_tables(snapshot([list(r) for r in rows])):
        assert table.header_row <= table.last_row
