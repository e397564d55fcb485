"""An `.ods` is read in full: calamine reads its values, its content.xml the rest
(error cells, the rows a SUM adds, merged cells, hidden rows and columns), placed by
counting rows and cells as OpenDocument repeats them."""

from __future__ import annotations

from classeurs import ods
from pointage.base.excel_errors import ExcelError
from pointage.engine.check import check_path
from pointage.reading.workbook import read_workbook


def _text(value: str, **attributes: str) -> str:
    extra = "".join(f' {k.replace("__", ":").replace("_", "-")}="{v}"' for k, v in attributes.items())
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{value}</text:p></table:table-cell>'


def _number(value: float, formula: str = "") -> str:
    shown = f"{value:g}"
    formula = f' table:formula="{formula}"' if formula else ""
    return (
        f'<table:table-cell{formula} office:value-type="float" office:value="{value}">'
        f"<text:p>{shown}</text:p></table:table-cell>"
    )


def _error(shown: str, formula: str) -> str:
    return (
        f'<table:table-cell table:formula="{formula}" office:value-type="string" office:string-value="" '
        f'calcext:value-type="error"><text:p>{shown}</text:p></table:table-cell>'
    )


EMPTY = "<table:table-cell/>"


def _row(*cells: str, hidden: bool = False, repeated: int = 0) -> str:
    attributes = ' table:visibility="collapse"' if hidden else ""
    attributes += f' table:number-rows-repeated="{repeated}"' if repeated else ""
    return f"<table:table-row{attributes}>{''.join(cells)}</table:table-row>"


# A table placed at B3 (two empty rows repeated, one empty cell before each row), with
# a hidden column D, a structure merged over two rows, a hidden row, a #REF! in an
# amount, and a SUM total; and a sheet's million empty rows at the end, as LibreOffice
# writes them.
ANNEXE = (
    '<table:table table:name="Annexe">'
    '<table:table-column table:number-columns-repeated="3"/>'
    '<table:table-column table:visibility="collapse"/>'
    '<table:table-column table:number-columns-repeated="1020"/>'
    + _row(EMPTY, repeated=2)
    + _row(EMPTY, _text("STRUCTURE"), _text("MONTANT RETENU"), _text("Note"))
    + _row(
        EMPTY,
        _text("CCAS de Lens", table__number_rows_spanned="2", table__number_columns_spanned="1"),
        _number(1600),
        EMPTY,
    )
    + _row(EMPTY, "<table:covered-table-cell/>", _number(400), EMPTY, hidden=True)
    + _row(EMPTY, _text("CCAS d'Arras"), _error("#REF!", "of:=#REF!"), EMPTY)
    + _row(EMPTY, _text("TOTAL"), _number(2000, "of:=SUM([.C4:.C6])"), EMPTY)
    + _row('<table:table-cell table:number-columns-repeated="1024"/>', repeated=1048567, hidden=True)
    + "</table:table>"
)


def test_what_the_content_xml_says_is_placed_on_calamines_grid(tmp_path):
    [sheet] = read_workbook(ods(tmp_path / "a.ods", ANNEXE)).sheets
    assert (sheet.origin_row, sheet.origin_col) == (2, 1)
    assert sheet.value(5, 2) == "#REF!" and isinstance(sheet.value(5, 2), ExcelError)
    assert sheet.error_cells == frozenset({(5, 2)})
    assert sheet.sums == {(6, 2): (3, 5)}
    assert sheet.merged == [(3, 1, 4, 1)]
    assert sheet.hidden_rows == {4}  # the hidden tail holds no cell
    assert sheet.hidden_cols == {3}


def test_an_error_cell_of_an_ods_is_f010_not_an_empty_amount(tmp_path):
    report = check_path(ods(tmp_path / "a.ods", ANNEXE))
    assert [(f.code, f.cell, f.cells) for f in report.findings] == [
        ("F006", "B5", ("B5",)),  # the hidden column D (`Note`) is read by no check
        ("F010", "C6", ("C6",)),
    ]
    assert [f.code for f in report.findings if f.code == "E001"] == []


def _sheet_of(path):
    [sheet] = read_workbook(path).sheets
    return sheet


def test_a_content_xml_the_parser_refuses_is_read_by_calamine_and_says_so(tmp_path):
    path = ods(tmp_path / "a.ods", ANNEXE, apres="<reste/>")
    report = check_path(path)
    assert not report.unreadable
    assert [f.code for f in report.findings][:1] == ["E001"]
    assert report.findings[0].message.startswith("Lecture incomplète : classeur au format OpenDocument")


def test_the_text_of_an_error_cell_is_not_its_comment(tmp_path):
    commented = ANNEXE.replace(
        "<text:p>#REF!</text:p>",
        "<office:annotation><text:p>À revoir avec le service</text:p></office:annotation><text:p>#REF!</text:p>",
    )
    assert _sheet_of(ods(tmp_path / "a.ods", commented)).value(5, 2) == "#REF!"


def test_attributes_in_single_quotes_are_seen(tmp_path):
    quoted = (
        ANNEXE.replace('calcext:value-type="error"', "calcext:value-type = 'error'")
        .replace('table:visibility="collapse"', "table:visibility = 'collapse'")
        .replace(' table:formula="of:=SUM([.C4:.C6])"', "")
        .replace('table:number-rows-spanned="2"', "table:number-rows-spanned = '2'")
        .replace('table:number-columns-spanned="1"', "")
        .replace('table:formula="of:=#REF!"', "table:formula = 'of:=#REF!'")
    )
    assert _sheet_of(ods(tmp_path / "a.ods", quoted)).error_cells == frozenset({(5, 2)})


def test_an_error_repeated_over_a_huge_block_makes_nothing_known(tmp_path):
    bomb = (
        '<table:table table:name="Annexe">'
        + _row(_text("STRUCTURE"), _text("MONTANT"))
        + '<table:table-row table:number-rows-repeated="10000">'
        + '<table:table-cell table:number-columns-repeated="10000" calcext:value-type="error">'
        + "<text:p>#N/A</text:p></table:table-cell></table:table-row></table:table>"
    )
    import zipfile

    from pointage.reading.ods_extras import scan_ods

    with zipfile.ZipFile(ods(tmp_path / "b.ods", bomb)) as archive:
        assert scan_ods(archive) is None


def test_a_merge_spans_no_further_than_the_sheet(tmp_path):
    huge = ANNEXE.replace('table:number-rows-spanned="2"', 'table:number-rows-spanned="2000000000"')
    assert _sheet_of(ods(tmp_path / "a.ods", huge)).merged == [(3, 1, 6, 1)]
