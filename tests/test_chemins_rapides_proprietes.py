"""Each fast path gives what its plain reference gives, on drawn inputs: numbers of a
column at once, typed-number test at once, the TOTAL shortcut, the shared M001
recomputations. (`words_of_all` against `words_uncached`: tests/test_texte.py.)"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from classeurs import BAREME_SEED, lignes
from pointage.analysis.context import CheckContext
from pointage.base.numbers import (
    NotANumber,
    all_typed_numbers,
    exact_value,
    exact_values,
    is_typed_number,
    none_negative,
)
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.rules.amounts import _recomputed_mismatches, _recomputed_mismatches_plain
from pointage.tables.table import is_total_label, is_total_label_plain

FAST = settings(max_examples=200, deadline=None)

# --- numbers ------------------------------------------------------------------------

TYPED_TEXTS = ["1 200,50 €", "(3,5)", "n.c.", "20 000€", "267 566.08", "-12", "O,5", " 3354 ", "1.234.567"]

CELLS = st.one_of(
    st.none(),
    st.just(""),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**12), 10**12).map(float),
    st.integers(-(10**6), 10**6).map(lambda i: i / 100),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(TYPED_TEXTS),
    st.text(max_size=8),
    st.datetimes(),
    st.dates(),
)
TYPED_CELLS = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**12), 10**12).map(float),
)


def exactly(values: list[object]) -> list[tuple[type, str]]:
    """Type and repr: `1` is not `Decimal('1')`, `Decimal('1.50')` not `Decimal('1.5')`."""
    return [(type(v), repr(v)) for v in values]


@given(st.lists(CELLS, max_size=30))
@example([1.0, 1.5, float("nan"), float("inf"), True, 3, Decimal("2.50"), "1 200,50 €", "n.c.", None, ""])
@FAST
def test_exact_values_equals_exact_value_of_each_cell(values):
    fast = exact_values(values)
    plain = [exact_value(v) for v in values]
    assert exactly(fast) == exactly(plain)
    assert all(a == b or (a != a and b != b) for a, b in zip(fast, plain, strict=True))
    assert {type(v) for v in fast} <= {int, Decimal, NotANumber, type(None)}


def test_exact_value_examples():
    assert exactly(
        exact_values([12.0, 12.5, True, None, "(3,5)", "n.c.", datetime(2024, 1, 1), date(2024, 1, 1)])
    ) == [
        (int, "12"),
        (Decimal, "Decimal('12.5')"),
        (NotANumber, "NotANumber(text='True')"),
        (type(None), "None"),
        (Decimal, "Decimal('-3.5')"),
        (NotANumber, "NotANumber(text='n.c.')"),
        (NotANumber, "NotANumber(text='2024-01-01 00:00:00')"),
        (NotANumber, "NotANumber(text='2024-01-01')"),
    ]


@given(st.one_of(st.lists(CELLS, max_size=30), st.lists(TYPED_CELLS, max_size=30)))
@example([])
@example([None, 1, 2.5])
@example([None, 1, True])
@FAST
def test_all_typed_numbers_equals_each_cell_typed(values):
    assert all_typed_numbers(values) is all(is_typed_number(v) for v in values)


EXACT_CELLS = st.one_of(
    st.none(),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.just(NotANumber("n.c.")),
    st.booleans(),
)


@given(st.lists(EXACT_CELLS, max_size=30))
@example([])
@example([None, 0, 3])
@example([None, -1, 3])
@example([Decimal("2.5"), 1])
@example([True, 1])
@FAST
def test_none_negative_equals_each_cell_looked_at(values):
    assert none_negative(values) is all(v is None or (v.__class__ is int and v >= 0) for v in values)


# --- TOTAL labels -------------------------------------------------------------------

# (label, is it a TOTAL row's label?)
LABEL_CASES = [
    ("TOTAL", True),
    ("Sous-total", True),
    ("sous total général :", True),
    ("Totalement", False),
    (" TOTAL", True),
    ("Total:", True),
    ("ÉTOTAL", False),
    ("1 TOTAL", False),
    ("stotal", False),
    ("total", True),
    ("Sous total", True),
    ("SOUS-TOTAL", True),
    ("Total général", True),
    ("tOTAL", True),
    ("Soustotal", True),
    ("TOTALE", False),
    ("Étude", False),
    ("\tTOTAL", True),
    ("ｔｏｔａｌ", True),
    ("CCAS de Lens", False),
    ("Structure 42", False),
    ("Tótal", True),
    ("Sou", False),
    ("S-total", False),
    ("Total", True),
]
LABELS = [label for label, _ in LABEL_CASES]


LABEL_TEXTS = st.one_of(
    st.text(), st.sampled_from(LABELS), st.tuples(st.sampled_from(LABELS), st.text(max_size=6)).map("".join)
)


@given(LABEL_TEXTS)
@FAST
def test_is_total_label_equals_its_plain_reference(text):
    assert is_total_label(text) is is_total_label_plain(text)


def test_is_total_label_examples():
    assert [(label, is_total_label(label)) for label in LABELS] == LABEL_CASES


# --- M001: shared recomputations ----------------------------------------------------

STRUCTURES = ["CCAS d'Hénin Beaumont", "CCAS de Lens", "AIFOR", "3ID"]
PORTFOLIO_AND_PLACES = (
    "Prise en charge d'un portefeuille du 1er janvier au 30 juin 2024 + 130 places du 1er juillet au "
    "31 décembre 2024"
)
DESCRIPTIONS = [
    "10 places",
    "un portefeuille du 1er janvier au 30 juin 2024",
    PORTFOLIO_AND_PLACES,
    "rien",
    None,
]
DURATIONS = [None, 1, 1.0, 6, True, "6", 0, -1]
RETAINED = [None, "Oui", "Non"]


def alike(months: object) -> list[object]:
    """A twin's DURÉE: equal as a Python value (a key of the shared recomputations) but
    not as read (TRUE is not 1), or equal as read but not as a value ("6" and 6). Not a
    dict: True and 1 would be one key."""
    if months is True:
        return [1, 1.0]
    if months is None:
        return [None, True]
    if months == 1:
        return [True]
    if months == 6:
        return ["6", 6.0]
    if months == "6":
        return [6, 6.0]
    return DURATIONS


def bareme_amount(structure: str, description: str | None, months: object) -> Decimal | None:
    """What the seeds' Barème gives the row (portefeuille 13 750 €, 22 500 € for Hénin
    Beaumont; place 160 €): only to draw amounts that often hit it, or miss it by a cent
    or a euro. The text's period is 6 months; DURÉE wins; TRUE is not a duration."""
    if isinstance(months, bool) or months is None:
        column = None
    else:
        column = Decimal(str(months))
        if column <= 0:
            return None
    portfolio = Decimal(22500 if structure == "CCAS d'Hénin Beaumont" else 13750)
    if description == "10 places":
        twelfths = 10 * 160 * (column or 12)
    elif description == DESCRIPTIONS[1]:
        twelfths = portfolio * (column or 6)
    elif description == PORTFOLIO_AND_PLACES:
        twelfths = (portfolio + 130 * 160) * (column or 6)
    else:
        return None
    return (Decimal(twelfths) / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


OFFSETS = st.sampled_from(["0", "0", "0", "0", "0", "0.01", "-0.01", "1", "-1", "1.01"])
OTHER_AMOUNTS = st.one_of(
    st.integers(0, 40000),
    st.integers(0, 40000).map(lambda i: i * 0.01),
    st.sampled_from([None, "n.c.", "1 600,00 €", True]),
)


@st.composite
def amounts(draw, structure: str, description: str | None, months: object):
    """Mostly the Barème's amount for these inputs, exact or nearly (as Excel holds it:
    an int when whole, else a float); else any amount."""
    exact = bareme_amount(structure, description, months)
    if exact is None or draw(st.integers(0, 3)) == 0:
        return draw(OTHER_AMOUNTS)
    near = exact + Decimal(draw(OFFSETS))
    return int(near) if near == near.to_integral_value() else float(near)


@st.composite
def row(draw, twin_of=None):
    if twin_of is None:
        structure, description = draw(st.sampled_from(STRUCTURES)), draw(st.sampled_from(DESCRIPTIONS))
        months = draw(st.sampled_from(DURATIONS))
    else:
        structure, description, months, *_ = twin_of
        months = draw(st.sampled_from(alike(months)))
    retained = draw(st.sampled_from(RETAINED))
    return structure, description, months, retained, draw(amounts(structure, description, months))


@st.composite
def row_lists(draw):
    """Rows, and twins of some (same structure and description, a DURÉE equal as a
    Python value or as read: 6, 6.0 and "6"; 1, 1.0 and TRUE): the inputs the fast
    path shares, or must not share."""
    rows = [draw(row())]
    for _ in range(draw(st.integers(0, 9))):
        twin_of = draw(st.sampled_from(rows)) if draw(st.booleans()) else None
        rows.insert(draw(st.integers(0, len(rows))), draw(row(twin_of)))
    return rows


TOLERANCES = st.sampled_from([None, 0, 0.01, 1, 5, "1,50"])


def repartition_workbook(
    rows, with_months: bool, override: bool, tolerance, total: object
) -> WorkbookSnapshot:
    header = ["STRUCTURE", "PLACES D'ACCOMPAGNEMENT", "DURÉE (MOIS)", "DOSSIER RETENU", "MONTANT RETENU"]
    body = [list(r) for r in rows]
    if total is not None:
        body.append(["TOTAL", None, None, None, total])
    if not with_months:
        header.pop(2)
        body = [r[:2] + r[3:] for r in body]
    bareme = [[("" if v is None else v) for v in r] + [""] * (3 - len(r)) for r in lignes(BAREME_SEED)]
    if not override:
        bareme = [r for r in bareme if r[2] == ""]
    sheets = [
        SheetSnapshot("Annexe", [header, *[[("" if v is None else v) for v in r] for r in body]]),
        SheetSnapshot("Barème", bareme),
    ]
    if tolerance is not None:
        sheets.append(SheetSnapshot("Paramètres", [["Paramètre", "Valeur"], ["Tolérance (€)", tolerance]]))
    return WorkbookSnapshot("memoire.xlsx", sheets)


def mismatches(found) -> list[tuple[int, Decimal, int]]:
    return [(row.index, amount.value, computed.cents) for row, amount, computed in found]


@given(
    row_lists(),
    st.sampled_from([True, True, True, False]),
    st.booleans(),
    TOLERANCES,
    st.one_of(st.none(), st.sampled_from(["n.c."]), st.integers(0, 80000)),
)
# TRUE is not one month (True == 1 as a key): the second row must not reuse the first.
@example(
    [("CCAS de Lens", "10 places", True, None, 1600), ("CCAS de Lens", "10 places", 1, None, 133.33)],
    True,
    True,
    None,
    None,
)
@example(
    [("CCAS de Lens", "10 places", 1, None, 133.33), ("CCAS de Lens", "10 places", True, None, 1600)],
    True,
    True,
    None,
    None,
)
# Equal descriptions of two structures, one with its own rate.
@example(
    [
        ("CCAS de Lens", DESCRIPTIONS[1], None, "Oui", 6875),
        ("CCAS d'Hénin Beaumont", DESCRIPTIONS[1], None, None, 6875),
    ],
    False,
    True,
    1,
    13750,
)
@FAST
def test_shared_recomputations_equal_one_recomputation_per_row(rows, with_months, override, tolerance, total):
    ctx = CheckContext.from_snapshot(repartition_workbook(rows, with_months, override, tolerance, total))
    table = ctx.repartitions[0]
    assert table.has("months") is with_months
    fast = mismatches(_recomputed_mismatches(ctx, table))
    assert fast == mismatches(_recomputed_mismatches_plain(ctx, table))


def test_shared_recomputations_examples():
    rows = [
        ("CCAS de Lens", "10 places", True, None, 1600),
        ("CCAS de Lens", "10 places", 1, None, 133.33),
        ("CCAS de Lens", "10 places", 1.0, None, 1600),
        ("CCAS de Lens", DESCRIPTIONS[1], None, None, 6875),
        ("CCAS d'Hénin Beaumont", DESCRIPTIONS[1], None, None, 6875),
        ("CCAS d'Hénin Beaumont", DESCRIPTIONS[1], None, "Non", 6875),
        ("AIFOR", PORTFOLIO_AND_PLACES, "6", None, 17276),
    ]
    ctx = CheckContext.from_snapshot(repartition_workbook(rows, True, True, None, None))
    table = ctx.repartitions[0]
    expected = [(3, Decimal("1600"), 13333), (5, Decimal("6875"), 1125000), (7, Decimal("17276"), 1727500)]
    assert mismatches(_recomputed_mismatches(ctx, table)) == expected
    assert mismatches(_recomputed_mismatches_plain(ctx, table)) == expected
    tolerant = CheckContext.from_snapshot(repartition_workbook(rows, True, True, 1, None))
    assert mismatches(_recomputed_mismatches(tolerant, tolerant.repartitions[0])) == expected[:2]


# --- text, rounding, columns -----------------------------------------------------------

TEXTS = st.text(
    alphabet=st.sampled_from(list(" \t-_'’.,;:/()0123456789aZzéÈàçœŒæÆßÀ\u0301ǅﬁ²ΩЖ日\u00a0")), max_size=16
)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
@FAST
def test_words_of_ascii_text_equal_the_regex_reference(text):
    from pointage.base.text import words_plain, words_uncached

    assert words_uncached(text) == words_plain(text)


@given(TEXTS)
@example("Œuvre Æther ǅemal ﬁn")
@FAST
def test_strip_accents_equals_unicode_decomposition(text):
    from pointage.base.text import strip_accents, strip_accents_plain

    assert strip_accents(text) == strip_accents_plain(text)


def _half_up_by_hand(numerator: int, denominator: int) -> int:
    """The oracle of `to_cents`, by the schoolbook rule and nothing of Pointage's: the
    quotient, plus one when the remainder is half the divisor or more, signed after."""
    quotient, remainder = divmod(abs(numerator), denominator)
    rounded = quotient + (1 if 2 * remainder >= denominator else 0)
    return rounded if numerator >= 0 else -rounded


@given(st.integers(-(10**15), 10**15), st.integers(1, 10**6))
@example(16002, 1200)  # 1 place at 160,02 € for 1 month: 1 333,5 cents, half-up 1 334
@example(-16002, 1200)
@example(1, 200)
@example(-1, 200)
@FAST
def test_an_exact_amount_is_rounded_to_cents_half_up(numerator, denominator):
    from fractions import Fraction

    from pointage.base.numbers import to_cents

    euros = Fraction(numerator, denominator)
    assert to_cents(euros) == _half_up_by_hand(euros.numerator * 100, euros.denominator)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
@example(Decimal("2.675"))
@example(Decimal("-0.005"))
@FAST
def test_a_decimal_amount_is_rounded_to_cents_like_an_exact_one(value):
    from pointage.base.numbers import to_cents

    numerator, denominator = value.as_integer_ratio()
    assert to_cents(value) == _half_up_by_hand(numerator * 100, denominator)


def test_rounding_is_half_up_away_from_zero():
    from fractions import Fraction

    from pointage.base.numbers import to_cents

    twelfths = (16002, -16002, 16001, 5, 6, 7)
    assert [to_cents(Fraction(n, 1200)) for n in twelfths] == [1334, -1334, 1333, 0, 1, 1]
    assert [to_cents(Decimal(n) / 1000) for n in (5, -5, 4, -4, 15)] == [1, -1, 0, 0, 2]


@st.composite
def sheets_and_columns(draw):
    width = draw(st.integers(0, 4))
    values = draw(
        st.lists(
            st.lists(
                st.one_of(st.none(), st.just(""), st.integers(-3, 3), st.text(max_size=2)), max_size=width + 1
            ),
            max_size=6,
        )
    )
    origin_row, origin_col = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    rows = sorted(set(draw(st.lists(st.integers(0, origin_row + len(values) + 2), max_size=8))))
    col = draw(st.integers(0, origin_col + width + 2))
    return SheetSnapshot("A", values, origin_row, origin_col), rows, col


@given(sheets_and_columns())
@FAST
def test_a_column_read_at_once_equals_its_cells_read_one_by_one(drawn):
    sheet, rows, col = drawn
    assert sheet.column(rows, col) == [sheet.value(row, col) for row in rows]


HEADER_CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "STRUCTURE",
            "Montant retenu",
            "MONTANT RETENU (" + "x" * 90 + ")",
            "Cible (besoins) sur 6 mois",
            "OBJET",
            "Territoire(s)",
            "Code opération",
            "note",
            "",
            " ",
        ]
    ),
    st.text(max_size=6),
    st.booleans(),
)


@given(st.lists(HEADER_CELLS, max_size=6))
@example(["STRUCTURE", "MONTANT RETENU (" + "x" * 90 + ")"])
@FAST
def test_the_header_pre_check_never_refuses_a_header_row(cells):
    from pointage.tables.detection import _looks_like_header
    from pointage.tables.headers import is_header_row

    # Rows without a number: a number in a row means it is not a header (a rule, not
    # a shortcut).
    assert _looks_like_header(cells) or not is_header_row(cells)


@given(
    st.one_of(
        st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
        st.integers(min_value=-(10**12), max_value=10**12).map(lambda c: c / 100),
        st.integers(min_value=-(10**15), max_value=10**15),
    )
)
@example(0.125)
@example(0.005)
@example(1020626.7200000002)
@example(2.675)
def test_cents_of_a_typed_number_equals_its_decimal_writing_in_cents(value):
    from pointage.base.numbers import cell_cents

    # The oracle: the number's decimal writing, rounded to the cent by the decimal module.
    written = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    reference = int(written.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    expected = reference if abs(value) < 10**13 else None
    assert cell_cents(value) == expected


_texts = st.sampled_from(
    ["", "CCAS de Lens", "29 275,00 €", "3 354", "TOTAL", "10 000\n3 000", "a\tb", " x ", "y ", "a\rb"]
)


@settings(max_examples=60, deadline=None)
@example([(False, [("CCAS de Lens", False)] * 3), (False, [(" x ", False)] * 3)])  # spaces kept
@given(
    st.lists(
        st.tuples(st.booleans(), st.lists(st.tuples(_texts, st.booleans()), min_size=3, max_size=3)),
        max_size=12,
    )
)
def test_docx_rows_copied_by_shape_equal_rows_formatted_one_by_one(rows):
    from docx import Document

    from pointage.outputs.export.content import Cell, ExportedRow, ExportedTable
    from pointage.outputs.export.docx_writer import _table
    from pointage.outputs.export.layout import TableLayout

    table = ExportedTable(
        "Annexe",
        "A1:C9",
        ("STRUCTURE", "MONTANT", "OBSERVATIONS"),
        tuple(ExportedRow(tuple(Cell(t, n) for t, n in cells), total) for total, cells in rows),
    )
    layout = TableLayout(9.0, (120.0, 80.0, 100.0))
    documents = []
    for copies in (True, False):
        document = Document()
        _table(document, table, layout, copies=copies)
        documents.append(document.element.xml)
    assert documents[0] == documents[1]
